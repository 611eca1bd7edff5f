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
from catalogue
