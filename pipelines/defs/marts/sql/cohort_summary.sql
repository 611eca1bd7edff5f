-- One row per cohort with at least one delivered meeting. Meetings held are its delivered meetings;
-- meetings_with_data those of them with attendance data (a kept attendance or sign-in row matched them).
create or replace table marts.cohort_summary as
with held as (
    select
        meetings.programme,
        meetings.cohort,
        count(*) as meetings_held,
        count(*) filter (where sessions.has_attendance_data) as meetings_with_data
    from core.cohort_meetings as meetings
    join marts.session_metrics as sessions using (session_id)
    group by all
),
-- A member completes by attending at least 80% of the cohort's delivered meetings; while any member's
-- completion is not known (meetings without attendance data), the cohort's is not known either (NULL).
members as (
    select
        programme,
        cohort,
        count(*) as members,
        case when bool_and(completed is not null) then count(*) filter (where completed) end as completed_members
    from marts.cohort_members
    group by all
)
select
    held.programme,
    held.cohort,
    coalesce(members.members, 0) as members,
    held.meetings_held,
    held.meetings_with_data,
    case when members.members is null then 0 else members.completed_members end as completed_members,
    -- Completion % = members who completed / members x 100.
    100.0 * members.completed_members / nullif(members.members, 0) as completion_pct,
    -- Publication (SPEC section 3): a cohort of fewer than min_cell members hides its figures; a count of
    -- 1 to min_cell - 1 completers hides the completers and the completion %.
    coalesce(members.members, 0) < $min_cell as members_suppressed,
    coalesce(members.members, 0) < $min_cell or coalesce(members.completed_members between 1 and $min_cell - 1, false)
        as completed_suppressed
from held
left join members using (programme, cohort)
order by held.programme, held.cohort
