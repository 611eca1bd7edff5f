-- A session's visits are those with a page view under its own path, in the programme window.
-- Matched afresh (not through programme_page_views.session_id) so that sessions sharing a
-- page, or a session page under another's, each count the visit.
create or replace table core.session_intranet as
with sessions as (
    select session_id, programme from core.sessions
),
session_paths as (
    select programme, session_id, path from core.programme_paths where session_id is not null
),
programme_page_views as (
    select * from core.programme_page_views
),
session_pages as (
    select distinct session_paths.session_id, pages.programme, pages.path
    from (select distinct programme, path from programme_page_views) as pages
    join session_paths
        on
            session_paths.programme = pages.programme
            and (pages.path = session_paths.path or starts_with(pages.path, session_paths.path || '/'))
),
figures as (
    select
        session_pages.session_id,
        count(*) as page_views,
        count(distinct programme_page_views.visit_id) as programme_visits
    from session_pages
    join programme_page_views using (programme, path)
    group by session_pages.session_id
)
select
    sessions.session_id,
    sessions.programme,
    coalesce(figures.page_views, 0) as page_views,
    coalesce(figures.programme_visits, 0) as programme_visits
from sessions
left join figures using (session_id)
