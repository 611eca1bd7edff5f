-- Equality monitoring of each reported period (SPEC section 5), for the public sector equality duty:
-- per group of each breakdown, its share of the workforce and of participants, its participation %,
-- its representation ratio, a 95% Wilson interval and the finding, with the publication rule's flags.
-- Dimensions as reach_by_group, each only where the snapshot of D has it. Values are trimmed and
-- compared case-insensitively (the first spelling in sort order kept); a blank is "Not known".
create or replace table marts.equality_monitoring as
with reported as (
    select period, headcount as period_headcount, participants as period_participants, participation_pct as period_pct
    from marts.period_reach
),
headcount as (
    select
        period,
        person_key,
        -- core.people says 'Not recorded' for a blank directorate, grade or location: here it is "Not known".
        nullif(directorate, 'Not recorded') as directorate,
        nullif(grade, 'Not recorded') as grade,
        case when is_manager then 'Manager' when not is_manager then 'Not a manager' end as manager,
        nullif(location, 'Not recorded') as location,
        sex,
        age_band,
        ethnicity,
        disability,
        sexual_orientation
    from core.period_headcount
    where basis = 'this'
),
participants as (
    select distinct period, person_key from core.period_attendance where basis = 'this' and in_headcount
),
by_dimension as (
    select
        period, person_key, unnest(
            breakdowns(
                directorate, grade, manager, location, sex, age_band, ethnicity, disability, sexual_orientation
            ),
            recursive := true
        )
    from headcount
),
values_read as (
    select period, person_key, dimension, nullif(trim(group_name), '') as spelling
    from by_dimension
),
-- A breakdown exists where the snapshot has its column: one that is empty throughout is not there.
present as (
    select period, dimension from values_read group by all having count(spelling) > 0
),
grouped as (
    select *, coalesce(lower(spelling), '') as group_key
    from values_read
    semi join present using (period, dimension)
),
cells as (
    select
        grouped.period,
        grouped.dimension,
        grouped.group_key,
        coalesce(min(grouped.spelling), 'Not known') as group_name,
        count(*) as headcount,
        count(participants.person_key) as participants
    from grouped
    left join participants using (period, person_key)
    group by all
),
measured as (
    select
        cells.*,
        reported.period_headcount,
        reported.period_participants,
        reported.period_pct,
        participants / headcount as p,
        headcount::double as n,
        1.959964 as z
    from cells
    join reported using (period)
),
wilson as (
    select
        *,
        (p + z * z / (2 * n)) / (1 + z * z / n) as centre,
        z * sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n) as half_width
    from measured
),
-- A group's participant figures are hidden by the publication rule (publication.sql).
primary_cells as (
    select *, hidden_alone(participants, headcount, $min_cell) as hidden_itself
    from wilson
),
breakdowns as (
    select
        *,
        suppressed_cell(hidden_itself, (period, dimension), participants, headcount, group_name) as suppressed
    from primary_cells
)
select
    period,
    dimension,
    group_name,
    headcount,
    -- Workforce share % = group headcount / period headcount x 100.
    100.0 * headcount / period_headcount as workforce_share_pct,
    participants,
    -- Participant share % = group participants / period participants x 100.
    100.0 * participants / nullif(period_participants, 0) as participant_share_pct,
    -- Participation % of the group = its participants / its headcount x 100.
    100.0 * p as participation_pct,
    -- Representation ratio = group participation % / the period's participation % (1.0 = its fair share).
    100.0 * p / nullif(period_pct, 0) as representation_ratio,
    -- Wilson 95% interval: centre = (p + z²/2n) / (1 + z²/n),
    -- half-width = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n).
    100.0 * (centre - half_width) as ci_low_pct,
    100.0 * (centre + half_width) as ci_high_pct,
    -- Finding, on unrounded values: "lower" when the interval lies wholly under the period's
    -- participation %, "higher" when wholly over it, else "in line".
    case
        when 100.0 * (centre + half_width) < period_pct then 'lower'
        when 100.0 * (centre - half_width) > period_pct then 'higher'
        else 'in line'
    end as finding,
    suppressed,
    -- A group's headcount and workforce share are hidden only when its headcount is under min_cell.
    headcount < $min_cell as headcount_suppressed
from breakdowns
order by
    period,
    list_position(
        [
            'directorate', 'grade', 'manager', 'location', 'sex', 'age_band', 'ethnicity', 'disability',
            'sexual_orientation'
        ],
        dimension
    ),
    group_name
