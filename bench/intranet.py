"""Intranet benchmark: parse, filter and sessionise a large combined log, against DuckDB's bare scan.

    .venv/bin/python -m bench.intranet [--lines 2000000] [--seed 7]

Each contender runs in a fresh process (its own DuckDB, its own peak RSS) on the
same generated log in bench/out/, and the table shows each as a multiple of the
bare scan, in wall-clock and in CPU seconds (the machine may be shared).
Target: load_requests + page views + visits within 4x the scan.
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
from pipelines.sql import run_sql

OUT = Path(__file__).parent / "out"
SQL = Path(__file__).parents[1] / "pipelines" / "defs" / "intranet" / "sql"
PAGES = [f"/learning/law/{topic}" for topic in ("coaching", "wellbeing", "digital-skills", "leading-change", "mentoring")]
PAGES += ["/learning/law", "/learning/law/labs", "/learning/law/labs/lab-07"]
USERS = [f"user{number:04d}" for number in range(2500)]
LINES = """
read_csv(
    $path, columns = {'text': 'VARCHAR'}, header = false, auto_detect = false,
    delim = $delimiter, quote = '', escape = '', new_line = '\\r\\n', strict_mode = false
)
"""
CONTENDERS = {
    "bare": "DuckDB bare scan: count(*) of the lines",
    "lines": "DuckDB: numbered lines into a table, no parsing",
    "uptake": "Uptake: load_requests + users + page_views + visits",
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
        with Stopwatch() as watch:
            figures = RUNNERS[arguments.run](arguments.log)
        figures.update(watch.figures(), peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        print(json.dumps(figures))
        return
    log = _log(arguments.lines, arguments.seed)
    results = {name: _measure(name, log) for name in CONTENDERS}
    _print_table(log, results)


class Stopwatch:
    """Wall-clock and CPU seconds (all threads) of a block."""

    def __enter__(self):
        self.started, self.cpu_started = time.perf_counter(), _cpu_seconds()
        return self

    def __exit__(self, *exc_info):
        self.seconds, self.cpu_seconds = time.perf_counter() - self.started, _cpu_seconds() - self.cpu_started

    def figures(self) -> dict:
        return {"seconds": self.seconds, "cpu_seconds": self.cpu_seconds}


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
    lines = duckdb.connect().execute(f"select count(*) from {LINES}", {"path": str(log), "delimiter": NO_DELIMITER}).fetchone()[0]
    return {"lines": lines}


def _lines(log: Path) -> dict:
    conn = duckdb.connect()
    conn.execute(f"create table lines as select row_number() over () as line, text from {LINES}", {"path": str(log), "delimiter": NO_DELIMITER})
    return {"lines": conn.execute("select count(*) from lines").fetchone()[0]}


def _uptake(log: Path) -> dict:
    """The pipeline's own steps, on a DuckDB file as the warehouse is."""
    database = OUT / "bench-intranet.duckdb"
    database.unlink(missing_ok=True)
    steps = {}
    with duckdb.connect(str(database)) as conn:
        with Stopwatch() as steps["load_requests"]:
            load = load_requests(conn, log, file_id="bench")
        # No roster here: the users link to nobody, as guests' would.
        conn.execute("create table staging.person_identifiers (person_key varchar, kind varchar, value varchar)")
        conn.execute("create table staging.corrections (row bigint, kind varchar, value varchar, maps_to varchar, file varchar)")
        for name in ("intranet_users", "page_views", "visits"):
            with Stopwatch() as steps[f"{name}.sql"]:
                run_sql(conn, SQL / f"{name}.sql", visit_gap_minutes=30, salt="bench")
        page_views, visits = conn.execute(
            "select (select count(*) from core.page_views), (select count(*) from core.visits)"
        ).fetchone()
    database.unlink(missing_ok=True)
    return {
        "lines": load.rows_read, "requests": load.rows_kept, "page_views": page_views, "visits": visits,
        "steps": {name: watch.figures() for name, watch in steps.items()},
    }


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


RUNNERS = {"bare": _bare, "lines": _lines, "uptake": _uptake, "pandas": _pandas}


def _print_table(log: Path, results: dict[str, dict]) -> None:
    bare = results["bare"]
    size = log.stat().st_size / 1e6
    print(f"\nIntranet benchmark: {bare['lines']:,} lines, {size:,.0f} MB ({log.name})\n")
    header = (
        f"{'contender':<50} {'seconds':>8} {'x scan':>7} {'CPU s':>7} {'x scan':>7}"
        f" {'peak RSS MB':>12} {'page views':>11} {'visits':>9}"
    )
    print(header)
    print("-" * len(header))

    def row(label: str, figures: dict, result: dict) -> None:
        rss = f"{result['peak_rss_mb']:,.0f}" if "peak_rss_mb" in result else ""
        print(
            f"{label:<50} {figures['seconds']:>8.2f} {figures['seconds'] / bare['seconds']:>7.1f}"
            f" {figures['cpu_seconds']:>7.2f} {figures['cpu_seconds'] / bare['cpu_seconds']:>7.1f}"
            f" {rss:>12}"
            f" {result.get('page_views', ''):>11} {result.get('visits', ''):>9}"
        )

    for name, label in CONTENDERS.items():
        row(label, results[name], results[name])
        for step, figures in results[name].get("steps", {}).items():
            row(f"    of which {step}", figures, {})
    wall, cpu = (results["uptake"][key] / bare[key] for key in ("seconds", "cpu_seconds"))
    verdict = "met" if wall <= 4 else "NOT met"
    print(f"\nTarget: parse + filter + sessionise within 4x the bare scan: {verdict} ({wall:.1f}x wall, {cpu:.1f}x CPU).")


if __name__ == "__main__":
    main()
