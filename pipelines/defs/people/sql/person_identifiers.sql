-- Every way a record can name an employee, from every snapshot: the linking rules of SPEC section 3.
create or replace table staging.person_identifiers as
with roster as (
    select person_hash($salt, employee_id) as person_key, employee_id, email, username, name
    from staging.roster
),
identifiers as (
    select person_key, 'employee_id' as kind, upper(trim(employee_id)) as value from roster
    union all
    select person_key, 'email', lower(trim(email)) from roster
    union all
    select person_key, 'username', user_key(username) from roster
    union all
    select person_key, 'email_local', lower(split_part(trim(email), '@', 1)) from roster
    union all
    select person_key, 'name', name_key(name) from roster
)
select distinct person_key, kind, value
from identifiers
where value is not null and value <> ''
