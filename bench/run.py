"""`make bench`: a year of intranet logs through the whole refresh, side by side with its baselines.

One run prints: the demo refresh without and with a 2,000,000-line combined log (about
450 MB), the log's added refresh time against DuckDB's bare scan of the same file, a plain
Python regex + pandas parse of it, the refresh's peak memory, a second refresh with
nothing new, and a third with one more day's log (20,000 lines: the weekly case, where
only the new log's requests are parsed and checked). Each contender runs in its own
process, so peak memory is its own.

Targets (issue 4): added time <= 4x the bare scan; peak memory <= 1.5 GB; the second
refresh <= 30% of the first.
"""

import argparse
import json
import resource
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from bench.intranet import OUT, PAGES, USERS, Stopwatch, _log, _measure
from bench.weblogs import write_combined_log
from scripts.demo import generate

REFRESHES = ("without_log", "with_log", "again", "new_day")
NEW_DAY_LINES = 20_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=2_000_000, help="lines of the big log (default 2,000,000)")
    parser.add_argument("--run", choices=REFRESHES, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.run:
        print(json.dumps(_refresh(arguments.run)))
        return
    log = _log(arguments.lines, seed=7)
    _prepare(log)
    results = {name: _measure(name, log) for name in ("bare", "pandas")}
    results |= {name: _measure_refresh(name) for name in REFRESHES}
    _print(log, results)


def _prepare(log: Path) -> None:
    """Two raw folders from the seeded demo: as committed, and with the big log added."""
    for name in ("without_log", "with_log"):
        folder = OUT / "refresh" / name
        shutil.rmtree(folder, ignore_errors=True)
        generate(folder / "raw", seed=2025)
    big = OUT / "refresh" / "with_log" / "raw" / "intranet" / "big-access.log"
    big.hardlink_to(log)  # bench/out holds both, so no 450 MB copy


def _measure_refresh(name: str) -> dict:
    done = subprocess.run([sys.executable, "-m", "bench.run", "--run", name], check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _refresh(name: str) -> dict:
    from pipelines.refresh import run_refresh
    from pipelines.settings import load_settings

    folder = OUT / "refresh" / ("with_log" if name in ("again", "new_day") else name)
    if name in ("without_log", "with_log"):
        shutil.rmtree(folder / "warehouse", ignore_errors=True)
    if name == "new_day":  # written before the stopwatch starts: a log the refresh has not seen
        write_combined_log(
            folder / "raw" / "intranet" / "access-2025-07-01.log", NEW_DAY_LINES, seed=8,
            start=datetime(2025, 7, 1), end=datetime(2025, 7, 2), paths=PAGES, users=USERS,
        )
    settings = load_settings(folder / "raw", folder / "warehouse" / "uptake.duckdb", folder / "reports", Path("data/demo.toml"))
    with Stopwatch() as watch:
        outcome = run_refresh(settings)
    if not outcome.published:
        raise SystemExit(f"the {name} refresh did not publish: {outcome.failures}")
    return watch.figures() | {"peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _print(log: Path, results: dict) -> None:
    bare, pandas = results["bare"], results["pandas"]
    without, with_log, again, new_day = (results[name] for name in REFRESHES)
    added = with_log["seconds"] - without["seconds"]
    added_cpu = with_log["cpu_seconds"] - without["cpu_seconds"]
    print(f"\nRefresh benchmark: the demo plus {bare['lines']:,} log lines ({log.stat().st_size / 1e6:,.0f} MB)\n")
    print(f"{'measure':<58} {'seconds':>8} {'CPU s':>8} {'peak MB':>8} {'x bare scan':>12}")
    rows = [
        ("DuckDB bare scan of the log: count(*) of its lines", bare),
        ("Python regex + pandas parse, filter and sessionise", pandas),
        ("refresh of the demo without the log", without),
        ("refresh of the demo with the log", with_log),
        ("second refresh with nothing new", again),
        (f"third refresh with one more day's log ({NEW_DAY_LINES:,} lines)", new_day),
    ]
    for label, figures in rows:
        print(f"{label:<58} {figures['seconds']:>8.2f} {figures['cpu_seconds']:>8.2f} {figures['peak_rss_mb']:>8,.0f} {figures['seconds'] / bare['seconds']:>12.1f}")
    print(f"{'the log added to the refresh':<58} {added:>8.2f} {added_cpu:>8.2f} {'':>8} {added / bare['seconds']:>12.1f}")
    checks = [
        ("log's added refresh time <= 4x the bare scan", added / bare["seconds"] <= 4, f"{added / bare['seconds']:.1f}x"),
        ("peak memory of the refresh <= 1.5 GB", with_log["peak_rss_mb"] <= 1536, f"{with_log['peak_rss_mb']:,.0f} MB"),
        ("second refresh <= 30% of the first", again["seconds"] <= 0.3 * with_log["seconds"], f"{100 * again['seconds'] / with_log['seconds']:.0f}%"),
    ]
    print()
    for label, met, figure in checks:
        print(f"{'met' if met else 'NOT met':>8}: {label} ({figure})")


if __name__ == "__main__":
    main()
