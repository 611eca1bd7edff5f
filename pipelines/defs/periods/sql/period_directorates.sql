-- Each directorate's reach in each reported period next to the organisation's (SPEC section 5, the
-- directorate pages), and its rank among the directorates shown by participation % (ties share a rank;
-- a hidden directorate has none). Counts and flags are equality_monitoring's.
create or replace table marts.period_directorates as
with directorates as (
    select * from marts.equality_monitoring where dimension = 'directorate'
),
organisation as (
    select period, participation_pct as organisation_participation_pct from marts.period_reach
)
select
    directorates.period,
    directorates.group_name as directorate,
    directorates.headcount,
    directorates.participants,
    directorates.participation_pct,
    organisation.organisation_participation_pct,
    directorates.suppressed,
    directorates.headcount_suppressed,
    case when not directorates.suppressed then rank() over (
        partition by directorates.period, directorates.suppressed order by directorates.participation_pct desc
    ) end as rank,
    count(*) filter (where not directorates.suppressed) over (partition by directorates.period) as directorates_shown
from directorates
join organisation using (period)
order by directorates.period, directorates.group_name
