-- Attendances of each cut: attended-or-partial (session, person) pairs of its sessions, guests included,
-- flagged when the person is in the period headcount (participants count only those).
create or replace table core.period_attendance as
with sessions as (
    select * from core.period_sessions
),
attendance as (
    select * from core.attendance where attendance_status in ('attended', 'partial')
),
headcount as (
    select period, basis, person_key from core.period_headcount
)
select
    sessions.period,
    sessions.basis,
    sessions.session_id,
    sessions.programme,
    sessions.month,
    attendance.attendee_key,
    attendance.person_key,
    headcount.person_key is not null as in_headcount,
    -- Learning hours: the measured presence where any export times the person for that session, else
    -- (a sign-in sheet, an Eventbrite check-in) the scheduled length; never more than the scheduled length.
    -- Kept as exact seconds, so that their sum does not depend on the order DuckDB adds them in.
    least(
        case when attendance.presence_seconds > 0 then attendance.presence_seconds else sessions.scheduled_seconds end,
        sessions.scheduled_seconds
    )::decimal(18, 3) as learning_seconds
from sessions
join attendance using (session_id)
left join headcount
    on
        headcount.period = sessions.period
        and headcount.basis = sessions.basis
        and headcount.person_key = attendance.person_key
