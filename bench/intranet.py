"""Intranet benchmark: the log's rules three ways on one generated combined log, each in its own process.

    .venv/bin/python -m bench.intranet [--lines 2000000] [--seed 7]

- the floor: one DuckDB query that reads the log with the CSV reader (space-delimited, quoted
  fields), keeps page views by the SPEC's rule and cuts 30-minute visits with a window function;
- Uptake's own steps: load_requests (every line staged, rejects with their reason), then
  intranet_users.sql, page_views.sql and visits.sql, on a DuckDB file as the warehouse is;
- the usual Python way: a regex per line, then pandas.

Each runs in a fresh process (its own DuckDB, its own peak RSS); the table gives wall-clock
and CPU seconds (the machine may be shared: CPU seconds are the steadier figure).
The whole refresh, with its targets, is `make bench` (bench/run.py).
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
from pipelines.formats.weblog import load_requests
from pipelines.sql import prepare, run_sql

OUT = Path(__file__).parent / "out"
SQL = Path(__file__).parents[1] / "pipelines" / "defs" / "intranet" / "sql"
TOPICS = ("coaching", "wellbeing", "digital-skills", "leading-change", "mentoring")
PAGES = [f"/learning/law/{topic}" for topic in TOPICS]
PAGES += ["/learning/law", "/learning/law/labs", "/learning/law/labs/lab-07"]
USERS = [f"user{number:04d}" for number in range(2500)]

# The fair floor: what one hand-written query needs to read the log and apply the SPEC's rules.
FLOOR = r"""
with requests as (
    select
        coalesce(nullif(lower(regexp_replace(username, '^.*\\', '')), '-'), client || ' ' || agent) as visitor,
        try_strptime(stamp || ' ' || zone, '[%d/%b/%Y:%H:%M:%S %z]') as viewed_at,
        lower(split_part(split_part(request, ' ', 2), '?', 1)) as path,
        request,
        try_cast(status as integer) as status,
        lower(coalesce(agent, '')) as agent
    from read_csv(
        $path, delim = ' ', quote = '"', escape = '\', header = false, auto_detect = false, null_padding = true,
        ignore_errors = true, strict_mode = false,
        columns = {
            'client': 'VARCHAR', 'identity': 'VARCHAR', 'username': 'VARCHAR', 'stamp': 'VARCHAR', 'zone': 'VARCHAR',
            'request': 'VARCHAR', 'status': 'VARCHAR', 'bytes': 'VARCHAR', 'referer': 'VARCHAR', 'agent': 'VARCHAR'
        }
    )
),
page_views as (
    select visitor, viewed_at
    from requests
    where starts_with(request, 'GET ') and status between 200 and 399
        and not regexp_matches(rtrim(path, '/'), '\.(css|js|png|jpe?g|gif|svg|ico|woff2?|ttf|map)$')
        and not regexp_matches(agent, 'bot|crawl|spider|slurp|monitor|uptime|curl|wget|python-requests')
),
gaps as (
    select
        coalesce(viewed_at - lag(viewed_at) over (partition by visitor order by viewed_at) > interval 30 minutes, true)
            as starts_visit
    from page_views
)
select count(*) as page_views, count(*) filter (where starts_visit) as visits from gaps
"""
CONTENDERS = {
    "floor": "DuckDB floor: one query (CSV reader, page-view rule, visit window)",
    "uptake": "Uptake: load_requests + users + page_views + visits",
    "pandas": "Python regex loop + pandas filter and sessionise",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--lines", type=int, default=2_000_000, help="log lines to generate (default 2,000,000, about 450 MB)"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--run", choices=CONTENDERS, help=argparse.SUPPRESS)
    parser.add_argument("--log", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.run:
        with Stopwatch() as watch:
            figures = RUNNERS[arguments.run](arguments.log)
        figures.update(watch.figures(), peak_rss_mb=peak_rss_mb())
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


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _log(lines: int, seed: int) -> Path:
    """The generated log, made once per size and seed (bench/out/ is not committed)."""
    path = OUT / f"intranet-{lines}-{seed}.log"
    if not path.exists():
        print(f"Generating {lines:,} log lines into {path} ...", file=sys.stderr)
        partial = write_combined_log(
            path.with_suffix(".partial"),
            lines,
            seed,
            start=datetime(2025, 5, 1),
            end=datetime(2025, 7, 1),
            paths=PAGES,
            users=USERS,
        )
        partial.rename(path)
    return path


def _measure(name: str, log: Path) -> dict:
    command = [sys.executable, "-m", "bench.intranet", "--run", name, "--log", str(log)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _floor(log: Path) -> dict:
    page_views, visits = duckdb.connect().execute(FLOOR, {"path": str(log)}).fetchone()
    return {"page_views": page_views, "visits": visits}


def _uptake(log: Path) -> dict:
    """The pipeline's own steps, on a DuckDB file as the warehouse is."""
    database = OUT / "bench-intranet.duckdb"
    database.unlink(missing_ok=True)
    steps = {}
    with duckdb.connect(str(database)) as conn:
        prepare(conn)
        with Stopwatch() as steps["load_requests"]:
            load = load_requests(conn, log, file_id="bench")
        # No roster here: the users link to nobody, as guests' would.
        conn.execute("create table staging.person_identifiers (person_key varchar, kind varchar, value varchar)")
        conn.execute(
            "create table staging.corrections (row bigint, kind varchar, value varchar, maps_to varchar, file varchar)"
        )
        for name in ("intranet_users", "page_views", "visits"):
            with Stopwatch() as steps[f"{name}.sql"]:
                run_sql(conn, SQL / f"{name}.sql", visit_gap_minutes=30, salt="bench")
        page_views, visits = conn.execute(
            "select (select count(*) from core.page_views), (select count(*) from core.visits)"
        ).fetchone()
    database.unlink(missing_ok=True)
    return {
        "lines": load.rows_read,
        "requests": load.rows_kept,
        "page_views": page_views,
        "visits": visits,
        "steps": {name: watch.figures() for name, watch in steps.items()},
    }


_LINE = re.compile(
    r'^(?:\S+:\d+ )?(\S+) \S+ (\S+) \[([^\]]+)\] "([A-Za-z]+) (\S+)[^"]*" (\d{3}) \S+'
    r'(?: "(?:[^"\\]|\\.)*" "((?:[^"\\]|\\.)*)")?'
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


RUNNERS = {"floor": _floor, "uptake": _uptake, "pandas": _pandas}


def _print_table(log: Path, results: dict[str, dict]) -> None:
    floor = results["floor"]
    megabytes = log.stat().st_size / 1e6
    print(f"\nIntranet benchmark: {results['uptake']['lines']:,} lines, {megabytes:,.0f} MB ({log.name})\n")
    header = (
        f"{'contender':<66} {'seconds':>8} {'x floor':>7} {'CPU s':>7} {'x floor':>7}"
        f" {'peak RSS MB':>12} {'page views':>11} {'visits':>9}"
    )
    print(header)
    print("-" * len(header))

    def row(label: str, figures: dict, result: dict) -> None:
        rss = f"{result['peak_rss_mb']:,.0f}" if "peak_rss_mb" in result else ""
        print(
            f"{label:<66} {figures['seconds']:>8.2f} {figures['seconds'] / floor['seconds']:>7.1f}"
            f" {figures['cpu_seconds']:>7.2f} {figures['cpu_seconds'] / floor['cpu_seconds']:>7.1f}"
            f" {rss:>12} {result.get('page_views', ''):>11} {result.get('visits', ''):>9}"
        )

    for name, label in CONTENDERS.items():
        row(label, results[name], results[name])
        for step, figures in results[name].get("steps", {}).items():
            row(f"    of which {step}", figures, {})


if __name__ == "__main__":
    main()
