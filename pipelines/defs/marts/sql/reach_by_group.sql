-- Take-up by group (SPEC section 4): each programme's headcount and participants per group of every
-- breakdown, with the publication rule's `suppressed` flag. The true counts stay here; pages hide them.
create or replace table marts.reach_by_group as
with headcount as (
    select
        programme,
        person_key,
        directorate,
        grade,
        case when is_manager then 'Manager' when not is_manager then 'Not a manager' end as manager,
        location,
        sex,
        age_band,
        ethnicity,
        disability,
        sexual_orientation
    from core.headcount
),
by_dimension as (
    select programme, person_key, unnest([
        {'dimension': 'directorate', 'group_name': directorate},
        {'dimension': 'grade', 'group_name': grade},
        {'dimension': 'manager', 'group_name': manager},
        {'dimension': 'location', 'group_name': location},
        {'dimension': 'sex', 'group_name': sex},
        {'dimension': 'age_band', 'group_name': age_band},
        {'dimension': 'ethnicity', 'group_name': ethnicity},
        {'dimension': 'disability', 'group_name': disability},
        {'dimension': 'sexual_orientation', 'group_name': sexual_orientation}
    ], recursive := true)
    from headcount
),
-- A breakdown exists where the roster has it: a column entirely empty in the headcount is not there.
present as (
    select programme, dimension
    from by_dimension
    group by programme, dimension
    having count(group_name) > 0
),
participants as (
    select programme, person_key from core.participants
),
cells as (
    select
        by_dimension.programme,
        by_dimension.dimension,
        coalesce(by_dimension.group_name, 'Not recorded') as group_name,
        count(*) as headcount,
        count(participants.person_key) as participants
    from by_dimension
    semi join present using (programme, dimension)
    left join participants using (programme, person_key)
    group by all
),
-- A count of people between 1 and min_cell - 1, or a group headcount under min_cell, is hidden.
primary_cells as (
    select *, participants between 1 and $min_cell - 1 or headcount < $min_cell as hidden_itself
    from cells
),
breakdowns as (
    select
        primary_cells.*,
        count(*) filter (where hidden_itself) over (partition by programme, dimension) as hidden_in_breakdown,
        row_number() over (
            partition by programme, dimension, hidden_itself order by participants, headcount, group_name
        ) as smallest_first
    from primary_cells
)
select
    programme,
    dimension,
    group_name,
    headcount,
    participants,
    -- Participation % of the group = participants / group headcount x 100.
    100.0 * participants / nullif(headcount, 0) as participation_pct,
    -- Where exactly one cell of a breakdown is hidden, the cell with the next smallest participant
    -- count (then the smaller headcount) is hidden too, so that no total gives it away.
    hidden_itself or (hidden_in_breakdown = 1 and smallest_first = 1) as suppressed
from breakdowns
order by
    programme,
    list_position(['directorate', 'grade', 'manager', 'location', 'sex', 'age_band', 'ethnicity', 'disability', 'sexual_orientation'], dimension),
    group_name
