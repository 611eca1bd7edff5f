-- Link each attendance record to an employee (SPEC section 3): a correction, else Employee ID,
-- else e-mail or UPN, else (a record carrying only a name) a full name exactly one employee has.
create or replace table staging.attendance_linked as
with records as (
    select *, row_number() over (order by file, row) as record_id
    from staging.attendance
),
identifiers as (
    select * from staging.person_identifiers
),
corrected as (
    select records.record_id, identifiers.person_key
    from records
    join staging.corrections as corrections
        on corrections.kind = 'person'
        and lower(trim(corrections.value)) in (lower(trim(records.name)), lower(trim(records.email)), lower(trim(records.upn)), lower(trim(records.employee_id)))
    join identifiers on identifiers.kind = 'employee_id' and identifiers.value = upper(trim(corrections.maps_to))
),
by_id as (
    select records.record_id, identifiers.person_key
    from records
    join identifiers on identifiers.kind = 'employee_id' and identifiers.value = upper(trim(records.employee_id))
),
by_address as (
    select records.record_id, any_value(identifiers.person_key) as person_key
    from records
    join identifiers on identifiers.kind = 'email' and identifiers.value in (lower(trim(records.email)), lower(trim(records.upn)))
    group by records.record_id
    having count(distinct identifiers.person_key) = 1
),
by_name as (
    select records.record_id, any_value(identifiers.person_key) as person_key
    from records
    join identifiers on identifiers.kind = 'name' and identifiers.value = name_key(records.name)
    where records.email is null and records.upn is null and records.employee_id is null
    group by records.record_id
    having count(distinct identifiers.person_key) = 1
)
select
    records.*,
    coalesce(corrected.person_key, by_id.person_key, by_address.person_key, by_name.person_key) as person_key,
    -- Unlinked people are guests: one per e-mail, else per name as written, within a session.
    coalesce(lower(trim(records.email)), lower(trim(records.upn)), 'name:' || lower(trim(records.name)), 'id:' || upper(trim(records.employee_id))) as guest_identity
from records
left join corrected using (record_id)
left join by_id using (record_id)
left join by_address using (record_id)
left join by_name using (record_id);

-- Presence: the union of join-leave intervals clipped to the scheduled Start-End, or an export's total.
create or replace table core.attendance as
with linked as (
    select
        linked.*,
        coalesce(linked.person_key, 'guest:' || substr(sha256($salt || linked.session_id || linked.guest_identity), 1, 20)) as attendee_key,
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
    select *, max(to_at) over (partition by session_id, attendee_key order by from_at, to_at rows between unbounded preceding and 1 preceding) as reached
    from intervals
),
islands as (
    select *, sum(case when reached is null or from_at > reached then 1 else 0 end) over (partition by session_id, attendee_key order by from_at, to_at) as island
    from ordered
),
merged as (
    select session_id, attendee_key, sum(epoch(island_end) - epoch(island_start)) as interval_seconds
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
        any_value(epoch(end_at) - epoch(start_at)) as scheduled_seconds,
        max(duration_seconds) as total_seconds,
        bool_or(status = 'present') as marked_present,
        bool_or(registered and coalesce(status, '') <> 'cancelled') as registered,
        bool_or(status = 'absent') as marked_absent
    from linked
    group by session_id, attendee_key
),
presence as (
    select per_attendee.*, greatest(coalesce(merged.interval_seconds, 0), coalesce(total_seconds, 0)) as presence_seconds
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
    case
        when marked_present or presence_seconds >= $attended_share * scheduled_seconds then 'attended'
        when presence_seconds > 0 then 'partial'
        when registered or marked_absent then 'no_show'
        else 'cancelled'
    end as attendance_status
from presence
