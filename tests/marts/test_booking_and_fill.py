"""Bookings and fill (SPEC section 3, Attendance): a session without booking data has NULL registrations and
no-shows, never 0; programme totals add up the sessions with booking data and say how many; the fill rate
counts only sessions with both a capacity over 0 and attendance data."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines.sql import prepare, run_sql
from tests.marts.scenario import ALS, LAW, MB, query

SQL = Path(__file__).resolve().parents[2] / "pipelines" / "defs" / "marts" / "sql"

# Four delivered sessions of one programme, counted by hand:
#   S1 Eventbrite: 10 booked (1 cancelled), 6 came, 3 no-shows; capacity 10.
#   S2 Teams only: 8 present, no booking data; capacity 20.
#   S3 no attendance file at all; capacity 30 (it must not lower the fill rate).
#   S4 sign-in sheet with a Status column: 4 present, 1 absent; capacity 0 (no capacity: not in the fill rate).
TABLES = """
create table core.sessions as select * from (values
    ('S1', 'P', 'One', timestamp '2025-06-02 10:00', 'online', 10, 100.0, true),
    ('S2', 'P', 'Two', timestamp '2025-06-03 10:00', 'online', 20, 100.0, true),
    ('S3', 'P', 'Three', timestamp '2025-06-04 10:00', 'in person', 30, 100.0, true),
    ('S4', 'P', 'Four', timestamp '2025-06-05 10:00', 'in person', 0, 100.0, true)
) as t(session_id, programme, title, start_at, format, capacity, cost_gbp, delivered);
alter table core.sessions add column location varchar;
create table staging.attendance_linked as
select 'S1' as session_id, true as registered from range(10)
union all select 'S2', false from range(8)
union all select 'S4', true from range(5);
create table core.attendance as
select 'S1' as session_id, 'a' || i as person_key, false as is_guest, true as registered,
    case when i < 6 then 'attended' else 'no_show' end as attendance_status
from range(9) as r(i)
union all select 'S2', 'b' || i, false, false, 'attended' from range(8) as r(i)
union all select 'S4', 'c' || i, false, true, case when i < 4 then 'attended' else 'no_show' end from range(5) as r(i);
create table core.responses (
    programme varchar, session_id varchar, person_key varchar, rating bigint, recommend bigint
);
create table core.session_intranet (session_id varchar, programme varchar, page_views bigint, programme_visits bigint);
create table core.programmes as select 'P' as programme, date '2025-06-02' as first_session_date,
    date '2025-06-05' as last_session_date, 4 as sessions_delivered, false as managers_only, 400.0 as total_cost_gbp;
create table core.headcount as select 'P' as programme, 'a' || i as person_key from range(50) as r(i);
create table core.participants as select 'P' as programme, 'a' || i as person_key from range(6) as r(i);
create table core.programme_intranet (
    programme varchar, page_views bigint, programme_visits bigint, unique_visitors bigint
);
create table core.intranet_engaged (programme varchar, person_key varchar);
create table core.log_coverage (programme varchar, day date, log_lines bigint, covered boolean);
create table core.programme_paths (programme varchar, session_id varchar, path varchar);
"""


@pytest.fixture(scope="module")
def connection():
    with duckdb.connect() as connection:
        prepare(connection)
        connection.execute(TABLES)
        run_sql(connection, SQL / "session_metrics.sql")
        run_sql(connection, SQL / "programme_reach.sql")
        yield connection


def test_a_session_without_booking_data_has_no_registrations_or_no_shows_rather_than_0(connection):
    assert connection.execute(
        "select session_id, registrations, no_shows, has_booking_data, has_attendance_data, fill_rate_pct "
        "from marts.session_metrics order by session_id"
    ).fetchall() == [
        ("S1", 9, 3, True, True, 60.0),
        ("S2", None, None, False, True, 40.0),
        ("S3", None, None, False, False, None),
        ("S4", 5, 1, True, True, None),
    ]


def test_programme_totals_add_up_the_sessions_with_booking_data_and_fill_the_sessions_with_both(connection):
    # Registrations 9 + 5, no-shows 3 + 1: 4 / 14. Fill: (6 + 8) / (10 + 20);
    # S3 (no data) and S4 (no capacity) left out.
    registrations, no_shows, rate, with_booking, fill = connection.execute(
        "select registrations, no_shows, no_show_rate_pct, sessions_with_booking_data,"
        " fill_rate_pct from marts.programme_reach"
    ).fetchone()
    assert (registrations, no_shows, with_booking) == (14, 4, 2)
    assert rate == pytest.approx(100 * 4 / 14) and fill == pytest.approx(100 * 14 / 30)


def test_the_council_scenario(warehouse):
    # LAW: only LAW-03's sheet has a Status column (100 booked, 22 absent); the other sign-ins are attendance only.
    # MB: sign-ins without Status, so no booking data at all: NULL, not 0.
    assert query(
        warehouse,
        "select programme, registrations, no_shows, sessions_with_booking_data from marts.programme_reach order by "
        "programme",
    ) == [(ALS, 48, 11, 8), (LAW, 100, 22, 1), (MB, None, None, 0)]
