-- One row per reported period (SPEC section 5): reach over its delivered sessions up to its to date,
-- any programme, and the same figures for the previous period to the same point (prev_, NULL when that
-- period had no delivered session by then) with the change (a difference; of percentages, in points).
create or replace table marts.period_reach as
with cuts as (
    select * from core.period_cuts
),
headcount as (
    select period, basis, count(*) as headcount from core.period_headcount group by all
),
sessions as (
    select
        period,
        basis,
        count(*) as sessions_delivered,
        count(distinct programme) as programmes,
        coalesce(sum(cost_gbp), 0) as total_cost_gbp
    from core.period_sessions
    group by all
),
attendance as (
    select
        period,
        basis,
        -- Attendances: attended-or-partial (session, person) pairs, guests included.
        count(*) as attendances,
        count(distinct person_key) filter (where in_headcount) as participants,
        (sum(learning_seconds) filter (where in_headcount) / 3600.0)::double as learning_hours
    from core.period_attendance
    group by all
),
engaged as (
    select period, basis, count(*) as engaged_people from core.period_engaged group by all
),
feedback as (
    select sessions.period, sessions.basis, count(*) as feedback_responses, avg(responses.rating) as avg_rating
    from core.period_sessions as sessions
    join core.responses as responses using (session_id)
    join cuts using (period, basis)
    where responses.submitted_at <= cuts.cut_at
    group by all
),
figures as (
    select
        cuts.period,
        cuts.basis,
        cuts.period_start,
        cuts.period_end,
        cuts.to_date,
        cuts.is_current,
        coalesce(headcount.headcount, 0) as headcount,
        coalesce(sessions.programmes, 0) as programmes,
        coalesce(sessions.sessions_delivered, 0) as sessions_delivered,
        coalesce(attendance.participants, 0) as participants,
        -- Workforce participation % = participants / headcount x 100.
        100.0 * coalesce(attendance.participants, 0) / nullif(headcount.headcount, 0) as participation_pct,
        coalesce(attendance.attendances, 0) as attendances,
        coalesce(attendance.learning_hours, 0) as learning_hours,
        -- Learning hours per employee = learning hours / headcount.
        coalesce(attendance.learning_hours, 0) / nullif(headcount.headcount, 0) as learning_hours_per_employee,
        coalesce(engaged.engaged_people, 0) as engaged_people,
        -- Engaged % = engaged people / headcount x 100.
        100.0 * coalesce(engaged.engaged_people, 0) / nullif(headcount.headcount, 0) as engaged_pct,
        coalesce(feedback.feedback_responses, 0) as feedback_responses,
        feedback.avg_rating,
        coalesce(sessions.total_cost_gbp, 0) as total_cost_gbp,
        -- Cost per participant = summed session cost / participants.
        coalesce(sessions.total_cost_gbp, 0) / nullif(attendance.participants, 0) as cost_per_participant_gbp
    from cuts
    left join headcount using (period, basis)
    left join sessions using (period, basis)
    left join attendance using (period, basis)
    left join engaged using (period, basis)
    left join feedback using (period, basis)
),
this_period as (
    select * exclude (basis) from figures where basis = 'this'
),
-- NULL when the previous period had no delivered session by then.
previous as (
    select * from figures where basis = 'previous' and sessions_delivered > 0
)
select
    this_period.*,
    previous.sessions_delivered as prev_sessions_delivered,
    this_period.sessions_delivered - previous.sessions_delivered as change_sessions_delivered,
    previous.participants as prev_participants,
    this_period.participants - previous.participants as change_participants,
    previous.participation_pct as prev_participation_pct,
    this_period.participation_pct - previous.participation_pct as change_participation_pct,
    previous.attendances as prev_attendances,
    this_period.attendances - previous.attendances as change_attendances,
    previous.learning_hours_per_employee as prev_learning_hours_per_employee,
    this_period.learning_hours_per_employee - previous.learning_hours_per_employee
        as change_learning_hours_per_employee,
    previous.engaged_pct as prev_engaged_pct,
    this_period.engaged_pct - previous.engaged_pct as change_engaged_pct
from this_period
left join previous using (period)
-- Reported: the current period always, earlier ones with at least one delivered session.
where this_period.is_current or this_period.sessions_delivered > 0
order by this_period.period_start
