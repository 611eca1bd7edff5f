"""core.log_coverage (SPEC section 3 "Log coverage"): a local date is covered when at least one log line of any
intranet file falls on it; only window dates up to the date of as_of count. And the demo's Disability Confident."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import duckdb

from pipelines.sql import prepare, run_sql

SQL = Path(__file__).resolve().parents[2] / "pipelines" / "defs" / "intranet" / "sql" / "log_coverage.sql"

# A window of 1-10 June (London, BST = UTC+1). Log lines: 2 June 08:00 UTC (a robot's request counts: a log line
# is a log line), 4 June 23:30 UTC (5 June in London), two files on 6 June, and 11 June outside the window.
TABLES = """
create table core.programmes as select 'P' as programme,
    timestamptz '2025-05-31 23:00:00+00' as window_start, timestamptz '2025-06-10 23:00:00+00' as window_end;
create table staging.intranet_requests as select * from (values
    ('a.log', timestamptz '2025-06-02 08:00:00+00', 'Googlebot'),
    ('a.log', timestamptz '2025-06-04 23:30:00+00', 'Mozilla'),
    ('a.log', timestamptz '2025-06-06 09:00:00+00', 'Mozilla'),
    ('b.log', timestamptz '2025-06-06 10:00:00+00', 'Mozilla'),
    ('b.log', timestamptz '2025-06-11 10:00:00+00', 'Mozilla')
) as t(file_id, requested_at, user_agent);
"""


def coverage(as_of: datetime) -> list[tuple]:
    with duckdb.connect() as connection:
        prepare(connection)
        connection.execute(TABLES)
        run_sql(connection, SQL, timezone="Europe/London", as_of=as_of)
        return connection.execute("select day, log_lines, covered from core.log_coverage order by day").fetchall()


def test_a_day_is_covered_by_any_log_line_on_its_local_date():
    days = coverage(datetime(2025, 6, 30, 18, 0))
    assert [(day.day, lines, covered) for day, lines, covered in days] == [
        (1, 0, False),
        (2, 1, True),
        (3, 0, False),
        (4, 0, False),
        (5, 1, True),
        (6, 2, True),
        (7, 0, False),
        (8, 0, False),
        (9, 0, False),
        (10, 0, False),
    ]


def test_only_window_days_up_to_as_of_count():
    days = coverage(datetime(2025, 6, 6, 9, 0))
    assert days[-1][0] == date(2025, 6, 6) and sum(not covered for _, _, covered in days) == 3
