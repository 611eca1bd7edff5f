-- One row per cohort with at least one delivered meeting.
create or replace table marts.cohort_summary as
with held as (
    select programme, cohort, count(*) as meetings_held from core.cohort_meetings group by all
),
members as (
    select programme, cohort, count(*) as members, count(*) filter (where completed) as completed_members
    from marts.cohort_members
    group by all
)
select
    held.programme,
    held.cohort,
    coalesce(members.members, 0) as members,
    held.meetings_held,
    coalesce(members.completed_members, 0) as completed_members,
    -- Completion % = members who completed / members x 100.
    100.0 * coalesce(members.completed_members, 0) / nullif(members.members, 0) as completion_pct,
    -- Publication (SPEC section 3): a cohort of fewer than min_cell members hides its figures; a count of
    -- 1 to min_cell - 1 completers hides the completers and the completion %.
    coalesce(members.members, 0) < $min_cell as members_suppressed,
    coalesce(members.members, 0) < $min_cell or coalesce(members.completed_members, 0) between 1 and $min_cell - 1
        as completed_suppressed
from held
left join members using (programme, cohort)
order by held.programme, held.cohort
