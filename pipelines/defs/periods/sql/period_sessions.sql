-- The delivered sessions of each cut of each period: Start date between the period's start and its
-- to date, started by the cut (SPEC section 5), with the month they fall in and their scheduled length.
create or replace table core.period_sessions as
with cuts as (
    select * from core.period_cuts
),
sessions as (
    select * from core.sessions where delivered
)
select
    cuts.period,
    cuts.basis,
    sessions.session_id,
    sessions.programme,
    sessions.start_at,
    date_trunc('month', sessions.start_at)::date as month,
    epoch(sessions.end_at) - epoch(sessions.start_at) as scheduled_seconds,
    sessions.cost_gbp
from cuts
join sessions
    on
        sessions.start_at::date between cuts.period_start and cuts.to_date
        and sessions.start_at <= cuts.cut_at
