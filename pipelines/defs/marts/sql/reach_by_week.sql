-- Cumulative reach, week by week (weeks start on Monday), for programmes longer than a week:
-- its last session at least 7 days after its first.
-- Participants as in programme_reach: headcount employees attended or partial in a delivered session;
-- each is counted in the week they first took part, so the last week's total is the programme's.
create or replace table marts.reach_by_week as
with programmes as (
    select programme, first_session_date, last_session_date
    from core.programmes
    where last_session_date - first_session_date >= 7
),
headcount as (
    select programme, count(*) as headcount from core.headcount group by programme
),
weeks as (
    select
        programme,
        unnest(generate_series(
            date_trunc('week', first_session_date)::timestamp,
            date_trunc('week', last_session_date)::timestamp,
            interval 7 day
        ))::date as week_start
    from programmes
),
delivered as (
    select session_id, programme, date_trunc('week', start_at)::date as week_start
    from core.sessions
    where delivered
),
present as (
    select delivered.programme, delivered.week_start, attendance.person_key
    from core.attendance as attendance
    join delivered using (session_id)
    where attendance.attendance_status in ('attended', 'partial')
),
first_weeks as (
    select present.programme, present.person_key, min(present.week_start) as week_start
    from present
    join
        core.headcount as headcount
        on headcount.programme = present.programme and headcount.person_key = present.person_key
    group by present.programme, present.person_key
),
new_participants as (
    select programme, week_start, count(*) as new_participants from first_weeks group by programme, week_start
),
-- Attendances: attended-or-partial (session, person) pairs, guests included.
attendances as (
    select programme, week_start, count(*) as attendances from present group by programme, week_start
),
sessions as (
    select programme, week_start, count(*) as sessions_delivered from delivered group by programme, week_start
),
weekly as (
    select
        weeks.programme,
        weeks.week_start,
        row_number() over (partition by weeks.programme order by weeks.week_start) as week_number,
        coalesce(sessions.sessions_delivered, 0) as sessions_delivered,
        coalesce(attendances.attendances, 0) as attendances,
        coalesce(new_participants.new_participants, 0) as new_participants
    from weeks
    left join sessions using (programme, week_start)
    left join attendances using (programme, week_start)
    left join new_participants using (programme, week_start)
)
select
    weekly.*,
    sum(weekly.new_participants) over (partition by weekly.programme order by weekly.week_start)::bigint
        as cumulative_participants,
    100.0 * sum(weekly.new_participants) over (partition by weekly.programme order by weekly.week_start)
    / nullif(headcount.headcount, 0) as cumulative_participation_pct
from weekly
left join headcount using (programme)
order by weekly.programme, weekly.week_start
