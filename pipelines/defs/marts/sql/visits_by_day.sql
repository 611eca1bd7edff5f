-- Intranet activity on a programme's pages on each day of its window (SPEC section 3 "Intranet"),
-- over the days the loaded logs cover, so a day without logs is not shown as a quiet day. Only
-- programmes with intranet pages (a session's Intranet Path or a configured prefix) have rows.
-- A programme visit is counted on the local date of its first programme page view, so the days
-- add up to programme_reach.programme_visits.
create or replace table marts.visits_by_day as
with programme_page_views as (
    select programme, visit_id, visitor, timezone($timezone, viewed_at)::date as day, viewed_at
    from core.programme_page_views
),
windows as (
    select
        programme,
        timezone($timezone, window_start)::date as first_day,
        timezone($timezone, window_end)::date - 1 as last_day
    from core.programmes
    where window_start is not null and programme in (select programme from core.programme_paths)
),
logged as (
    select min(timezone($timezone, viewed_at))::date as first_day, max(timezone($timezone, viewed_at))::date as last_day
    from core.page_views
),
days as (
    select
        windows.programme,
        unnest(generate_series(
            greatest(windows.first_day, logged.first_day)::timestamp,
            least(windows.last_day, logged.last_day)::timestamp,
            interval 1 day
        ))::date as day
    from windows
    cross join logged
),
views as (
    select programme, day, count(*) as page_views, count(distinct visitor) as unique_visitors
    from programme_page_views
    group by programme, day
),
visit_starts as (
    select programme, visit_id, min(day) as day
    from programme_page_views
    group by programme, visit_id
),
visits as (
    select programme, day, count(*) as programme_visits
    from visit_starts
    group by programme, day
),
sessions as (
    select programme, start_at::date as day, count(*) as sessions_delivered
    from core.sessions
    where delivered
    group by programme, day
)
select
    days.programme,
    days.day,
    coalesce(visits.programme_visits, 0) as programme_visits,
    coalesce(views.page_views, 0) as page_views,
    coalesce(views.unique_visitors, 0) as unique_visitors,
    coalesce(sessions.sessions_delivered, 0) as sessions_delivered
from days
left join visits using (programme, day)
left join views using (programme, day)
left join sessions using (programme, day)
order by days.programme, days.day
