-- Sessions delivered: Start at or before as_of, and Status not cancelled or postponed (SPEC section 3).
create or replace table core.sessions as
with catalogue as (
    select * from staging.sessions
)
select
    session_id,
    programme,
    title,
    start_at,
    end_at,
    location,
    format,
    audience,
    capacity,
    cost_gbp,
    case when intranet_path is not null then page_path(intranet_path) end as intranet_path,
    topic,
    cohort,
    status,
    start_at <= $as_of and coalesce(status, '') not in ('cancelled', 'postponed') as delivered
from catalogue;

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
group by programmes.programme;

-- Every session's Intranet Path plus the configured prefixes of its programme.
create or replace table core.programme_paths as
select distinct programme, session_id, intranet_path as path
from core.sessions
where intranet_path is not null
union all
select distinct prefixes.programme, null, page_path(prefixes.prefix)
from staging.intranet_prefixes as prefixes
join core.programmes using (programme)
