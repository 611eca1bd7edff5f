-- Cohorts (SPEC section 3): delivered sessions sharing a Cohort value. A programme none of whose sessions
-- has a Cohort value and whose every delivered session is for Managers is one cohort, named after it.
create or replace temp table cohort_meetings as
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
where sessions.delivered
  and (sessions.cohort_name is not null or (not programmes.has_cohorts and programmes.managers_only));

-- Members: headcount employees booked for or present at any of the cohort's delivered meetings.
-- A member completes by attending (attended or partial) at least 80% of those meetings.
create or replace table marts.cohort_members as
with held as (
    select programme, cohort, count(*) as meetings_held from cohort_meetings group by all
),
members as (
    select
        meetings.programme,
        meetings.cohort,
        attendance.person_key,
        count(*) filter (where attendance.attendance_status in ('attended', 'partial')) as meetings_attended
    from cohort_meetings as meetings
    join core.attendance as attendance using (session_id)
    join core.headcount as headcount
        on headcount.programme = meetings.programme and headcount.person_key = attendance.person_key
    where attendance.registered or attendance.attendance_status in ('attended', 'partial')
    group by all
)
select
    programme,
    cohort,
    person_key,
    meetings_attended,
    meetings_held,
    -- at least 80%, in whole numbers: 5 x attended >= 4 x held
    5 * meetings_attended >= 4 * meetings_held as completed
from members
join held using (programme, cohort)
order by programme, cohort, person_key;

-- One row per cohort with at least one delivered meeting.
create or replace table marts.cohort_summary as
with held as (
    select programme, cohort, count(*) as meetings_held from cohort_meetings group by all
),
members as (
    select programme, cohort, count(*) as members, count(*) filter (where completed) as completed_members
    from marts.cohort_members
    group by all
)
select
    held.programme,
    held.cohort,
    coalesce(members.members, 0) as members,
    held.meetings_held,
    coalesce(members.completed_members, 0) as completed_members,
    -- Completion % = members who completed / members x 100.
    100.0 * coalesce(members.completed_members, 0) / nullif(members.members, 0) as completion_pct
from held
left join members using (programme, cohort)
order by held.programme, held.cohort
