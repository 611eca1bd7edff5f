-- One row per visit: a visitor's run of page views with no gap over visit_gap_minutes (page_views.sql).
create or replace table core.visits as
with page_views as (
    select * from core.page_views
)
select
    visit_id,
    visitor,
    any_value(person_key) as person_key,
    bool_or(is_authenticated) as is_authenticated,
    min(viewed_at) as started_at,
    max(viewed_at) as ended_at,
    count(*) as page_views
from page_views
group by visit_id, visitor
