-- The people no rule linked, one row per value a person correction would match, for the data-quality
-- page: why, how often, and the correction line to paste into raw/corrections (Employee ID to add).
create or replace table staging.attendance_unlinked as
with unlinked as (
    select
        *,
        regexp_replace(trim(coalesce(email, upn, employee_id, name)), '\s+', ' ', 'g') as value,
        case
            when email is not null then 'e-mail'
            when upn is not null then 'UPN'
            when employee_id is not null then 'Employee ID'
            else 'name'
        end as value_kind
    from staging.attendance_linked
    where person_key is null
),
grouped as (
    select
        min(value) as value,
        min(value_kind) as value_kind,
        unlinked_reason,
        min(unlinked_detail) as unlinked_detail,
        max(name_matches) as name_matches,
        count(distinct session_id) as sessions,
        count(*) as records,
        list(distinct file order by file) as files
    from unlinked
    group by correction_key(value), unlinked_reason
)
select
    *,
    'person,' || case
        when contains(value, ',') or contains(value, '"') then '"' || replace(value, '"', '""') || '"'
        else value
    end || ',' as correction_line
from grouped
order by unlinked_reason, correction_key(value)
