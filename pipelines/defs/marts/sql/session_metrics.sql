-- One row per delivered session; counts are (session, person) pairs, guests included (SPEC section 4).
create or replace table marts.session_metrics as
with sessions as (
    select * from core.sessions where delivered
),
attendance as (
    select
        session_id,
        count(*) filter (where attendance_status in ('attended', 'partial')) as attendances,
        count(*) filter (where attendance_status = 'attended') as attended,
        count(*) filter (where attendance_status = 'partial') as partial,
        count(*) filter (where attendance_status = 'no_show') as no_shows,
        count(*) filter (where registered) as registrations,
        count(*) filter (where attendance_status in ('attended', 'partial') and is_guest) as guests
    from core.attendance
    group by session_id
),
-- A session has booking data when an Eventbrite export or a sign-in sheet with a Status column matched it
-- (a booking row, cancelled or not).
bookings as (
    select session_id, bool_or(registered) as has_booking_data
    from staging.attendance_linked
    group by session_id
),
feedback as (
    select
        session_id,
        count(*) as feedback_responses,
        avg(rating) as avg_rating,
        nps_of(recommend) as nps
    from core.responses
    group by session_id
)
select
    sessions.session_id,
    sessions.programme,
    sessions.title,
    sessions.start_at as start,
    sessions.capacity,
    sessions.location,
    sessions.format,
    coalesce(attendance.attendances, 0) as attendances,
    coalesce(attendance.attended, 0) as attended,
    coalesce(attendance.partial, 0) as partial,
    -- Without booking data, registrations and no-shows are not known (NULL), never 0.
    case when bookings.has_booking_data then coalesce(attendance.no_shows, 0) end as no_shows,
    case when bookings.has_booking_data then coalesce(attendance.registrations, 0) end as registrations,
    coalesce(attendance.guests, 0) as guests,
    -- Fill rate % = attendances / capacity, for a session with a capacity and attendance data.
    case when attendance.session_id is not null then 100.0 * attendance.attendances / nullif(sessions.capacity, 0) end
        as fill_rate_pct,
    coalesce(intranet.programme_visits, 0) as programme_visits,
    coalesce(feedback.feedback_responses, 0) as feedback_responses,
    feedback.avg_rating,
    feedback.nps,
    sessions.cost_gbp,
    attendance.session_id is not null as has_attendance_data,
    coalesce(bookings.has_booking_data, false) as has_booking_data,
    -- Busiest session = the delivered session with the most attendances (the earliest on a tie); the
    -- quietest has the fewest. Only sessions with attendance data are ranked.
    case when attendance.session_id is not null then row_number() over (
        partition by sessions.programme, attendance.session_id is not null
        order by coalesce(attendance.attendances, 0) desc, sessions.start_at, sessions.session_id
    ) = 1 end as busiest,
    case when attendance.session_id is not null then row_number() over (
        partition by sessions.programme, attendance.session_id is not null
        order by coalesce(attendance.attendances, 0), sessions.start_at, sessions.session_id
    ) = 1 end as quietest
from sessions
left join attendance using (session_id)
left join bookings using (session_id)
left join core.session_intranet as intranet using (session_id)
left join feedback using (session_id)
