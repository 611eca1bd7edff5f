-- The publication rule of SPEC section 3 for a breakdown cell, as macros the period marts share.

-- A cell hidden on its own: 1 to min_cell - 1 people, or a group whose headcount is under min_cell.
create or replace macro hidden_alone(people, headcount, min_cell) as
    people between 1 and min_cell - 1 or headcount < min_cell;

-- Where exactly one cell of a breakdown is hidden on its own, the shown cell with the fewest people (then
-- the smallest headcount, then the first name in alphabetical order) is hidden too, so that no total
-- gives it away. `breakdown` names the cells that add up to a total, e.g. (period, dimension).
create or replace macro suppressed_cell(hidden, breakdown, people, headcount, group_name) as
    hidden or (
        count(*) filter (where hidden) over (partition by breakdown) = 1
        and row_number() over (partition by breakdown, hidden order by people, headcount, group_name) = 1
    )
