-- Participants: distinct headcount employees attended or partial in any delivered session of the
-- programme, with how many of its sessions each attended (repeat attenders have two or more).
create or replace table core.participants as
select sessions.programme, attendance.person_key, count(distinct attendance.session_id) as sessions_attended
from core.attendance as attendance
join core.sessions as sessions using (session_id)
join core.headcount as headcount
    on headcount.programme = sessions.programme and headcount.person_key = attendance.person_key
where sessions.delivered and attendance.attendance_status in ('attended', 'partial')
group by all
