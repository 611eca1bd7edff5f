"""A small warehouse written by hand, with figures counted by hand, for the publication tests.

Two programmes: Learning at Work Week 2025 (four delivered sessions over two weeks, one without
attendance data, one cancelled; intranet and feedback) and Action Learning Sets 2025 (managers,
one cohort). Core tables hold only the columns the page marts read; the other teams' marts are
written as rows, the way their SQL would leave them. Traps: a session title and group names that
are HTML or spreadsheet formulas, small cells to suppress, a quarantined record full of personal data.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb

from pipelines.defs.marts.pages import PAGE_MARTS, build_page_mart
from pipelines.settings import Settings

AS_OF = datetime(2025, 6, 30, 18, 0)
LAW, ALS = "Learning at Work Week 2025", "Action Learning Sets 2025"
EVIL_TITLE = '<script>alert("x")</script> & Co'
# Personal data that exists only in the quarantine and the checks' examples: no page may show it.
PERSONAL = ["Jane Doe", "Doe, Jane", "jane.doe@example.gov.uk", "E09999", "07700 900123"]

CORE = f"""
create schema if not exists core; create schema if not exists marts; create schema if not exists audit;
create schema if not exists quarantine;

create table core.sessions as select * from (values
    ('LAW-01', '{LAW}', 'Coaching conversations', timestamp '2025-06-02 10:00', true),
    ('LAW-02', '{LAW}', $${EVIL_TITLE}$$, timestamp '2025-06-03 14:00', true),
    ('LAW-03', '{LAW}', 'Resilience lab', timestamp '2025-06-10 09:30', true),
    ('LAW-04', '{LAW}', 'Cancelled lab', timestamp '2025-06-12 09:30', false),
    ('LAW-05', '{LAW}', 'Menopause awareness', timestamp '2025-06-11 12:00', true),
    ('ALS-01', '{ALS}', 'Set 1 meeting 1', timestamp '2025-06-05 09:30', true),
    ('ALS-02', '{ALS}', 'Set 1 meeting 2', timestamp '2025-06-06 09:30', true)
) as t(session_id, programme, title, start_at, delivered);

-- Windows: 14 days either side, 00:00 London time (BST, UTC+1).
create table core.programmes as select * from (values
    ('{LAW}', date '2025-06-02', date '2025-06-11', 4, false, 1275.0,
        timestamptz '2025-05-18 23:00:00+00', timestamptz '2025-06-25 23:00:00+00'),
    ('{ALS}', date '2025-06-05', date '2025-06-06', 2, true, 600.0,
        timestamptz '2025-05-21 23:00:00+00', timestamptz '2025-06-20 23:00:00+00')
) as t(programme, first_session_date, last_session_date, sessions_delivered, managers_only, total_cost_gbp,
    window_start, window_end);

create table core.programme_paths as select * from (values
    ('{LAW}', 'LAW-01', '/learning/law/coaching'), ('{LAW}', null, '/learning/law')
) as t(programme, session_id, path);

-- 40 employees in LAW's headcount, 9 managers in ALS's.
create table core.headcount as
select '{LAW}' as programme, 'p' || lpad(i::varchar, 2, '0') as person_key,
    date '2025-05-01' as snapshot_date from range(1, 41) as r(i)
union all
select '{ALS}', 'm' || lpad(i::varchar, 2, '0'), date '2025-05-01' from range(1, 10) as r(i);

-- LAW-01: p01-p12 attended, p13 partial, a guest, p14 a no-show. LAW-02: p01-p05 again, p15-p17.
-- LAW-05: p18-p20, p01 again, and p41 who is not in the headcount. LAW-03: no attendance data.
create table core.attendance as
select 'LAW-01' as session_id, 'p' || lpad(i::varchar, 2, '0') as attendee_key,
    'p' || lpad(i::varchar, 2, '0') as person_key,
    'attended' as attendance_status
from range(1, 13) as r(i)
union all select 'LAW-01', 'p13', 'p13', 'partial'
union all select 'LAW-01', 'guest:1', null, 'attended'
union all select 'LAW-01', 'p14', 'p14', 'no_show'
union all select 'LAW-02', 'p0' || i, 'p0' || i, 'attended' from range(1, 6) as r(i)
union all select 'LAW-02', 'p' || i, 'p' || i, 'attended' from range(15, 18) as r(i)
union all select 'LAW-05', 'p' || i, 'p' || i, 'attended' from range(18, 21) as r(i)
union all select 'LAW-05', 'p01', 'p01', 'attended'
union all select 'LAW-05', 'p41', 'p41', 'attended'
union all select 'ALS-01', 'm0' || i, 'm0' || i, 'attended' from range(1, 7) as r(i)
union all select 'ALS-02', 'm0' || i, 'm0' || i, 'attended' from range(1, 6) as r(i);

-- Logs run from 30 May to 4 June (UTC). alice's visit starts 23:50 on 1 June London time and
-- runs past midnight; bob visits twice in one visit on 2 June; an anonymous visitor on 3 June.
create table core.page_views as select * from (values
    (timestamptz '2025-05-30 08:00:00+00', '/news'),
    (timestamptz '2025-06-04 10:00:00+00', '/news')
) as t(viewed_at, path);
create table core.programme_page_views as select * from (values
    ('{LAW}', null, 1, 'alice', 'alice', timestamptz '2025-06-01 22:50:00+00', '/learning/law'),
    ('{LAW}', 'LAW-01', 1, 'alice', 'alice', timestamptz '2025-06-01 23:10:00+00', '/learning/law/coaching'),
    ('{LAW}', 'LAW-01', 2, 'bob', 'bob', timestamptz '2025-06-02 09:00:00+00', '/learning/law/coaching'),
    ('{LAW}', null, 2, 'bob', 'bob', timestamptz '2025-06-02 09:05:00+00', '/learning/law'),
    ('{LAW}', null, 3, '10.0.0.1 Mozilla', null, timestamptz '2025-06-03 12:00:00+00', '/learning/law')
) as t(programme, session_id, visit_id, visitor, username, viewed_at, path);

-- Log coverage: the logs cover 30 May - 4 June (London days) of LAW's window (19 May - 25 June, 38 days): 32 days
-- without a log. ALS's window (22 May - 20 June) has the same 6 days covered.
create table core.log_coverage as
select programme, day::date as day,
    case when day between date '2025-05-30' and date '2025-06-04' then 10 else 0 end as log_lines,
    day between date '2025-05-30' and date '2025-06-04' as covered
from (
    select '{LAW}' as programme, unnest(generate_series(timestamp '2025-05-19', timestamp '2025-06-25',
        interval 1 day)) as day
    union all
    select '{ALS}', unnest(generate_series(timestamp '2025-05-22', timestamp '2025-06-20', interval 1 day))
);

-- Ratings 5 5 4 4 4 3; recommend 10 9 9 8 6 and one unanswered: NPS = 60% - 20% = +40.
create table core.responses as select * from (values
    ('{LAW}', 5, 10), ('{LAW}', 5, 9), ('{LAW}', 4, 9), ('{LAW}', 4, 8), ('{LAW}', 4, 6), ('{LAW}', 3, null)
) as t(programme, rating, recommend);

create table marts.session_metrics as select * from (values
    ('LAW-01', '{LAW}', 'Coaching conversations', timestamp '2025-06-02 10:00', 40, 'Online', 'online', 14, 13, 1, 1,
        35.0, 2, 4, 4.5, 50.0, 475.0, true, true, false, true),
    ('LAW-02', '{LAW}', $${EVIL_TITLE}$$, timestamp '2025-06-03 14:00', 20, 'Civic Centre', 'in person', 8, 8, 0, null,
        40.0, 0, 2, 4.0, 0.0, 0.0, true, false, false, false),
    ('LAW-03', '{LAW}', 'Resilience lab', timestamp '2025-06-10 09:30', 30, 'Depot', 'in person', 0, 0, 0, null, null,
        0, 0, null, null, 500.0, false, null, null, false),
    ('LAW-05', '{LAW}', 'Menopause awareness', timestamp '2025-06-11 12:00', 25, 'Online', 'online', 5, 5, 0, null,
        20.0, 0, 0, null, null, 300.0, true, false, true, false),
    ('ALS-01', '{ALS}', 'Set 1 meeting 1', timestamp '2025-06-05 09:30', 9, 'Civic Centre', 'in person', 6, 6, 0, 0,
        66.67, 0, 0, null, null, 300.0, true, true, false, true),
    ('ALS-02', '{ALS}', 'Set 1 meeting 2', timestamp '2025-06-06 09:30', 9, 'Civic Centre', 'in person', 5, 5, 0, 0,
        55.56, 0, 0, null, null, 300.0, true, false, true, true)
) as t(session_id, programme, title, start, capacity, location, format, attendances, attended, partial, no_shows,
       fill_rate_pct, programme_visits, feedback_responses, avg_rating, nps, cost_gbp, has_attendance_data, busiest,
       quietest, has_booking_data);

alter table marts.session_metrics add column registrations bigint;
update marts.session_metrics
set registrations = case session_id when 'LAW-01' then 3 when 'ALS-01' then 6 when 'ALS-02' then 5 end;

create table marts.programme_reach as select * from (values
    ('{LAW}', date '2025-06-02', date '2025-06-11', 4, 40, 19, 47.5, 27, 1, 3, 1, 33.333, 23.478,
     5, 3, 3, 0.75, 6, 22.222, 4.1667, 40.0, 21, 52.5, 1275.0, 67.105, 1, 32),
    ('{ALS}', date '2025-06-05', date '2025-06-06', 2, 9, 6, 66.667, 11, 0, 11, 0, 0.0, 61.111,
     0, 0, 0, 0.0, 0, 0.0, null, null, 6, 66.667, 600.0, 100.0, 2, 24)
) as t(programme, first_session_date, last_session_date, sessions_delivered, headcount, participants, participation_pct,
       attendances, guests, registrations, no_shows, no_show_rate_pct, fill_rate_pct, page_views, programme_visits,
       unique_visitors, visits_per_session, feedback_responses, response_rate_pct, avg_rating, nps, engaged_people,
       engaged_pct, total_cost_gbp, cost_per_participant_gbp, sessions_with_booking_data, log_uncovered_days);

create table marts.reach_by_group as select * from (values
    ('{LAW}', 'directorate', 'Adults', 15, 8, 53.333, false, false, true, false, 2),
    ('{LAW}', 'directorate', 'Children''s', 12, 6, 50.0, false, false, false, true, 3),
    ('{LAW}', 'directorate', 'Resources', 10, 3, 30.0, true, false, false, false, 4),
    ('{LAW}', 'directorate', '=cmd|'' /C calc''!A0', 3, 2, 66.667, true, true, false, false, 1),
    ('{LAW}', 'grade', 'PO3', 20, 11, 55.0, false, false, true, true, 2),
    ('{LAW}', 'grade', 'SO2', 18, 8, 44.444, true, false, false, false, 1),
    ('{LAW}', 'grade', 'Chief <b>Officer</b>', 2, 0, 0.0, true, true, false, false, 3),
    ('{LAW}', 'manager', 'Manager', 8, 4, 50.0, true, false, false, false, 1),
    ('{LAW}', 'manager', 'Not a manager', 32, 15, 46.875, true, false, false, false, 2),
    ('{LAW}', 'sex', 'Female', 25, 12, 48.0, false, false, true, false, 1),
    ('{LAW}', 'sex', 'Male', 15, 7, 46.667, false, false, false, true, 2),
    ('{ALS}', 'directorate', 'Adults', 9, 6, 66.667, false, false, true, true, 1)
) as t(programme, dimension, group_name, headcount, participants, participation_pct, suppressed, headcount_suppressed,
       highest_shown, lowest_shown, group_order);

create table marts.ten_things as select * from (values
    ('{LAW}', 1, 'participants', 19.0, '19 people took part'),
    ('{LAW}', 2, 'engaged_pct', 52.5, 'An estimated 53% of the workforce got involved in some way'),
    ('{LAW}', 3, 'nps', 40.0, 'The Net Promoter Score was +40')
) as t(programme, rank, metric, value, text);

create table marts.changes_since_last as select * from (values
    ('{LAW}', timestamp '2025-06-23 18:00', 'participants', 15.0, 19.0, 4.0),
    ('{LAW}', timestamp '2025-06-23 18:00', 'attendances', 20.0, 27.0, 7.0),
    ('{LAW}', timestamp '2025-06-23 18:00', 'programme_visits', 3.0, 3.0, 0.0),
    ('{LAW}', timestamp '2025-06-23 18:00', 'feedback_responses', 7.0, 6.0, -1.0),
    ('{ALS}', null, 'participants', null, 6.0, null)
) as t(programme, previous_as_of, metric, previous_value, current_value, change);

create table marts.cohort_summary as select * from (values
    ('{ALS}', 'Set 1', 6, 2, 2, 5, 83.333, false, false)
) as t(programme, cohort, members, meetings_held, meetings_with_data, completed_members, completion_pct,
    members_suppressed, completed_suppressed);

create table audit.files as select * from (values
    ('roster/roster-2025-05-01.csv', 'roster-sha', 'roster csv', 'ingested', null, 'roster', 50, 49, 1),
    ('attendance/LAW-01/teams.csv', 'teams-sha', 'teams', 'ingested', null, 'attendance', 16, 15, 1),
    ('attendance/notes.docx', 'notes-sha', null, 'skipped',
        'not read: the columns are not those of an attendance export', 'attendance', 0, 0, 0)
) as t(file, sha256, format, status, reason, source, rows_read, rows_kept, rows_quarantined);

create table quarantine.records as select * from (values
    ('attendance', 'parse', 'attendance/LAW-01/teams.csv', 9, 'Join Time',
        'Join Time ''31/02/25 10:00'' is not a real date',
        '{{"name": "Doe, Jane", "email": "jane.doe@example.gov.uk", "phone": "07700 900123"}}', true),
    ('attendance', 'parse', 'attendance/LAW-01/teams.csv', 11, 'Name',
        '''Doe, Jane'' in 3. In-Meeting Activities is not listed once in 2. Participants, so this join was not used',
        'Doe, Jane	jane.doe@example.gov.uk', false),
    ('roster', 'parse', 'roster/roster-2025-05-01.csv', 12, 'Employee ID',
        'Employee ID E09999 appears again in the 2025-05-01 snapshot; the first row was kept',
        'E09999,Jane,Doe', true),
    ('feedback', 'parse', 'feedback/forms.csv', 4, 'Email', 'the answer jane.doe@example.gov.uk is not in the roster',
        'jane.doe@example.gov.uk', false),
    ('feedback', 'parse', 'feedback/forms.csv', 5, 'Overall',
        'Overall: ''7'' is not a rating from 1 to 5; call 07700 900123 or 01 23 45 67 89',
        '7,07700 900123', false)
) as t(source, stage, file, row_number, column_name, reason, record, whole_row);

create table audit.checks as select * from (values
    ('employee_ids_are_unique', 'staging.roster', 'Each employee appears once per snapshot', 'error', 'passed', true,
        0, []::varchar[]),
    ('sessions_have_a_capacity', 'core.sessions', 'Every session has a capacity', 'warning', 'warned', false, 1,
        ['sessions/catalogue.csv row 4: Capacity']),
    ('emails_are_unique', 'staging.roster', 'No two employees share an e-mail', 'warning', 'warned', false, 1,
        ['roster/roster-2025-05-01.csv row 12: Email jane.doe@example.gov.uk, phone 07700 900123'])
) as t(check_name, table_name, description, severity, outcome, passed, unexpected_count, examples);
"""

# The marts and audit tables only the full fixture has: without them, pages must say "not available".
OPTIONAL = [
    "marts.reach_by_group",
    "marts.ten_things",
    "marts.cohort_summary",
    "marts.changes_since_last",
    "audit.checks",
    "core.responses",
    "core.page_views",
    "core.programme_page_views",
]


def build_warehouse(path: Path, settings: Settings, without: list[str] = ()) -> Path:
    """The fixture warehouse at `path`, leaving out the tables named in `without`; page marts built from it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(path)) as connection:
        connection.execute(CORE)
        # Literals like 47.5 are DECIMAL; the real marts hold DOUBLE.
        for schema, table, column in connection.execute(
            "select table_schema, table_name, column_name from information_schema.columns "
            "where data_type like 'DECIMAL%'"
        ).fetchall():
            connection.execute(f'alter table {schema}.{table} alter column "{column}" type double')
        for table in without:
            connection.execute(f"drop table {table}")
        for mart in PAGE_MARTS:
            build_page_mart(connection, mart, settings)
    return path
