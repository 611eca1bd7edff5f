-- Log coverage (SPEC section 3 "Intranet"): a local date is covered when at least one log line of any
-- intranet file falls on it; only window dates up to the date of as_of count. One row per programme and
-- window date, so that a window's days without a log are said, not shown as quiet days.
create or replace table core.log_coverage as
with windows as (
    select
        programme,
        timezone($timezone, window_start)::date as first_day,
        least(timezone($timezone, window_end)::date - 1, $as_of::date) as last_day
    from core.programmes
    where window_start is not null
),
logged as (
    select timezone($timezone, requested_at)::date as day, count(*) as log_lines
    from staging.intranet_requests
    group by day
),
days as (
    select
        programme,
        unnest(generate_series(first_day::timestamp, last_day::timestamp, interval 1 day))::date as day
    from windows
    where first_day <= last_day
)
select
    days.programme,
    days.day,
    coalesce(logged.log_lines, 0) as log_lines,
    logged.day is not null as covered
from days
left join logged using (day)
order by days.programme, days.day
