-- Members: headcount employees booked for or present at any of the cohort's delivered meetings.
-- A member completes by attending (attended or partial) at least 80% of those meetings.
create or replace table marts.cohort_members as
with held as (
    select programme, cohort, count(*) as meetings_held from core.cohort_meetings group by all
),
members as (
    select
        meetings.programme,
        meetings.cohort,
        attendance.person_key,
        count(*) filter (where attendance.attendance_status in ('attended', 'partial')) as meetings_attended
    from core.cohort_meetings as meetings
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
order by programme, cohort, person_key
