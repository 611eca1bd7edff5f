-- Employees who made an authenticated programme visit, for "engaged people" (SPEC section 3 "Reach").
-- An intranet user (DOMAIN\ dropped) links by a person correction naming it, else when it equals
-- exactly one employee's Username, e-mail, or part of the e-mail before the @.
create or replace table core.intranet_engaged as
with users as (
    select distinct programme, username
    from core.programme_page_views
    where username is not null
),
identifiers as (
    select * from staging.person_identifiers
),
corrected as (
    select users.programme, users.username, any_value(identifiers.person_key) as person_key
    from users
    join staging.corrections as corrections
        on corrections.kind = 'person'
        and user_key(corrections.value) = users.username
    join identifiers
        on identifiers.kind = 'employee_id'
        and identifiers.value = upper(trim(corrections.maps_to))
    group by users.programme, users.username
),
by_identifier as (
    select users.programme, users.username, any_value(identifiers.person_key) as person_key
    from users
    join identifiers
        on identifiers.kind in ('username', 'email', 'email_local')
        and identifiers.value = users.username
    group by users.programme, users.username
    having count(distinct identifiers.person_key) = 1
)
select distinct
    users.programme,
    coalesce(corrected.person_key, by_identifier.person_key) as person_key
from users
left join corrected using (programme, username)
left join by_identifier using (programme, username)
where coalesce(corrected.person_key, by_identifier.person_key) is not null
