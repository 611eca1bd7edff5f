-- Page views = page views under a programme path inside the window. A programme visit is a
-- visit with at least one of them. Unique visitors = distinct visitors with a programme visit.
create or replace table core.programme_intranet as
with programmes as (
    select programme from core.programmes
),
programme_page_views as (
    select * from core.programme_page_views
),
figures as (
    select
        programme,
        count(*) as page_views,
        count(distinct visit_id) as programme_visits,
        count(distinct visitor) as unique_visitors,
        count(distinct visitor) filter (where is_authenticated) as authenticated_visitors
    from programme_page_views
    group by programme
)
select
    programmes.programme,
    coalesce(figures.page_views, 0) as page_views,
    coalesce(figures.programme_visits, 0) as programme_visits,
    coalesce(figures.unique_visitors, 0) as unique_visitors,
    coalesce(figures.authenticated_visitors, 0) as authenticated_visitors
from programmes
left join figures using (programme);
