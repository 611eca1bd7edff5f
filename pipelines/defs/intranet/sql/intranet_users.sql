-- Each intranet user linked to an employee (SPEC section 3 "People"), so that core keeps only the
-- salted person_key: user names (often e-mail addresses) stay here, in staging.
-- An intranet user (DOMAIN\ dropped, lower case: the user_key macro) links by a person correction
-- naming it, else when it equals exactly one employee's Username, e-mail, or part of the e-mail
-- before the @. One row per login as the logs wrote it ('EXAMPLE\TBaker'), with its user ('tbaker')
-- and person_key, NULL for a user who links to nobody.
create or replace table staging.intranet_users as
with logins as (
    select login, user_key(login) as username
    from (select distinct username as login from staging.intranet_requests where username is not null)
),
users as (
    select distinct username from logins where username is not null
),
identifiers as (
    select * from staging.person_identifiers
),
corrected as (
    select users.username, any_value(identifiers.person_key) as person_key
    from users
    join staging.corrections as corrections
        on
            corrections.kind = 'person'
            and user_key(corrections.value) = users.username
    join identifiers
        on
            identifiers.kind = 'employee_id'
            and identifiers.value = upper(trim(corrections.maps_to))
    group by users.username
),
by_identifier as (
    select users.username, any_value(identifiers.person_key) as person_key
    from users
    join identifiers
        on
            identifiers.kind in ('username', 'email', 'email_local')
            and identifiers.value = users.username
    group by users.username
    having count(distinct identifiers.person_key) = 1
)
select
    logins.login,
    logins.username,
    coalesce(corrected.person_key, by_identifier.person_key) as person_key
from logins
left join corrected using (username)
left join by_identifier using (username)
where logins.username is not null
