-- Page views under a programme path inside the programme window (SPEC section 3 "Intranet").
-- A path is under P when it equals P or starts with P + '/'. The window is core.programmes'
-- window_start (inclusive) to window_end (exclusive: 00:00 local the day after the last day).
-- One row per (programme, page view). session_id is the session whose own path is the
-- longest one the page is under, NULL when only a configured prefix holds it.
create or replace table core.programme_page_views as
with page_views as (
    select * from core.page_views
),
windows as (
    select programme, window_start, window_end from core.programmes where window_start is not null
),
-- Paths are matched once per distinct page, not once per view: an intranet has far fewer pages.
pages_under as (
    select
        pages.path,
        programme_paths.programme,
        programme_paths.session_id,
        length(programme_paths.path) as matched_length
    from (select distinct path from page_views) as pages
    join core.programme_paths as programme_paths
        on pages.path = programme_paths.path or starts_with(pages.path, programme_paths.path || '/')
),
programme_pages as (
    select
        path,
        programme,
        first(session_id order by session_id is null, matched_length desc, session_id) as session_id
    from pages_under
    group by path, programme
)
select
    programme_pages.programme,
    programme_pages.session_id,
    page_views.file_id,
    page_views.line,
    page_views.visit_id,
    page_views.visitor,
    page_views.person_key,
    page_views.is_authenticated,
    page_views.viewed_at,
    page_views.path
from page_views
join programme_pages using (path)
join windows using (programme)
where page_views.viewed_at >= windows.window_start
    and page_views.viewed_at < windows.window_end;

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
        on session_paths.programme = pages.programme
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
