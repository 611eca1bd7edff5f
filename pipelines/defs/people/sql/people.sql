-- Employees per snapshot, keyed by the salted person key: the attributes breakdowns use.
create or replace table core.people as
with roster as (
    select * from staging.roster
)
select
    snapshot_date,
    person_hash($salt, employee_id) as person_key,
    coalesce(directorate, 'Not recorded') as directorate,
    coalesce(service, 'Not recorded') as service,
    coalesce(grade, 'Not recorded') as grade,
    is_manager,
    coalesce(location, 'Not recorded') as location,
    start_date,
    leave_date,
    fte,
    sex,
    age_band,
    ethnicity,
    disability,
    sexual_orientation
from roster
