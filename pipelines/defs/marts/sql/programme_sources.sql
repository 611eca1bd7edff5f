-- What each programme's figures rest on, so every headline figure can say "as of which data":
-- the roster snapshot and date of the headcount, the sessions with attendance data, the intranet window and
-- the days of it the logs cover.
create or replace table marts.programme_sources as
with programmes as (
    select * from core.programmes
),
snapshots as (
    select programme, max(snapshot_date) as roster_snapshot_date from core.headcount group by programme
),
-- Log coverage: the first and last window day (up to as_of) that a log covers, and the days none does.
coverage as (
    select
        programme,
        min(day) filter (where covered) as log_first_day,
        max(day) filter (where covered) as log_last_day,
        count(*) filter (where not covered) as log_uncovered_days
    from core.log_coverage
    group by programme
),
sessions as (
    select
        programme,
        count(*) as sessions_delivered,
        count(*) filter (where has_attendance_data) as sessions_with_attendance_data
    from marts.session_metrics
    group by programme
)
select
    programmes.programme,
    snapshots.roster_snapshot_date,
    -- Headcount: employees active on the programme's last session date.
    programmes.last_session_date as headcount_date,
    programmes.managers_only,
    coalesce(sessions.sessions_delivered, 0) as sessions_delivered,
    coalesce(sessions.sessions_with_attendance_data, 0) as sessions_with_attendance_data,
    programmes.programme in (select programme from core.programme_paths) as has_intranet_pages,
    timezone($timezone, programmes.window_start)::date as intranet_window_first_day,
    timezone($timezone, programmes.window_end)::date - 1 as intranet_window_last_day,
    coverage.log_first_day,
    coverage.log_last_day,
    coalesce(coverage.log_uncovered_days, 0) as log_uncovered_days
from programmes
left join snapshots using (programme)
left join sessions using (programme)
left join coverage using (programme)
order by programmes.first_session_date nulls last, programmes.programme
