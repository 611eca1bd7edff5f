-- One row per programme: the reach figures of SPEC section 3, over delivered sessions only.
create or replace table marts.programme_reach as
with programmes as (
    select * from core.programmes
),
headcount as (
    select programme, count(*) as headcount from core.headcount group by programme
),
participants as (
    select programme, person_key from core.participants
),
sessions as (
    select
        programme,
        sum(attendances)::bigint as attendances,
        sum(guests)::bigint as guests,
        -- Registrations and no-shows add up the sessions that have booking data (NULL when none has).
        sum(registrations)::bigint as registrations,
        sum(no_shows)::bigint as no_shows,
        count(*) filter (where has_booking_data) as sessions_with_booking_data,
        -- Fill rate % = attendances / capacity, each summed over the sessions that have both a capacity
        -- over 0 and attendance data.
        100.0 * sum(attendances) filter (where capacity > 0 and has_attendance_data)
        / nullif(sum(capacity) filter (where capacity > 0 and has_attendance_data), 0) as fill_rate_pct
    from marts.session_metrics
    group by programme
),
-- Log coverage: window days up to as_of on which an intranet log line falls, and those on which none does.
coverage as (
    select
        programme,
        count(*) filter (where covered) as log_covered_days,
        count(*) filter (where not covered) as log_uncovered_days
    from core.log_coverage
    group by programme
),
-- "Not known is never shown as 0": a programme with intranet pages whose window no log line covers on any
-- day has page views, visits and visitors that are not known (NULL), not none.
intranet as (
    select * from core.programme_intranet
    where programme not in (
        select programme from coverage where log_covered_days = 0
        intersect
        select programme from core.programme_paths
    )
),
feedback as (
    select
        programme,
        count(*) as feedback_responses,
        avg(rating) as avg_rating,
        nps_of(recommend) as nps
    from core.responses
    group by programme
),
-- Engaged people: participants, or identified feedback, or an authenticated programme visit.
engaged as (
    select programme, count(distinct person_key) as engaged_people
    from (
        select programme, person_key from participants
        union all
        select programme, person_key from core.responses where person_key is not null
        union all
        select programme, person_key from core.intranet_engaged
    ) as involved
    join core.headcount using (programme, person_key)
    group by programme
)
select
    programmes.programme,
    programmes.first_session_date,
    programmes.last_session_date,
    programmes.sessions_delivered,
    coalesce(headcount.headcount, 0) as headcount,
    coalesce(participant_counts.participants, 0) as participants,
    -- Workforce participation % = participants / headcount x 100.
    100.0 * coalesce(participant_counts.participants, 0) / nullif(headcount.headcount, 0) as participation_pct,
    coalesce(sessions.attendances, 0) as attendances,
    coalesce(sessions.guests, 0) as guests,
    sessions.registrations,
    sessions.no_shows,
    -- No-show rate % = no-shows / registrations, over the sessions with booking data.
    100.0 * sessions.no_shows / nullif(sessions.registrations, 0) as no_show_rate_pct,
    sessions.fill_rate_pct,
    intranet.page_views,
    intranet.programme_visits,
    intranet.unique_visitors,
    -- Visits per session = programme visits / sessions delivered.
    intranet.programme_visits / nullif(programmes.sessions_delivered, 0) as visits_per_session,
    coalesce(feedback.feedback_responses, 0) as feedback_responses,
    -- Response rate % = responses / attendances.
    100.0 * coalesce(feedback.feedback_responses, 0) / nullif(sessions.attendances, 0) as response_rate_pct,
    feedback.avg_rating,
    feedback.nps,
    coalesce(engaged.engaged_people, 0) as engaged_people,
    -- Engaged % = engaged people / headcount x 100: the "got involved in some way" figure.
    100.0 * coalesce(engaged.engaged_people, 0) / nullif(headcount.headcount, 0) as engaged_pct,
    programmes.total_cost_gbp,
    -- Cost per participant = summed session cost / participants.
    programmes.total_cost_gbp / nullif(participant_counts.participants, 0) as cost_per_participant_gbp,
    coalesce(sessions.sessions_with_booking_data, 0) as sessions_with_booking_data,
    coalesce(coverage.log_uncovered_days, 0) as log_uncovered_days
from programmes
left join headcount using (programme)
left join (select programme, count(*) as participants from participants group by programme) as participant_counts
    using (programme)
left join sessions using (programme)
left join intranet using (programme)
left join feedback using (programme)
left join engaged using (programme)
left join coverage using (programme)
order by programmes.first_session_date nulls last, programmes.programme
