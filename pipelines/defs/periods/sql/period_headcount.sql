-- Headcount of a period (SPEC section 5): roster employees active on its to date D (Start Date <= D,
-- Leave Date empty or >= D), from the latest snapshot on or before D (the earliest if none is), with
-- that snapshot's attributes; the whole workforce, whatever the sessions' audiences.
create or replace table core.period_headcount as
with cuts as (
    select period, basis, to_date from core.period_cuts
),
snapshots as (
    select distinct snapshot_date from core.people
),
chosen as (
    select
        cuts.*,
        coalesce(
            (select max(snapshot_date) from snapshots where snapshot_date <= cuts.to_date),
            (select min(snapshot_date) from snapshots)
        ) as snapshot_date
    from cuts
)
select chosen.period, chosen.basis, people.*
from chosen
join core.people as people using (snapshot_date)
where
    (people.start_date is null or people.start_date <= chosen.to_date)
    and (people.leave_date is null or people.leave_date >= chosen.to_date)
