-- Every programme of a reported period side by side (SPEC section 5): its sessions in the period by D,
-- its headcount as section 3 fits it to the audience (managers only when every session is for
-- managers) on the period's D, and its participants, rating, NPS and cost per participant there.
create or replace table marts.period_programmes as
with sessions as (
    select * from core.period_sessions where basis = 'this'
),
reported as (
    select period, period_start from marts.period_reach
),
programmes as (
    select
        sessions.period,
        sessions.programme,
        count(*) as sessions_delivered,
        coalesce(sum(sessions.cost_gbp), 0) as total_cost_gbp,
        any_value(core_programmes.managers_only) as managers_only
    from sessions
    join core.programmes as core_programmes using (programme)
    group by all
),
headcount as (
    select programmes.period, programmes.programme, people.person_key
    from programmes
    join core.period_headcount as people
        on
            people.period = programmes.period
            and people.basis = 'this'
            and (not programmes.managers_only or people.is_manager)
),
participants as (
    select attendance.period, attendance.programme, count(distinct attendance.person_key) as participants
    from core.period_attendance as attendance
    semi join headcount using (period, programme, person_key)
    where attendance.basis = 'this'
    group by all
),
feedback as (
    select sessions.period, sessions.programme, avg(responses.rating) as avg_rating, nps_of(responses.recommend) as nps
    from sessions
    join core.responses as responses using (session_id)
    where responses.submitted_at <= $as_of
    group by all
)
select
    programmes.period,
    programmes.programme,
    programmes.sessions_delivered,
    coalesce(headcount_counts.headcount, 0) as headcount,
    coalesce(participants.participants, 0) as participants,
    -- Workforce participation % = participants / headcount x 100.
    100.0 * coalesce(participants.participants, 0) / nullif(headcount_counts.headcount, 0) as participation_pct,
    feedback.avg_rating,
    feedback.nps,
    -- Cost per participant = summed session cost / participants.
    programmes.total_cost_gbp / nullif(participants.participants, 0) as cost_per_participant_gbp
from programmes
join reported using (period)
left join (select period, programme, count(*) as headcount from headcount group by all) as headcount_counts
    using (period, programme)
left join participants using (period, programme)
left join feedback using (period, programme)
order by reported.period_start, programmes.programme
