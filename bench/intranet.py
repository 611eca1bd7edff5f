"""Intranet benchmark: parse, filter and sessionise a large combined log, against DuckDB's bare scan.

    .venv/bin/python -m bench.intranet [--lines 2000000] [--seed 7]

Each contender runs in a fresh process (its own DuckDB, its own peak RSS) on the
same generated log in bench/out/, and the table shows each time as a multiple of
the bare scan. Target: load_requests + page views + visits within 4x the scan.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from bench.weblogs import write_combined_log
from pipelines.formats.weblog import NO_DELIMITER, load_requests
from pipelines.warehouse import run_sql

OUT = Path(__file__).parent / "out"
SQL = Path(__file__).parents[1] / "pipelines" / "defs" / "intranet" / "sql"
PAGES = [f"/learning/law/{topic}" for topic in ("coaching", "wellbeing", "digital-skills", "leading-change", "mentoring")]
PAGES += ["/learning/law", "/learning/law/labs", "/learning/law/labs/lab-07"]
USERS = [f"user{number:04d}" for number in range(2500)]
BARE_SCAN = """
select count(*) from read_csv(
    $path, columns = {'text': 'VARCHAR'}, header = false, auto_detect = false,
    delim = $delimiter, quote = '', escape = '', new_line = '\\r\\n', strict_mode = false
)
"""
CONTENDERS = {
    "bare": "DuckDB bare scan: count(*) of the lines",
    "uptake": "load_requests + page_views.sql + visits.sql",
    "pandas": "Python regex loop + pandas filter and sessionise",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=2_000_000, help="log lines to generate (default 2,000,000, about 450 MB)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--run", choices=CONTENDERS, help=argparse.SUPPRESS)
    parser.add_argument("--log", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.run:
        started, cpu_started = time.perf_counter(), _cpu_seconds()
        figures = RUNNERS[arguments.run](arguments.log)
        figures["seconds"] = time.perf_counter() - started
        figures["cpu_seconds"] = _cpu_seconds() - cpu_started
        figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(figures))
        return
    log = _log(arguments.lines, arguments.seed)
    results = {name: _measure(name, log) for name in CONTENDERS}
    _print_table(log, results)


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _log(lines: int, seed: int) -> Path:
    """The generated log, made once per size and seed (bench/out/ is not committed)."""
    path = OUT / f"intranet-{lines}-{seed}.log"
    if not path.exists():
        print(f"Generating {lines:,} log lines into {path} ...", file=sys.stderr)
        partial = write_combined_log(
            path.with_suffix(".partial"), lines, seed,
            start=datetime(2025, 5, 1), end=datetime(2025, 7, 1), paths=PAGES, users=USERS,
        )
        partial.rename(path)
    return path


def _measure(name: str, log: Path) -> dict:
    command = [sys.executable, "-m", "bench.intranet", "--run", name, "--log", str(log)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _bare(log: Path) -> dict:
    lines = duckdb.connect().execute(BARE_SCAN, {"path": str(log), "delimiter": NO_DELIMITER}).fetchone()[0]
    return {"lines": lines}


def _uptake(log: Path) -> dict:
    database = OUT / "bench-intranet.duckdb"
    database.unlink(missing_ok=True)
    with duckdb.connect(str(database)) as conn:
        load = load_requests(conn, log, file_id="bench")
        for name in ("page_views.sql", "visits.sql"):
            run_sql(conn, SQL / name, visit_gap_minutes=30)
        page_views, visits = conn.execute(
            "select (select count(*) from core.page_views), (select count(*) from core.visits)"
        ).fetchone()
    database.unlink(missing_ok=True)
    return {"lines": load.rows_read, "requests": load.rows_kept, "page_views": page_views, "visits": visits}


_LINE = re.compile(
    r'^(?:\S+:\d+ )?(\S+) \S+ (\S+) \[([^\]]+)\] "([A-Za-z]+) (\S+)[^"]*" (\d{3}) \S+(?: "(?:[^"\\]|\\.)*" "((?:[^"\\]|\\.)*)")?'
)
_STATIC = r"\.(?:css|js|png|jpe?g|gif|svg|ico|woff2?|ttf|map)$"
_ROBOT = "bot|crawl|spider|slurp|monitor|uptime|curl|wget|python-requests"


def _pandas(log: Path) -> dict:
    """The same rules written the usual Python way: a regex per line, then pandas."""
    rows, lines = [], 0
    with open(log, encoding="utf-8", errors="replace") as handle:
        for lines, text in enumerate(handle, start=1):
            match = _LINE.match(text)
            if match:
                rows.append(match.groups())
    frame = pd.DataFrame(rows, columns=["client_ip", "username", "time", "method", "path", "status", "user_agent"])
    requests = len(frame)
    frame["viewed_at"] = pd.to_datetime(frame["time"], format="%d/%b/%Y:%H:%M:%S %z", utc=True)
    frame["status"] = frame["status"].astype(int)
    frame["path"] = frame["path"].str.split("?", n=1).str[0].str.lower().str.rstrip("/").replace("", "/")
    agent = frame["user_agent"].fillna("")
    frame = frame[
        (frame["method"] == "GET")
        & frame["status"].between(200, 399)
        & ~frame["path"].str.contains(_STATIC, regex=True)
        & ~agent.str.lower().str.contains(_ROBOT, regex=True)
    ].copy()
    username = frame["username"].str.replace(r"^.*\\", "", regex=True).str.lower().replace("-", None)
    frame["visitor"] = username.fillna(frame["client_ip"] + " " + agent[frame.index])
    frame = frame.sort_values(["visitor", "viewed_at"], kind="stable")
    gap = frame.groupby("visitor")["viewed_at"].diff()
    frame["visit"] = (gap.isna() | (gap > pd.Timedelta(minutes=30))).cumsum()
    return {"lines": lines, "requests": requests, "page_views": len(frame), "visits": int(frame["visit"].nunique())}


RUNNERS = {"bare": _bare, "uptake": _uptake, "pandas": _pandas}


def _print_table(log: Path, results: dict[str, dict]) -> None:
    bare, bare_cpu = results["bare"]["seconds"], results["bare"]["cpu_seconds"]
    size = log.stat().st_size / 1e6
    print(f"\nIntranet benchmark: {results['bare']['lines']:,} lines, {size:,.0f} MB ({log.name})\n")
    header = (
        f"{'contender':<52} {'seconds':>8} {'x scan':>7} {'CPU s':>6} {'x scan':>7}"
        f" {'peak RSS MB':>12} {'page views':>11} {'visits':>9}"
    )
    print(header)
    print("-" * len(header))
    for name, label in CONTENDERS.items():
        result = results[name]
        print(
            f"{label:<52} {result['seconds']:>8.2f} {result['seconds'] / bare:>7.1f}"
            f" {result['cpu_seconds']:>6.2f} {result['cpu_seconds'] / bare_cpu:>7.1f} {result['peak_rss_mb']:>12,.0f}"
            f" {result.get('page_views', ''):>11} {result.get('visits', ''):>9}"
        )
    ratio = results["uptake"]["seconds"] / bare
    print(f"\nTarget: parse + filter + sessionise within 4x the bare scan: {'met' if ratio <= 4 else 'NOT met'} ({ratio:.1f}x).")


if __name__ == "__main__":
    main()
