-- "10 things we learnt" (SPEC sections 3 "Publication" and 4): per programme, the first ten figures in the
-- order below worth saying, worded by the macros of ten_things_wording.sql. A thing is not worth saying
-- when it repeats another in other words (engaged people who are just the participants, everyone a repeat
-- attender, one attendance each), rests on one or two people or sessions (fewer than 3), or states an
-- unknown as 0 (no visits, no feedback, no cost, no booking data, a completion not known): fewer than ten is
-- better than filler.
create or replace table marts.ten_things as
with reach as (
    select reach.*, programmes.managers_only
    from marts.programme_reach as reach
    join core.programmes as programmes using (programme)
),
sessions as (
    select * from marts.session_metrics
),
-- Busiest session: as marts.session_metrics defines it.
busiest as (
    select programme, title, start, attendances from sessions where busiest and attendances > 0
),
-- How many sessions a figure rests on: the fill rate counts sessions with a capacity and attendance data.
session_counts as (
    select programme, count(*) filter (where capacity > 0 and has_attendance_data) as sessions_with_fill_data
    from sessions
    group by programme
),
-- Log coverage (as marts.programme_sources gives it): a window with days without a log reads its visits "at least".
coverage as (
    select programme, log_first_day as first_day, log_last_day as last_day, log_uncovered_days as uncovered_days
    from marts.programme_sources
),
answers as (
    select programme, count(rating) as ratings, count(recommend) as recommends from core.responses group by programme
),
sessions_attended as (
    select programme, person_key, sessions_attended as sessions from core.participants
),
-- Repeat attenders = participants at two or more sessions.
repeat_attenders as (
    select programme, count(*) as people from sessions_attended where sessions >= 2 group by programme
),
in_person as (
    select programme, location, count(*) as sessions, sum(attendances) as attendances
    from sessions
    where format = 'in person' and location is not null
    group by all
),
-- Satellite sites = in-person locations other than the programme's most used one
-- (the one with most sessions, then most attendances).
main_site as (
    select programme, location as main_site
    from in_person
    qualify row_number() over (partition by programme order by sessions desc, attendances desc, location) = 1
),
satellite as (
    select
        programme,
        any_value(main_site) as main_site,
        sum(attendances) filter (where location <> main_site) as satellite_attendances,
        sum(attendances) as in_person_attendances
    from in_person
    join main_site using (programme)
    group by programme
),
-- Managers versus staff: participation % of each, only where neither cell is suppressed.
managers_vs_staff as (
    select managers.programme, managers.participation_pct as managers_pct, staff.participation_pct as staff_pct
    from marts.reach_by_group as managers
    join marts.reach_by_group as staff
        on staff.programme = managers.programme and staff.dimension = 'manager' and staff.group_name = 'Not a manager'
    where
        managers.dimension = 'manager' and managers.group_name = 'Manager'
        and not managers.suppressed and not staff.suppressed
),
-- Cohort completion is said only when every cohort's is known (not while meetings without data leave it open).
cohorts as (
    select programme, sum(members) as members, sum(completed_members) as completed_members
    from marts.cohort_summary
    group by programme
    having bool_and(completed_members is not null)
),
figures as (
    select
        programme, 1 as priority, 'participants' as metric, participants as value,
        as_sentence(count_in_words(participants) || plural(participants, ' person took part', ' people took part'))
            as text
    from reach where participants >= 3
    union all
    -- Engaged % = engaged people / headcount x 100: the "got involved in some way" figure.
    select
        programme, 2, 'engaged_pct', engaged_pct,
        'An estimated ' || percent_in_words(engaged_pct)
        || case when managers_only then ' of managers' else ' of the workforce' end || ' got involved in some way'
    from reach where engaged_people >= 3 and engaged_people <> participants and engaged_pct is not null
    union all
    -- Workforce participation % = participants / headcount x 100.
    select
        programme, 3, 'participation_pct', participation_pct,
        percent_in_words(participation_pct)
        || case when managers_only then ' of managers' else ' of the workforce' end || ' took part in a session'
    from reach where participants >= 3 and participation_pct is not null
    union all
    -- A member completes by attending at least 80% of the cohort's delivered meetings.
    select
        programme, 4, 'cohort_completion_pct', 100.0 * completed_members / members,
        percent_in_words(100.0 * completed_members / members)
        || ' of cohort members came to at least 80% of their meetings'
    from cohorts where members >= 3 and completed_members not between 1 and 2
    union all
    -- Programme visits: intranet visits with a page view under a programme path in the window.
    select
        programme, 5, 'programme_visits', programme_visits,
        'There ' || plural(programme_visits, 'was ', 'were ')
        || case
            when uncovered_days > 0 and count_in_words(programme_visits) not like 'over %' then 'at least ' else ''
        end
        || count_in_words(programme_visits) || plural(programme_visits, ' visit', ' visits') || ' to the intranet pages'
        || case when uncovered_days > 0 then ' (logs cover ' || strftime(first_day, '%-d %B') || ' to '
        -- chr(59) is the semicolon, which cannot appear inside a statement of these files
        || strftime(last_day, '%-d %B') || chr(59) || ' '
        || uncovered_days || plural(uncovered_days, ' day', ' days')
        || ' of the window ' || plural(uncovered_days, 'has', 'have') || ' no log)' else '' end
    from reach left join coverage using (programme) where unique_visitors >= 3
    union all
    -- Sessions delivered: Start at or before the refresh, not cancelled or postponed.
    select
        programme, 6, 'sessions_delivered', sessions_delivered,
        as_sentence(
            count_in_words(sessions_delivered)
            || plural(sessions_delivered, ' session was', ' sessions were') || ' held'
        )
    from reach where sessions_delivered >= 3
    union all
    select
        busiest.programme, 7, 'busiest_session', busiest.attendances,
        'The busiest session, ' || busiest.title || ' on ' || strftime(busiest.start, '%-d %B') || ', had '
        || count_in_words(busiest.attendances) || plural(busiest.attendances, ' attendance', ' attendances')
    from busiest
    join reach using (programme)
    where reach.sessions_delivered >= 3 and busiest.attendances >= 3
    union all
    -- Cost per participant = summed session cost / participants.
    select
        programme, 8, 'cost_per_participant_gbp', cost_per_participant_gbp,
        'It cost ' || money_in_words(cost_per_participant_gbp) || ' per participant'
    from reach where total_cost_gbp > 0 and participants >= 3
    union all
    select
        programme, 9, 'avg_rating', avg_rating,
        'Sessions were rated ' || rounded_tenth(avg_rating) || ' out of 5 on average'
    from reach join answers using (programme) where ratings >= 3
    union all
    -- NPS = % scoring 9-10 minus % scoring 0-6 on likelihood to recommend.
    select
        programme, 10, 'nps', nps,
        'The Net Promoter Score was ' || nps_in_words(nps)
    from reach join answers using (programme) where recommends >= 3
    union all
    select
        programme, 11, 'repeat_attenders', people,
        as_sentence(
            count_in_words(people) || plural(people, ' person came', ' people came') || ' to two or more sessions'
        )
    from repeat_attenders join reach using (programme) where people >= 3 and people <> participants
    union all
    select
        programme, 12, 'managers_participation_pct', managers_pct,
        percent_in_words(managers_pct) || ' of managers took part, against ' || percent_in_words(staff_pct)
        || ' of other staff'
    from managers_vs_staff where managers_pct > 0 or staff_pct > 0
    union all
    select
        programme, 13, 'satellite_share_pct', 100.0 * satellite_attendances / in_person_attendances,
        percent_in_words(100.0 * satellite_attendances / in_person_attendances)
        || ' of in-person attendances were at satellite sites, away from ' || main_site
    from satellite where satellite_attendances >= 3
    union all
    -- Attendances: attended-or-partial (session, person) pairs, guests included.
    select
        programme, 14, 'attendances', attendances,
        'There ' || plural(attendances, 'was ', 'were ') || count_in_words(attendances)
        || plural(attendances, ' attendance', ' attendances')
    from reach where attendances >= 3 and attendances <> participants
    union all
    -- Response rate % = responses / attendances.
    select
        programme, 15, 'response_rate_pct', response_rate_pct,
        percent_in_words(response_rate_pct) || ' of attendances led to a feedback response'
    from reach where feedback_responses >= 3 and response_rate_pct is not null
    union all
    -- No-show rate % = no-shows / registrations, over the sessions with booking data (say how many).
    select
        programme, 16, 'no_show_rate_pct', no_show_rate_pct,
        percent_in_words(no_show_rate_pct) || ' of bookings were no-shows, at the '
        || sessions_with_booking_data || ' sessions with booking data'
    from reach where sessions_with_booking_data >= 3 and registrations >= 3
    union all
    -- Fill rate % = attendances / capacity, over the sessions with both a capacity and attendance data.
    select
        programme, 17, 'fill_rate_pct', fill_rate_pct,
        'Sessions were ' || percent_in_words(fill_rate_pct) || ' full'
    from reach join session_counts using (programme) where fill_rate_pct is not null and sessions_with_fill_data >= 3
)
select
    programme,
    row_number() over (partition by programme order by priority) as rank,
    metric,
    value::double as value,
    text
from figures
qualify rank <= 10
order by programme, rank
