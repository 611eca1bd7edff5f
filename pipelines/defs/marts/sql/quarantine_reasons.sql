-- Why records were set aside, in plain words, with a few places to look (file, row, column).
-- The reasons are published, so quoted values, e-mail addresses, phone numbers and any word holding
-- a digit (IDs, dates, times, long numbers) are masked with '…'; a number of one or two digits
-- ("from 1 to 5", "14 values") is kept. The records themselves stay in quarantine.records. A file name is
-- text copied from an export (it may name a person), so an example gives the file's top folder and a short
-- hash of its content (audit.files.sha256) instead, with the row and column.
create or replace table marts.quarantine_reasons as
with records as (
    select
        records.source,
        records.file,
        split_part(records.file, '/', 1) as folder,
        left(files.sha256, 8) as file_hash,
        records.row_number,
        records.column_name,
        records.whole_row,
        records.reason
    from quarantine.records as records
    left join audit.files as files using (file)
),
unquoted as (
    select
        *,
        regexp_replace(
            regexp_replace(
                regexp_replace(reason, '''[^'']*''|"[^"]*"', '''…''', 'g'),
                '[^\s@'']+@[^\s@'']+', '…', 'g'
            ),
            '\+?\(?\d([\s().-]{0,2}\d){9,}', '…', 'g'
        ) as unquoted_reason
    from records
),
masked as (
    select
        *,
        array_to_string(list_transform(
            string_split(unquoted_reason, ' '), lambda word:
            case
                when regexp_matches(word, '\d') and not regexp_full_match(word, '\W*\d{1,2}\W*')
                    then regexp_replace(word, '[\w\\./:-]*\d[\w\\./:-]*', '…', 'g')
                else word
            end
        ), ' ') as masked_reason
    from unquoted
)
select
    source,
    masked_reason as reason,
    count(*) as records,
    count(*) filter (where whole_row) as whole_rows,
    count(distinct file) as files,
    list(
        { 'folder': folder, 'file_hash': file_hash, 'row_number': row_number, 'column_name': column_name }
        order by file, row_number
    )[1:3] as examples
from masked
group by source, masked_reason
order by records desc, source, masked_reason
