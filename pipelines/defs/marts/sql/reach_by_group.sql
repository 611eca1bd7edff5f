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
    select
        programme, person_key, unnest(
            breakdowns(
                directorate, grade, manager, location, sex, age_band, ethnicity, disability, sexual_orientation
            ),
            recursive := true
        )
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
-- The publication rule (macros hidden_alone and suppressed_cell in pipelines/sql.py).
primary_cells as (
    select *, hidden_alone(participants, headcount, $min_cell) as hidden_itself
    from cells
),
published as (
    select
        *,
        suppressed_cell(hidden_itself, (programme, dimension), participants, headcount, group_name) as suppressed
    from primary_cells
),
-- Grades in pay order: the [publication] grade_order setting, else the order in which grades first
-- appear in the newest roster snapshot; grades found in neither come last, by name.
newest_roster as (
    select grade, min(file) as file, min(row) as row
    from staging.roster
    where snapshot_date = (select max(snapshot_date) from staging.roster) and grade is not null
    group by grade
),
roster_order as (
    select grade as group_name, row_number() over (order by file, row) as roster_position from newest_roster
)
select
    programme,
    dimension,
    group_name,
    headcount,
    participants,
    -- Participation % of the group = participants / group headcount x 100.
    100.0 * participants / nullif(headcount, 0) as participation_pct,
    suppressed,
    -- A group's headcount (its share of the workforce) is hidden only when it is under min_cell.
    headcount < $min_cell as headcount_suppressed,
    -- A ranking names only the groups shown: the highest and lowest participation among them.
    not suppressed and row_number() over (
        partition by programme, dimension, suppressed order by participation_pct desc, group_name
    ) = 1 as highest_shown,
    not suppressed and row_number() over (
        partition by programme, dimension, suppressed order by participation_pct, group_name
    ) = 1 as lowest_shown,
    row_number() over (
        partition by programme, dimension
        order by
            case when dimension = 'grade' then coalesce(
                nullif(list_position($grade_order::varchar[], group_name), 0),
                len($grade_order::varchar[]) + roster_position
            ) end nulls last,
            group_name
    ) as group_order
from published
left join roster_order using (group_name)
order by
    programme,
    list_position(
        [
            'directorate',
            'grade',
            'manager',
            'location',
            'sex',
            'age_band',
            'ethnicity',
            'disability',
            'sexual_orientation'
        ],
        dimension
    ),
    group_order
