-- Month by month (SPEC section 5): one row per calendar month from the period's first month to the month
-- of its to date, zeros included. Participant columns count only the period headcount, so the last
-- month's cumulative participants equal the period's participants.
create or replace table marts.period_monthly as
with reported as (
    select period, period_start, to_date, headcount from marts.period_reach
),
months as (
    select
        period,
        unnest(generate_series(date_trunc('month', period_start), date_trunc('month', to_date), interval 1 month))::date
            as month
    from reported
),
sessions as (
    select
        period,
        month,
        count(*) as sessions_delivered,
        count(*) filter (where metrics.has_attendance_data) as sessions_with_attendance_data
    from core.period_sessions
    join marts.session_metrics as metrics using (session_id)
    where basis = 'this'
    group by all
),
attendance as (
    select
        period,
        month,
        count(*) as attendances,
        count(distinct person_key) filter (where in_headcount) as participants
    from core.period_attendance
    where basis = 'this'
    group by all
),
-- New participants: whose first attended-or-partial session of the period is that month.
first_months as (
    select period, person_key, min(month) as month
    from core.period_attendance
    where basis = 'this' and in_headcount
    group by all
),
new_participants as (
    select period, month, count(*) as new_participants from first_months group by all
),
-- "Not known is never shown as 0": a month with delivered sessions none of which has attendance data has
-- attendances and participants that are not known (NULL); the cumulative figures carry the known ones forward.
counted as (
    select
        months.period,
        months.month,
        coalesce(sessions.sessions_delivered, 0) as sessions_delivered,
        case when sessions.sessions_with_attendance_data = 0 then null else coalesce(attendance.attendances, 0) end
            as attendances,
        case when sessions.sessions_with_attendance_data = 0 then null else coalesce(attendance.participants, 0) end
            as participants,
        case
            when sessions.sessions_with_attendance_data = 0 then null
            else coalesce(new_participants.new_participants, 0)
        end as new_participants,
        sum(coalesce(new_participants.new_participants, 0)) over (
            partition by months.period order by months.month
        )::bigint as cumulative_participants
    from months
    left join sessions using (period, month)
    left join attendance using (period, month)
    left join new_participants using (period, month)
)
select
    counted.*,
    -- Cumulative participation % = cumulative participants / the period headcount x 100.
    100.0 * counted.cumulative_participants / nullif(reported.headcount, 0) as cumulative_participation_pct
from counted
join reported using (period)
order by reported.period_start, counted.month
