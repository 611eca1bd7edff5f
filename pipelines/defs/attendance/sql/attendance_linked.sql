-- Link each attendance record to an employee (SPEC section 3): a correction, else Employee ID,
-- else e-mail, else UPN, else (a record carrying only a name) a full name exactly one employee has.
-- An unlinked record says why (unlinked_reason, unlinked_detail): it stays a guest, never quarantined.
create or replace table staging.attendance_linked as
with records as (
    select
        *,
        row_number() over (order by file, row, join_at, leave_at, session_id) as record_id,
        email is null and upn is null and employee_id is null as name_only,
        -- A guest's name "as written": case and runs of spaces do not make another guest.
        correction_key(name) as written_name
    from staging.attendance
),
identifiers as (
    select * from staging.person_identifiers
),
person_corrections as (
    select correction_key(value) as value_key, upper(trim(maps_to)) as maps_to
    from staging.corrections
    where kind = 'person'
),
-- A correction may name the record by its Employee ID, e-mail, UPN or name: the first of these wins.
record_values as (
    select record_id, 1 as priority, correction_key(employee_id) as value_key from records
    union all
    select record_id, 2, correction_key(email) from records
    union all
    select record_id, 3, correction_key(upn) from records
    union all
    select record_id, 4, correction_key(name) from records
),
corrected as (
    select
        record_values.record_id,
        arg_min(
            corrections.maps_to, struct_pack(priority := record_values.priority, maps_to := corrections.maps_to)
        ) as maps_to
    from record_values
    join person_corrections as corrections using (value_key)
    group by record_values.record_id
),
by_correction as (
    select corrected.record_id, corrected.maps_to, identifiers.person_key
    from corrected
    left join identifiers on identifiers.kind = 'employee_id' and identifiers.value = corrected.maps_to
),
by_id as (
    select records.record_id, identifiers.person_key
    from records
    join identifiers on identifiers.kind = 'employee_id' and identifiers.value = upper(trim(records.employee_id))
),
by_email as (
    select
        records.record_id,
        count(distinct identifiers.person_key) as matches,
        any_value(identifiers.person_key) as person_key
    from records
    join identifiers on identifiers.kind = 'email' and identifiers.value = lower(trim(records.email))
    group by records.record_id
),
by_upn as (
    select
        records.record_id,
        count(distinct identifiers.person_key) as matches,
        any_value(identifiers.person_key) as person_key
    from records
    join identifiers on identifiers.kind = 'email' and identifiers.value = lower(trim(records.upn))
    group by records.record_id
),
-- Counted for every record, so that an unlinked one can say how many employees share its name.
by_name as (
    select
        records.record_id,
        count(distinct identifiers.person_key) as matches,
        any_value(identifiers.person_key) as person_key
    from records
    join identifiers on identifiers.kind = 'name' and identifiers.value = name_key(records.name)
    group by records.record_id
),
linked as (
    select
        records.*,
        case
            when by_correction.person_key is not null then 'correction'
            when by_id.person_key is not null then 'employee_id'
            when by_email.matches = 1 then 'email'
            when by_upn.matches = 1 then 'upn'
            when records.name_only and by_name.matches = 1 then 'name'
        end as linked_by,
        by_correction.maps_to as correction_maps_to,
        coalesce(by_email.matches, 0) as email_matches,
        coalesce(by_name.matches, 0) as name_matches,
        case
            when by_correction.person_key is not null then by_correction.person_key
            when by_id.person_key is not null then by_id.person_key
            when by_email.matches = 1 then by_email.person_key
            when by_upn.matches = 1 then by_upn.person_key
            when records.name_only and by_name.matches = 1 then by_name.person_key
        end as person_key
    from records
    left join by_correction using (record_id)
    left join by_id using (record_id)
    left join by_email using (record_id)
    left join by_upn using (record_id)
    left join by_name using (record_id)
),
explained as (
    select
        *,
        case
            when person_key is not null then null
            when correction_maps_to is not null then 'unknown correction target'
            when name_only and name_matches > 1 then 'ambiguous name'
            when email_matches > 1 then 'ambiguous e-mail'
            else 'no match'
        end as unlinked_reason
    from linked
),
-- Unlinked people are guests: one per e-mail (else UPN, else Employee ID), else per name as written,
-- within a session. A name-only record whose name is written on exactly one e-mail (or ID) guest's records
-- in the same session is that guest (Teams' legacy report next to the 3-section one).
guest_base as (
    select
        *,
        case when person_key is null then coalesce(
            'email:' || lower(trim(email)), 'email:' || lower(trim(upn)), 'id:' || upper(trim(employee_id)),
            'name:' || written_name,
            'record:' || file || '#' || row
        ) end as base_identity
    from explained
),
named_guests as (
    select session_id, written_name, min(base_identity) as identity, count(distinct base_identity) as identities
    from guest_base
    where person_key is null and not name_only and written_name is not null
    group by session_id, written_name
)
select
    guest_base.* exclude (record_id, name_only, written_name, base_identity, correction_maps_to, email_matches),
    employee_ids.value as linked_employee_id,
    case
        when guest_base.person_key is not null then null
        when guest_base.name_only and named_guests.identities = 1 then named_guests.identity
        else guest_base.base_identity
    end as guest_identity,
    -- The attendee: the employee, else a guest keyed within the session (salted: no e-mail in core).
    coalesce(
        guest_base.person_key, 'guest:' || substr(sha256($salt || guest_base.session_id || guest_identity), 1, 20)
    ) as attendee_key,
    case guest_base.unlinked_reason
        when 'unknown correction target'
            then
                format(
                    'a person correction maps it to Employee ID {}, which is in no roster snapshot',
                    guest_base.correction_maps_to
                )
        when 'ambiguous name'
            then
                format(
                    '{} employees are called ''{}'': add a person correction saying which one it is',
                    guest_base.name_matches, guest_base.name
                )
        when 'ambiguous e-mail'
            then
                format(
                    '{} employees share the e-mail {}', guest_base.email_matches, guest_base.email
                )
        when 'no match' then case
            when guest_base.name_only then format('no employee is called ''{}''', guest_base.name)
            else 'no employee has ' || concat_ws(
                ' or ',
                'Employee ID ' || guest_base.employee_id, 'the e-mail ' || guest_base.email,
                'the UPN ' || nullif(lower(trim(guest_base.upn)), lower(trim(guest_base.email)))
            )
            || case
                when guest_base.name_matches = 1
                    then format(
                        ' (one employee is called ''{}'', but a name links only a record that carries nothing else)',
                        guest_base.name
                    )
                else ''
            end
        end
    end as unlinked_detail
from guest_base
left join (
    select person_key, min(value) as value
    from staging.person_identifiers
    where kind = 'employee_id'
    group by person_key
) as employee_ids
    on employee_ids.person_key = guest_base.person_key
left join named_guests
    on
        guest_base.name_only
        and named_guests.session_id = guest_base.session_id
        and named_guests.written_name = guest_base.written_name
