-- Free text as it may be published: e-mail addresses and phone numbers removed (SPEC section 3 "Publication").
-- A phone number is 10 or more digits, with spaces, dashes, dots or brackets between them.
create or replace macro without_contact_details(free_text) as regexp_replace(
    regexp_replace(free_text, '[A-Za-z0-9._%+''-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+', '[e-mail removed]', 'g'),
    '\+?\(?\d([\s().-]{0,2}\d){9,}', '[phone number removed]', 'g'
);

-- One row per response counted once; no e-mail, name or raw answer text leaves staging.
-- A response is linked to an employee by a person correction of its e-mail, else by the e-mail
-- (trimmed, case-insensitive) when exactly one employee has it. Anonymous responses stay unlinked.
create or replace table core.responses as
with feedback as (
    select * from staging.feedback where duplicate_of is null
),
identifiers as (
    select * from staging.person_identifiers
),
corrected as (
    select feedback.response_id, any_value(identifiers.person_key) as person_key
    from feedback
    join staging.corrections as corrections
        on corrections.kind = 'person' and lower(trim(corrections.value)) = feedback.email
    join identifiers on identifiers.kind = 'employee_id' and identifiers.value = upper(trim(corrections.maps_to))
    group by feedback.response_id
    having count(distinct identifiers.person_key) = 1
),
by_email as (
    select feedback.response_id, any_value(identifiers.person_key) as person_key
    from feedback
    join identifiers on identifiers.kind = 'email' and identifiers.value = feedback.email
    group by feedback.response_id
    having count(distinct identifiers.person_key) = 1
)
select
    feedback.response_id,
    sessions.programme,
    feedback.session_id,
    coalesce(corrected.person_key, by_email.person_key) as person_key,
    -- A response whose e-mail is blank or "anonymous" is anonymous.
    feedback.email is null as anonymous,
    feedback.rating,
    feedback.recommend,
    feedback.submitted_at,
    without_contact_details(feedback.comments) as comment,
    feedback.format as source_format
from feedback
join core.sessions as sessions using (session_id)
left join corrected using (response_id)
left join by_email using (response_id)
order by sessions.programme, feedback.submitted_at, feedback.response_id
