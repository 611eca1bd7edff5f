-- Members: headcount employees booked for or present at any of the cohort's delivered meetings.
-- A member completes by attending (attended or partial) at least 80% of the cohort's delivered meetings.
create or replace table marts.cohort_members as
with meetings as (
    select meetings.programme, meetings.cohort, meetings.session_id, sessions.has_attendance_data
    from core.cohort_meetings as meetings
    join marts.session_metrics as sessions using (session_id)
),
held as (
    select
        programme,
        cohort,
        count(*) as meetings_held,
        count(*) filter (where has_attendance_data) as meetings_with_data
    from meetings
    group by all
),
members as (
    select
        meetings.programme,
        meetings.cohort,
        attendance.person_key,
        count(*) filter (where attendance.attendance_status in ('attended', 'partial')) as meetings_attended
    from meetings
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
    meetings_with_data,
    -- "Not known is never shown as 0": a delivered meeting without attendance data (no sign-in sheet) may
    -- have seen the member or not. So completed is true when the meetings attended on the data reach 80% of
    -- those held, false when they could not even if the member came to every meeting without data, and
    -- NULL (not known) in between. At least 80%, in whole numbers: 5 x attended >= 4 x held.
    case
        when 5 * meetings_attended >= 4 * meetings_held then true
        when 5 * (meetings_attended + meetings_held - meetings_with_data) < 4 * meetings_held then false
    end as completed
from members
join held using (programme, cohort)
order by programme, cohort, person_key
