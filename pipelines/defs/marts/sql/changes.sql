-- Each published refresh's programme figures, kept so the next one can say what changed.
create table if not exists meta.reach_history (
    refreshed_at timestamp, as_of timestamp, programme varchar, participants bigint, attendances bigint,
    programme_visits bigint, feedback_responses bigint, engaged_people bigint,
    participation_pct double, engaged_pct double, nps double
);

delete from meta.reach_history where as_of = $as_of;

insert into meta.reach_history
select
    current_timestamp::timestamp, $as_of::timestamp, programme, participants, attendances,
    programme_visits, feedback_responses, engaged_people, participation_pct, engaged_pct, nps
from marts.programme_reach;

-- What changed since the previous published refresh: new attendances, visits and feedback, and the
-- figures that moved. A programme new this week is compared with nothing (its previous figures are NULL).
create or replace table marts.changes_since_last as
with history as (
    select * from meta.reach_history
),
ranked as (
    select *, dense_rank() over (order by as_of desc) as age from history
),
now as (
    select * from ranked where age = 1
),
before as (
    select * from ranked where age = 2
),
figures as (
    unpivot (
        select
            now.programme, before.as_of as previous_as_of,
            { 'now': now.participants, 'before': before.participants } as participants,
            { 'now': now.attendances, 'before': before.attendances } as attendances,
            { 'now': now.programme_visits, 'before': before.programme_visits } as programme_visits,
            { 'now': now.feedback_responses, 'before': before.feedback_responses } as feedback_responses,
            { 'now': now.engaged_people, 'before': before.engaged_people } as engaged_people,
            { 'now': round(now.participation_pct, 2), 'before': round(before.participation_pct, 2) }
                as participation_pct,
            { 'now': round(now.engaged_pct, 2), 'before': round(before.engaged_pct, 2) } as engaged_pct,
            { 'now': round(now.nps, 2), 'before': round(before.nps, 2) } as nps
        from now
        left join before using (programme)
    )
    on participants,
    attendances,
    programme_visits,
    feedback_responses,
    engaged_people,
    participation_pct,
    engaged_pct,
    nps
    into name metric value pair
)
select
    programme,
    previous_as_of,
    metric,
    pair['before'] as previous_value,
    pair['now'] as current_value,
    pair['now'] - pair['before'] as change
from figures
