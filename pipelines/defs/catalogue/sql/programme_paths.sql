-- Every session's Intranet Path plus the configured prefixes of its programme.
create or replace table core.programme_paths as
select distinct programme, session_id, intranet_path as path
from core.sessions
where intranet_path is not null
union all
select distinct prefixes.programme, null, page_path(prefixes.prefix)
from staging.intranet_prefixes as prefixes
join core.programmes using (programme)
