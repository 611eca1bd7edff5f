-- One row: what this refresh read, kept and set aside, for the top of the data-quality page.
create or replace table marts.data_quality_summary as
with files as (
    select * from audit.files
)
select
    count(*) as files_found,
    count(*) filter (where status = 'ingested') as files_read,
    count(*) filter (where status = 'skipped') as files_skipped,
    coalesce(sum(rows_read), 0)::bigint as rows_read,
    coalesce(sum(rows_kept), 0)::bigint as rows_kept,
    coalesce(sum(rows_quarantined), 0)::bigint as rows_quarantined,
    (select count(*) from quarantine.records where not whole_row) as answers_quarantined,
    (select count(*) from marts.session_metrics where not has_attendance_data) as sessions_without_attendance_data
from files
