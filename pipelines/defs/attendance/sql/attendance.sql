-- Real time between two local wall-clock times: a clock change in between is counted (00:30-02:10 on the
-- Sunday the clocks go forward is 40 minutes, not 100).
create or replace macro elapsed_seconds(from_at, to_at, zone) as
epoch(timezone(zone, to_at)) - epoch(timezone(zone, from_at));

-- Presence: the union of join-leave intervals clipped to the scheduled Start-End (re-joins merged,
-- overlaps counted once), in real elapsed time; where an export gives only a total, that total, at most the
-- scheduled length.
create or replace table core.attendance as
with linked as (
    select
        linked.*,
        sessions.start_at,
        sessions.end_at
    from staging.attendance_linked as linked
    join core.sessions as sessions using (session_id)
),
intervals as (
    select session_id, attendee_key, greatest(join_at, start_at) as from_at, least(leave_at, end_at) as to_at
    from linked
    where join_at is not null and leave_at is not null and least(leave_at, end_at) > greatest(join_at, start_at)
),
ordered as (
    select
        *,
        max(to_at) over (
            partition by session_id, attendee_key
            order by from_at, to_at
            rows between unbounded preceding and 1 preceding
        ) as reached
    from intervals
),
islands as (
    select
        *,
        sum(case when reached is null or from_at > reached then 1 else 0 end)
            over (partition by session_id, attendee_key order by from_at, to_at) as island
    from ordered
),
merged as (
    select session_id, attendee_key, sum(elapsed_seconds(island_start, island_end, $timezone)) as interval_seconds
    from (
        select session_id, attendee_key, island, min(from_at) as island_start, max(to_at) as island_end
        from islands group by all
    )
    group by all
),
per_attendee as (
    select
        session_id,
        attendee_key,
        any_value(person_key) as person_key,
        any_value(elapsed_seconds(start_at, end_at, $timezone)) as scheduled_seconds,
        max(duration_seconds) as total_seconds,
        bool_or(status = 'present') as marked_present,
        -- Registrations: booked rows (Eventbrite, a sign-in sheet with a Status column) not cancelled.
        bool_or(registered and coalesce(status, '') <> 'cancelled') as registered,
        bool_or(status = 'absent') as marked_absent,
        bool_or(registered and status = 'cancelled') as cancelled
    from linked
    group by session_id, attendee_key
),
presence as (
    select
        per_attendee.*,
        -- Sources are not added up: the longest presence any of them shows counts.
        greatest(
            coalesce(merged.interval_seconds, 0), least(coalesce(total_seconds, 0), scheduled_seconds)
        ) as presence_seconds
    from per_attendee
    left join merged using (session_id, attendee_key)
)
select
    session_id,
    attendee_key,
    person_key,
    person_key is null as is_guest,
    presence_seconds,
    registered,
    -- When sources disagree the strongest wins: attended > partial > no-show > cancelled.
    -- attended: presence of at least attended_share of the scheduled length, or checked in / marked present.
    -- no-show: registered (or marked absent) and never present. cancelled bookings count nowhere.
    case
        when marked_present or presence_seconds >= $attended_share * scheduled_seconds then 'attended'
        when presence_seconds > 0 then 'partial'
        when registered or marked_absent then 'no_show'
        else 'cancelled'
    end as attendance_status
from presence
-- Someone seen only outside the scheduled time, and not booked, has no status at all: no row.
where marked_present or presence_seconds > 0 or registered or marked_absent or cancelled
