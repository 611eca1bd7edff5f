-- Why records were set aside, in plain words, with a few places to look (file, row, column).
-- The reasons are published, so quoted values, e-mail addresses and anything holding a digit
-- (IDs, dates, times) are masked; the records themselves stay in quarantine.records.
create or replace table marts.quarantine_reasons as
with records as (
    select
        source,
        file,
        row_number,
        column_name,
        whole_row,
        regexp_replace(
            regexp_replace(
                regexp_replace(reason, '''[^'']*''|"[^"]*"', '''…''', 'g'),
                '[^\s@'']+@[^\s@'']+', '…', 'g'
            ),
            '[\w\\./:-]*\d[\w\\./:-]*', '…', 'g'
        ) as reason
    from quarantine.records
)
select
    source,
    reason,
    count(*) as records,
    count(*) filter (where whole_row) as whole_rows,
    count(distinct file) as files,
    list({'file': file, 'row_number': row_number, 'column_name': column_name} order by file, row_number)[1:3] as examples
from records
group by source, reason
order by records desc, source, reason
