-- Records a correction would fix: attendance quarantined for want of a session (by meeting title),
-- and people left as guests (by how the export names them). The officer completes each line.
create or replace table audit.correction_suggestions as
with unmatched_titles as (
    select
        'session' as kind,
        json_extract_string(record, '$.meeting_title') as value,
        'no session in the catalogue has this meeting title' as reason,
        count(*) as records,
        list(distinct file order by file) as files
    from quarantine.records
    where
        source = 'attendance' and column_name = 'Session' and json_extract_string(record, '$.meeting_title') is not null
    group by all
),
unlinked_people as (
    select 'person' as kind, value, unlinked_detail as reason, records, files
    from staging.attendance_unlinked
)
select * from unmatched_titles
union all
select * from unlinked_people
order by kind desc, records desc, value
