-- Headcount: employees active on the last session date D, from the latest snapshot on or before D
-- (the earliest if none is); managers only when every session is for managers.
create or replace table core.headcount as
with programme_dates as (
    select programme, last_session_date, managers_only from core.programmes where last_session_date is not null
),
snapshots as (
    select distinct snapshot_date from core.people
),
chosen as (
    select
        programme_dates.*,
        coalesce(
            (select max(snapshot_date) from snapshots where snapshot_date <= programme_dates.last_session_date),
            (select min(snapshot_date) from snapshots)
        ) as snapshot_date
    from programme_dates
)
select chosen.programme, people.*
from chosen
join core.people as people using (snapshot_date)
where
    (people.start_date is null or people.start_date <= chosen.last_session_date)
    and (people.leave_date is null or people.leave_date >= chosen.last_session_date)
    and (not chosen.managers_only or people.is_manager)
