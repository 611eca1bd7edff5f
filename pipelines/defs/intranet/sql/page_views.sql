-- Page views and the visits they belong to, over every log loaded so far (SPEC section 3 "Intranet").
-- Parameters: $visit_gap_minutes (30) and $salt. Macro page_path comes from pipelines.sql.
-- No user name, IP address or user agent leaves staging: the visitor is a salted hash (20 hex
-- characters, as person keys are) and the user's employee is its person_key (intranet_users.sql).
-- Logs repeat a few paths, user agents and users millions of times, so each rule below runs once
-- per distinct value and the requests join the results: far cheaper than a regex per request.
create or replace table core.page_views as
with requests as (
    select file_id, line, requested_at, path, username, client_ip, user_agent
    from staging.intranet_requests
    where method = 'GET' and status between 200 and 399
),
-- A page view is a GET with status 200-399 that is not a static asset: its path is normalised
-- (query string dropped, lower case, no trailing slash) ...
pages as (
    select requested_path, path
    from (
        select requested_path, page_path(requested_path) as path
        from (select distinct path as requested_path from staging.intranet_requests)
    )
    where not regexp_matches(path, '\.(css|js|png|jpe?g|gif|svg|ico|woff2?|ttf|map)$')
),
-- ... and whose user agent is not a robot's: it holds none of the robot words.
agents as (
    select user_agent
    from (select distinct user_agent, lower(coalesce(user_agent, '')) as agent from staging.intranet_requests)
    where not (
        contains(agent, 'bot') or contains(agent, 'crawl') or contains(agent, 'spider')
        or contains(agent, 'slurp') or contains(agent, 'monitor') or contains(agent, 'uptime')
        or contains(agent, 'curl') or contains(agent, 'wget') or contains(agent, 'python-requests')
    )
),
-- The visitor is the authenticated user (DOMAIN\ dropped, lower case) when there is one, else client IP + user agent.
page_views as materialized (
    select
        requests.file_id,
        requests.line,
        requests.requested_at as viewed_at,
        pages.path,
        users.person_key,
        users.username is not null as is_authenticated,
        coalesce(users.username, concat_ws(' ', requests.client_ip, requests.user_agent)) as visitor_text
    from requests
    join pages on pages.requested_path = requests.path
    join agents on agents.user_agent is not distinct from requests.user_agent
    left join staging.intranet_users as users on users.login = requests.username
),
-- Visitors numbered and hashed once, so that the windows below partition by a number, not a long text.
visitors as (
    select
        visitor_text,
        dense_rank() over (order by visitor_text) as visitor_number,
        substr(sha256($salt || visitor_text), 1, 20) as visitor
    from (select distinct visitor_text from page_views)
),
-- Views at the same moment share a visit, so visits are cut on each visitor's distinct moments.
moments as (
    select visitors.visitor_number, moments.viewed_at
    from (select distinct visitor_text, viewed_at from page_views) as moments
    join visitors using (visitor_text)
),
-- A visit is a visitor's run of page views with no gap over visit_gap_minutes.
gaps as (
    select
        visitor_number,
        viewed_at,
        -- in microseconds: comparing intervals is several times slower
        epoch_us(viewed_at) - lag(epoch_us(viewed_at)) over (partition by visitor_number order by viewed_at)
        > $visit_gap_minutes::bigint * 60000000 as starts_after_gap
    from moments
),
visit_numbers as (
    select
        visitor_number,
        viewed_at,
        sum(case when starts_after_gap is distinct from false then 1 else 0 end) over (
            partition by visitor_number order by viewed_at rows between unbounded preceding and current row
        ) as visit_number
    from gaps
)
select
    page_views.file_id,
    page_views.line,
    page_views.viewed_at,
    page_views.path,
    visitors.visitor,
    page_views.person_key,
    page_views.is_authenticated,
    -- Visit n of visitor v as one number, v * 1,000,000 + n: nobody makes a million visits.
    (visit_numbers.visitor_number * 1000000 + visit_numbers.visit_number)::bigint as visit_id
from page_views
join visitors using (visitor_text)
join visit_numbers using (visitor_number, viewed_at)
