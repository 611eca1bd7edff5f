-- A directorate's participation in each programme next to the whole organisation's, for the
-- directorate pages. The directorate figures and their suppression come from reach_by_group.
create or replace table marts.directorate_reach as
with directorates as (
    select * from marts.reach_by_group where dimension = 'directorate'
),
programmes as (
    select * from marts.programme_reach
)
select
    directorates.group_name as directorate,
    directorates.programme,
    programmes.first_session_date,
    programmes.last_session_date,
    directorates.headcount,
    directorates.participants,
    directorates.participation_pct,
    directorates.suppressed,
    directorates.headcount_suppressed,
    programmes.headcount as organisation_headcount,
    programmes.participants as organisation_participants,
    programmes.participation_pct as organisation_participation_pct
from directorates
join programmes using (programme)
order by directorate, programmes.first_session_date nulls last, directorates.programme
