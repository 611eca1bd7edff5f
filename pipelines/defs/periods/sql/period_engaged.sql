-- Engaged people of each cut (SPEC section 5), in its headcount: participants, or identified feedback on
-- its delivered sessions submitted by the cut, or an authenticated visit made in the period by the cut,
-- under the path of a programme with a delivered session in the period, inside that programme's window.
create or replace table core.period_engaged as
with cuts as (
    select * from core.period_cuts
),
participants as (
    select period, basis, person_key from core.period_attendance where in_headcount
),
feedback as (
    select sessions.period, sessions.basis, responses.person_key
    from core.period_sessions as sessions
    join core.responses as responses using (session_id)
    join cuts using (period, basis)
    where responses.person_key is not null and responses.submitted_at <= cuts.cut_at
),
programmes as (
    select distinct period, basis, programme from core.period_sessions
),
-- core.programme_page_views holds the page views under a programme path inside its window.
visits as (
    select cuts.period, cuts.basis, page_views.person_key
    from cuts
    join programmes using (period, basis)
    join core.programme_page_views as page_views using (programme)
    where
        page_views.is_authenticated
        and page_views.person_key is not null
        and timezone($timezone, page_views.viewed_at)::date between cuts.period_start and cuts.to_date
        and page_views.viewed_at <= timezone($timezone, cuts.cut_at)
),
involved as (
    select * from participants
    union
    select * from feedback
    union
    select * from visits
)
select distinct involved.period, involved.basis, involved.person_key
from involved
semi join core.period_headcount as headcount using (period, basis, person_key)
