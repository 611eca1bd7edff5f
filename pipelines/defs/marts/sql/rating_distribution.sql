-- How feedback answers spread over each scale: the rating (1-5) and the likelihood to recommend
-- (0-10, grouped as NPS counts them: promoters 9-10, passives 7-8, detractors 0-6).
-- share_pct is of the responses that answered that question; nps_group_share_pct is the share of its
-- NPS group (NPS = promoters' share - detractors' share). Every score of the scale has a row.
create or replace table marts.rating_distribution as
with answers as (
    select programme, 'rating' as question, rating as score from core.responses where rating is not null
    union all
    select programme, 'recommend', recommend from core.responses where recommend is not null
),
scales as (
    select 'rating' as question, unnest(range(1, 6)) as score
    union all
    select 'recommend', unnest(range(0, 11))
),
answered as (
    select programme, question, count(*) as answered from answers group by programme, question
),
counted as (
    select programme, question, score, count(*) as responses from answers group by programme, question, score
),
spread as (
    select
        answered.programme,
        scales.question,
        scales.score,
        coalesce(counted.responses, 0) as responses,
        100.0 * coalesce(counted.responses, 0) / answered.answered as share_pct,
        case
            when scales.question <> 'recommend' then null
            when scales.score >= 9 then 'promoter'
            when scales.score >= 7 then 'passive'
            else 'detractor'
        end as nps_group
    from answered
    join scales using (question)
    left join
        counted
        on
            counted.programme = answered.programme
            and counted.question = scales.question
            and counted.score = scales.score
)
select
    *,
    case when nps_group is not null then sum(share_pct) over (partition by programme, question, nps_group) end
        as nps_group_share_pct
from spread
order by programme, question, score
