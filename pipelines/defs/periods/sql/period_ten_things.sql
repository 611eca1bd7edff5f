-- "10 things we learnt" about each reported period's learning (SPEC sections 3 "Publication" and 5): the
-- first ten figures in the order below that the period has good data for, worded by the macros of
-- defs/marts/sql/ten_things_wording.sql. Left out: a figure resting on one or two people or sessions, one
-- repeating another in other words (engaged people the same number as participants), an unknown.
create or replace table marts.period_ten_things as
with reach as (
    select
        *,
        case when is_current then ' so far this year' else ' in ' || period end as so_far
    from marts.period_reach
),
-- The busiest month = the month with the most attendances (the earliest on a tie).
busiest_month as (
    select period, month, attendances
    from marts.period_monthly
    where attendances > 0
    qualify row_number() over (partition by period order by attendances desc, month) = 1
),
figures as (
    select
        period, 1 as priority, 'participants' as metric, participants as value,
        as_sentence(
            count_in_words(participants) || plural(participants, ' employee', ' employees')
            || ' took part in at least one session' || so_far
        ) as text
    from reach where participants > 2
    union all
    -- Workforce participation % = participants / headcount x 100.
    select
        period, 2, 'participation_pct', participation_pct,
        percent_in_words(participation_pct) || ' of the workforce took part in a session' || so_far
    from reach where participants > 2
    union all
    -- Same point last year: the change of participation %, in points.
    select
        period, 3, 'change_participation_pct', change_participation_pct,
        case
            when rounded_whole(change_participation_pct) = 0
                then 'Participation was level with the same point last year, at ' || percent_in_words(participation_pct)
            else
                'Participation was ' || abs(rounded_whole(change_participation_pct))
                || plural(abs(rounded_whole(change_participation_pct)), ' point ', ' points ')
                || case when change_participation_pct > 0 then 'higher' else 'lower' end
                || ' than at the same point last year (' || percent_in_words(prev_participation_pct) || ')'
        end
    from reach where change_participation_pct is not null and participants > 2 and prev_participants > 2
    union all
    -- Engaged % = engaged people / headcount x 100: the "got involved in some way" figure.
    select
        period, 4, 'engaged_pct', engaged_pct,
        'An estimated ' || percent_in_words(engaged_pct) || ' of the workforce got involved in some way' || so_far
    from reach where engaged_people > 2 and engaged_people <> participants
    union all
    -- Learning hours: headcount employees' presence in their sessions, in hours.
    select
        period, 5, 'learning_hours', learning_hours,
        'Staff spent ' || count_in_words(floor(learning_hours)) || plural(floor(learning_hours), ' hour', ' hours')
        || ' learning' || so_far
    from reach where participants > 2 and learning_hours >= 1
    union all
    select
        period, 6, 'sessions_delivered', sessions_delivered,
        as_sentence(
            count_in_words(sessions_delivered) || plural(sessions_delivered, ' session was', ' sessions were')
            || ' held across ' || count_in_words(programmes) || plural(programmes, ' programme', ' programmes')
        )
    from reach where sessions_delivered > 2
    union all
    select
        period, 7, 'busiest_month', busiest_month.attendances,
        'The busiest month was ' || strftime(month, '%B %Y') || ', with ' || count_in_words(busiest_month.attendances)
        || plural(busiest_month.attendances, ' attendance', ' attendances')
    from busiest_month
    join reach using (period)
    where reach.sessions_delivered > 2 and busiest_month.attendances > 2
    union all
    -- Attendances: attended-or-partial (session, person) pairs, guests included.
    select
        period, 8, 'attendances', attendances,
        'There ' || plural(attendances, 'was ', 'were ') || count_in_words(attendances)
        || plural(attendances, ' attendance', ' attendances') || so_far
    from reach where attendances > 2
    union all
    select
        period, 9, 'avg_rating', avg_rating,
        'Sessions were rated ' || rounded_tenth(avg_rating) || ' out of 5 on average'
    from reach where avg_rating is not null and feedback_responses > 2
    union all
    -- Cost per participant = summed session cost / participants.
    select
        period, 10, 'cost_per_participant_gbp', cost_per_participant_gbp,
        'Learning cost ' || money_in_words(cost_per_participant_gbp) || ' per participant'
    from reach where total_cost_gbp > 0 and participants > 2
)
select
    period,
    row_number() over (partition by period order by priority) as rank,
    metric,
    value::double as value,
    text
from figures
qualify rank <= 10
order by period, rank
