-- Employees who made an authenticated programme visit, for "engaged people" (SPEC section 3 "Reach").
-- The user behind each page view was linked to an employee in intranet_users.sql.
create or replace table core.intranet_engaged as
select distinct programme, person_key
from core.programme_page_views
where is_authenticated and person_key is not null
