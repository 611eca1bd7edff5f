-- Cohorts (SPEC section 3): delivered sessions sharing a Cohort value. A programme none of whose sessions
-- has a Cohort value and whose every delivered session is for Managers is one cohort, named after it.
create or replace table core.cohort_meetings as
with sessions as (
    select *, nullif(trim(cohort), '') as cohort_name from core.sessions
),
programmes as (
    select
        sessions.programme,
        bool_or(sessions.cohort_name is not null) as has_cohorts,
        any_value(programmes.managers_only) as managers_only
    from sessions
    join core.programmes as programmes using (programme)
    group by sessions.programme
)
select sessions.programme, coalesce(sessions.cohort_name, sessions.programme) as cohort, sessions.session_id
from sessions
join programmes using (programme)
where
    sessions.delivered
    and (sessions.cohort_name is not null or (not programmes.has_cohorts and programmes.managers_only))
order by programme, cohort, session_id
