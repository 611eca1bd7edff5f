-- Reporting periods (SPEC section 5): a period runs from `year_starts` (MM-DD) to the day before the
-- next one, labelled "2025/26" (or "2025" when it starts on 1 January). Reported: the period holding
-- as_of (the current one, zeros allowed) and every earlier period with a delivered session.
-- Each period has two cuts: 'this' (its delivered sessions up to its to date D, the earlier of its
-- last day and the date of as_of) and 'previous' (the previous period to the same point: cut at
-- as_of minus one year for the current period, 29 February -> 28 February; whole for a complete one).
create or replace table core.period_cuts as
with settings as (
    select
        $as_of::timestamp as as_of,
        $year_starts as year_starts,
        split_part($year_starts, '-', 1)::integer as start_month,
        split_part($year_starts, '-', 2)::integer as start_day
),
-- A session belongs to the period that holds its Start date (local).
days as (
    select start_at::date as day from core.sessions where delivered
    union
    select as_of::date from settings
),
starts as (
    select distinct
        make_date(
            year(day) - case when strftime(day, '%m-%d') < year_starts then 1 else 0 end, start_month, start_day
        ) as period_start
    from days, settings
),
periods as (
    select
        case
            when year_starts = '01-01' then year(period_start)::varchar
            else year(period_start) || '/' || lpad(((year(period_start) + 1) % 100)::varchar, 2, '0')
        end as period,
        period_start,
        (period_start + interval 1 year)::date - 1 as period_end,
        as_of,
        as_of::date between period_start and (period_start + interval 1 year)::date - 1 as is_current
    from starts, settings
),
this_cut as (
    select
        period,
        'this' as basis,
        period_start,
        period_end,
        least(period_end, as_of::date) as to_date,
        as_of as cut_at,
        is_current
    from periods
),
previous_cut as (
    select
        period,
        'previous' as basis,
        (period_start - interval 1 year)::date as period_start,
        period_start - 1 as period_end,
        case
            when is_current then least(period_start - 1, (as_of - interval 1 year)::date)
            else period_start - 1
        end as to_date,
        case when is_current then as_of - interval 1 year else as_of end as cut_at,
        is_current
    from periods
)
select * from this_cut
union all
select * from previous_cut
order by period_start, basis desc
