-- Every file found: rows_read = rows_kept + rows_quarantined, where a quarantined row is one whole
-- data row set aside (an answer quarantined alone leaves its row kept).
create or replace table audit.files as
with found as (
    select * from audit.files_found
),
quarantined as (
    select file, count(distinct row_number) as rows_quarantined
    from quarantine.records
    where whole_row
    group by file
)
select
    found.file,
    found.sha256,
    found.format,
    found.status,
    found.reason,
    found.source,
    found.rows_read,
    found.rows_read - coalesce(found.rows_quarantined, quarantined.rows_quarantined, 0) as rows_kept,
    -- A log keeps only its first 100 rejects in the quarantine but counts all of them.
    coalesce(found.rows_quarantined, quarantined.rows_quarantined, 0) as rows_quarantined
from found
left join quarantined using (file)
order by found.file
