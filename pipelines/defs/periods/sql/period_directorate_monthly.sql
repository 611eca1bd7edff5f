-- Each directorate's cumulative reach month by month in each reported period, against the organisation's
-- (SPEC section 5, the directorate pages). Participants count the period headcount with the directorate
-- of its snapshot. A month's cell is hidden as a breakdown cell is (section 3 "Publication", in
-- publication.sql), the directorates of one month being the breakdown.
create or replace table marts.period_directorate_monthly as
with months as (
    select period, month, cumulative_participation_pct as organisation_cumulative_participation_pct
    from marts.period_monthly
),
headcount as (
    select period, person_key, directorate from core.period_headcount where basis = 'this'
),
first_months as (
    select period, person_key, min(month) as first_month
    from core.period_attendance
    where basis = 'this' and in_headcount
    group by all
),
sizes as (
    select period, directorate, count(*) as headcount from headcount group by all
),
cells as (
    select
        months.period,
        months.month,
        sizes.directorate,
        sizes.headcount,
        count(first_months.person_key) as cumulative_participants,
        any_value(months.organisation_cumulative_participation_pct) as organisation_cumulative_participation_pct
    from months
    join sizes using (period)
    left join headcount on headcount.period = months.period and headcount.directorate = sizes.directorate
    left join first_months
        on
            first_months.period = headcount.period
            and first_months.person_key = headcount.person_key
            and first_months.first_month <= months.month
    group by all
),
primary_cells as (
    select *, hidden_alone(cumulative_participants, headcount, $min_cell) as hidden_itself
    from cells
),
breakdowns as (
    select
        *,
        suppressed_cell(hidden_itself, (period, month), cumulative_participants, headcount, directorate) as suppressed
    from primary_cells
)
select
    period,
    directorate,
    month,
    headcount,
    cumulative_participants,
    -- Cumulative participation % = the directorate's participants so far / its headcount x 100.
    100.0 * cumulative_participants / headcount as cumulative_participation_pct,
    organisation_cumulative_participation_pct,
    suppressed
from breakdowns
order by period, directorate, month
