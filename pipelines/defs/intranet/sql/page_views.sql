-- Page views and the visits they belong to, over every log loaded so far (SPEC section 3 "Intranet").
-- Parameters: $visit_gap_minutes (30) and $salt. Macros page_path and user_key come from pipelines.warehouse.
-- No user name, IP address or user agent leaves staging: the visitor is a salted hash (20 hex
-- characters, as person keys are) and the user's employee is its person_key (intranet_users.sql).
create or replace table core.page_views as
with requests as (
    select * from staging.intranet_requests
),
normalised as (
    select
        file_id,
        line,
        requested_at as viewed_at,
        method,
        status,
        lower(coalesce(user_agent, '')) as agent,
        user_agent,
        page_path(path) as path,
        user_key(username) as username,
        client_ip
    from requests
),
-- A page view is a GET with status 200-399 that is not a static asset and whose user agent
-- is not a robot's: it holds none of the robot words (contains() is far faster than a regex).
page_views as (
    select *
    from normalised
    where method = 'GET'
        and status between 200 and 399
        and not regexp_matches(path, '\.(css|js|png|jpe?g|gif|svg|ico|woff2?|ttf|map)$')
        and not (
            contains(agent, 'bot') or contains(agent, 'crawl') or contains(agent, 'spider')
            or contains(agent, 'slurp') or contains(agent, 'monitor') or contains(agent, 'uptime')
            or contains(agent, 'curl') or contains(agent, 'wget') or contains(agent, 'python-requests')
        )
),
-- The visitor is the authenticated user when there is one, else client IP + user agent.
visitors as materialized (
    select
        file_id,
        line,
        viewed_at,
        path,
        coalesce(username, concat_ws(' ', client_ip, user_agent)) as visitor_text,
        username
    from page_views
),
-- Visitors numbered and hashed once, so that the windows below partition by a number, not a long text.
visitor_numbers as (
    select
        visitor_text,
        dense_rank() over (order by visitor_text) as visitor_number,
        substr(sha256($salt || visitor_text), 1, 20) as visitor
    from (select distinct visitor_text from visitors)
),
-- A visit is a visitor's run of page views with no gap over visit_gap_minutes.
gaps as (
    select
        visitors.*,
        visitor_numbers.visitor_number,
        visitor_numbers.visitor,
        viewed_at - lag(viewed_at) over by_visitor > to_minutes($visit_gap_minutes::bigint) as starts_after_gap
    from visitors
    join visitor_numbers using (visitor_text)
    window by_visitor as (partition by visitor_number order by viewed_at)
),
-- The default frame (range) counts views at the same moment together, so they share a visit.
numbered as (
    select
        *,
        sum(case when starts_after_gap is distinct from false then 1 else 0 end) over (
            partition by visitor_number order by viewed_at
        ) as visit_number
    from gaps
)
select
    numbered.file_id,
    numbered.line,
    numbered.viewed_at,
    numbered.path,
    numbered.visitor,
    users.person_key,
    numbered.username is not null as is_authenticated,
    -- Visit n of visitor v as one number, v * 1,000,000 + n: nobody makes a million visits.
    numbered.visitor_number * 1000000 + numbered.visit_number as visit_id
from numbered
left join staging.intranet_users as users using (username)
