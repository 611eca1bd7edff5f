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
where
    page_views.viewed_at >= windows.window_start
    and page_views.viewed_at < windows.window_end;
