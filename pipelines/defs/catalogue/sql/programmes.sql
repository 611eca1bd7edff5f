-- One row per programme in the catalogue; dates, cost and audience from its delivered sessions.
create or replace table core.programmes as
with delivered as (
    select * from core.sessions where delivered
),
programmes as (
    select distinct programme from core.sessions
)
select
    programmes.programme,
    min(delivered.start_at)::date as first_session_date,
    max(delivered.start_at)::date as last_session_date,
    count(delivered.session_id) as sessions_delivered,
    coalesce(bool_and(lower(trim(delivered.audience)) = 'managers'), false) as managers_only,
    coalesce(sum(delivered.cost_gbp), 0) as total_cost_gbp,
    -- The window: 00:00 on the date window_days before the first session to the end of the date
    -- window_days after the last, local time.
    timezone($timezone, (min(delivered.start_at)::date - to_days($window_days))::timestamp) as window_start,
    timezone($timezone, (max(delivered.start_at)::date + to_days($window_days + 1))::timestamp) as window_end
from programmes
left join delivered using (programme)
group by programmes.programme
