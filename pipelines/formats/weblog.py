"""Intranet request logs (SPEC section 2 `intranet/`, section 3 "Intranet"), loaded line by line into DuckDB.

Two families of log are read: Apache/Nginx combined or common log format (plain
or gzipped, an optional "host:port " virtual-host prefix, IPv6 clients) and IIS
W3C extended logs, whose `#Fields:` directive names the values of the lines
below it and may change mid-file.

Logs run to millions of lines, so unlike the other formats this one does not
return a DataFrame: DuckDB's CSV reader reads each line as one text value and SQL
splits it, several times faster than a Python loop (see bench/intranet.py). Every line
that is not a request at all is a reject; a request the page-view rule leaves
out (a robot, a stylesheet, a 404, a POST) is kept here and filtered later in
`defs/intranet/sql/`.
"""

from __future__ import annotations

import codecs
import gzip
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from pipelines.formats.tables import NotATable, Reject, decode

COMBINED, W3C = "combined", "w3c"
REJECTS_KEPT = 100  # per file, as the SPEC asks; the rest are only counted
DEFAULT_TABLE = "staging.intranet_requests"

# What a combined or common log line looks like, to recognise the format from a file's head.
_COMBINED = re.compile(r'^(?:\S+:\d+ )?\S+ \S+ \S+ \[[^\]]+\] "[^"]*" \d{3} \S+')

_GZIP_MAGIC = b"\x1f\x8b"
_HEAD_BYTES = 64 * 1024
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

# Each line as one text value: no quoting, and a delimiter no text log contains.
NO_DELIMITER = "\x00\x01\x02"
_READ_LINES = r"""
create or replace temp table weblog_lines as
select row_number() over () as line, text
from read_csv(
    $path, columns = {'text': 'VARCHAR'}, header = false, auto_detect = false,
    delim = $delimiter, quote = '', escape = '', new_line = '\r\n',
    strict_mode = false, compression = $compression, encoding = $encoding
)
"""

# Apache writes a quote inside a quoted field as \" and a backslash as \\. The combined
# parser swaps them for chr(2) and chr(1) before splitting the line on quotes; this
# macro reads them back as " and \. Most lines have neither: they are left as they are.
_UNESCAPE = r"""
create or replace temp macro weblog_unescaped(value) as
    case when contains(value, chr(1)) or contains(value, chr(2))
        then replace(replace(value, chr(2), '"'), chr(1), '\') else value end
"""

# Both parsers yield the staging columns and, for a line that is not a request,
# the column at fault and the reason in plain words. The combined one splits with
# string functions: one regular expression with submatches over the whole line is three times slower.
_PARSE_COMBINED = r"""
create or replace temp table weblog_parsed as
with lines as (
    select line, text from weblog_lines where text is not null and not regexp_full_match(text, '\s*')
),
-- [host:port ]client identity user [time] "request" status bytes ["referer" "user agent"]
quoted as (
    select
        line,
        string_split(
            case when contains(text, '\') then replace(replace(text, '\\', chr(1)), '\"', chr(2)) else text end,
            '"'
        ) as piece
    from lines
),
pieces as (
    select
        line,
        string_split(piece[1], ' ') as head,
        piece[2] as request,
        regexp_extract(piece[3], '^ (\d{3}) \S+ ?$', 1) as status,
        piece[6] as user_agent,
        len(piece) as piece_count
    from quoted
),
fields as (
    select
        line,
        -- the head is [host:port] client identity user [day/month/year:time zone] and a last ''
        len(head) in (6, 7) and head[-1] = '' and starts_with(head[-3], '[') and suffix(head[-2], ']')
            and piece_count >= 3 and status <> '' as is_log_line,
        head[-6] as client_ip,
        head[-4] as username,
        head[-3] || ' ' || head[-2] as time,
        request,
        regexp_extract(request, '^([A-Za-z]+) (\S+)(?: HTTP/\S+)?$', ['method', 'target']) as request_line,
        status,
        user_agent
    from pieces
),
parsed as (
    select *, try_strptime(time, '[%d/%b/%Y:%H:%M:%S %z]') as requested_at
    from fields
)
select
    line,
    requested_at,
    upper(request_line.method) as method,
    weblog_unescaped(request_line.target) as path,
    try_cast(status as integer) as status,
    weblog_unescaped(nullif(nullif(username, '-'), '')) as username,
    client_ip,
    weblog_unescaped(nullif(nullif(user_agent, '-'), '')) as user_agent,
    case
        when not is_log_line then null
        when request_line.method = '' then 'request'
        when requested_at is null then 'time'
    end as reject_column,
    case
        when not is_log_line then 'this line is not a request in the Apache/Nginx log format'
        when request = '-' then 'the line records no request (the request is ''-'', status ' || status || ')'
        when request_line.method = ''
            then 'the request ''' || weblog_unescaped(request) || ''' is not a method and a page'
        when requested_at is null then 'the time ''' || trim(time, '[]') || ''' is not a real date and time'
    end as reject_reason
from parsed
"""

# IIS names each line's values in the latest `#Fields:` directive above it.
_PARSE_W3C = r"""
create or replace temp table weblog_parsed as
with lines as (
    select line, text from weblog_lines where text is not null and not regexp_full_match(text, '\s*')
),
directives as (
    select
        line,
        text,
        starts_with(text, '#') as is_directive,
        case when starts_with(lower(text), '#fields:')
            then regexp_split_to_array(lower(trim(text[9:])), '\s+') end as declared_fields,
        case when starts_with(lower(text), '#date:') then trim(text[7:])[:10] end as declared_date
    from lines
),
in_force as (
    select
        line,
        text,
        is_directive,
        last_value(declared_fields ignore nulls) over in_file_order as fields,
        last_value(declared_date ignore nulls) over in_file_order as directive_date
    from directives
    window in_file_order as (order by line rows between unbounded preceding and current row)
),
cells as (
    select line, fields, directive_date, string_split(trim(text), ' ') as cell
    from in_force
    where not is_directive
),
named as (
    select
        line,
        fields,
        len(cell) as cell_count,
        coalesce(nullif(cell[list_position(fields, 'date')], '-'), directive_date) as date,
        nullif(cell[list_position(fields, 'time')], '-') as time,
        nullif(cell[list_position(fields, 'cs-method')], '-') as method,
        coalesce(
            nullif(cell[list_position(fields, 'cs-uri-stem')], '-'), nullif(cell[list_position(fields, 'cs-uri')], '-')
        ) as stem,
        nullif(cell[list_position(fields, 'cs-uri-query')], '-') as query,
        nullif(cell[list_position(fields, 'sc-status')], '-') as status,
        nullif(cell[list_position(fields, 'cs-username')], '-') as username,
        nullif(cell[list_position(fields, 'c-ip')], '-') as client_ip,
        nullif(cell[list_position(fields, 'cs(user-agent)')], '-') as user_agent
    from cells
),
typed as (
    select
        *,
        try_strptime(date || ' ' || time || ' +0000', '%Y-%m-%d %H:%M:%S %z') as requested_at
    from named
)
select
    line,
    requested_at,
    upper(method) as method,
    stem || coalesce('?' || query, '') as path,
    try_cast(status as integer) as status,
    username,
    client_ip,
    replace(user_agent, '+', ' ') as user_agent,
    case
        when fields is null or cell_count <> len(fields) then null
        when method is null then 'cs-method'
        when stem is null then 'cs-uri-stem'
        when requested_at is null then 'date'
        when try_cast(status as integer) is null then 'sc-status'
    end as reject_column,
    case
        when fields is null then 'no #Fields directive comes before this line, so its values have no names'
        when cell_count <> len(fields)
            then 'the line has ' || cell_count || ' values where the #Fields directive above it names '
                 || len(fields)
        when method is null then 'the line has no method (cs-method)'
        when stem is null then 'the line has no page (cs-uri-stem)'
        when requested_at is null
            then 'the date and time ''' || coalesce(date, '') || ' ' || coalesce(time, '')
                 || ''' are not a real date and time'
        when try_cast(status as integer) is null
            then 'the status ''' || coalesce(status, '') || ''' is not a number'
    end as reject_reason
from typed
"""

REQUEST_COLUMNS = """
    file_id VARCHAR,
    line BIGINT,
    requested_at TIMESTAMPTZ,
    method VARCHAR,
    path VARCHAR,
    status INTEGER,
    username VARCHAR,
    client_ip VARCHAR,
    user_agent VARCHAR
"""


@dataclass
class LogLoad:
    """What loading one log did: its format, its data lines, the requests kept and the rejects.

    `rows_read` counts data lines (not `#` directives, not blank lines), so that
    rows_read = rows_kept + rejects_total. `rejects` holds the first 100 only.
    """

    format: str
    rows_read: int
    rows_kept: int
    rejects: list[Reject] = field(default_factory=list)
    rejects_total: int = 0


def detect_log_format(path: Path) -> str:
    """'combined' (Apache/Nginx, common format included) or 'w3c' (IIS), from the file's first lines.

    Raises NotATable for a file that is neither (empty, binary, another kind of text).
    """
    lines = [line for line in _head_text(Path(path)).splitlines() if line.strip()]
    if any(line.lower().startswith(("#fields:", "#software: microsoft")) for line in lines):
        return W3C
    if any(_COMBINED.match(line) for line in lines):
        return COMBINED
    raise NotATable("the file is neither an Apache/Nginx access log nor an IIS W3C log")


def load_requests(
    conn: duckdb.DuckDBPyConnection, path: Path, file_id: str, table: str = DEFAULT_TABLE
) -> LogLoad:
    """Append the log's requests to `table` (replacing any rows already loaded under `file_id`).

    Columns: file_id, line, requested_at (TIMESTAMPTZ: the line's own offset, IIS
    in UTC), method, path (as requested, query string included), status,
    username (NULL for '-'), client_ip, user_agent (IIS '+' read as spaces).
    Loading the same file_id again replaces its rows, so a re-run never double counts.
    """
    path = Path(path)
    log_format = detect_log_format(path)
    target = _quoted_table(table)
    try:
        _read_lines(conn, path)
        conn.execute(_UNESCAPE)
        conn.execute(_PARSE_W3C if log_format == W3C else _PARSE_COMBINED)
        _store(conn, file_id, target)
        rows_read, rejects_total = conn.execute(
            "select count(*), count(reject_reason) from weblog_parsed"
        ).fetchone()
        rejects = [
            Reject(row=line, column=column, reason=reason, raw=text)
            for line, column, reason, text in conn.execute(
                "select line, reject_column, reject_reason, text from weblog_parsed"
                " join weblog_lines using (line)"
                " where reject_reason is not null order by line limit $kept",
                {"kept": REJECTS_KEPT},
            ).fetchall()
        ]
    finally:
        conn.execute("drop table if exists weblog_lines")
        conn.execute("drop table if exists weblog_parsed")
    return LogLoad(log_format, rows_read, rows_read - rejects_total, rejects, rejects_total)


def _read_lines(conn: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Every line of the file, numbered as an editor shows it, into temp table weblog_lines.

    `row_number() over ()` follows the reader's insertion order, which DuckDB keeps
    for CSV scans. Text that is not UTF-8 is read as Latin-1 rather than refused.
    """
    compressed, head = _head_bytes(path)
    utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    parameters = {
        "path": str(path),
        "delimiter": NO_DELIMITER,
        "compression": "gzip" if compressed else "none",
    }
    try:
        conn.execute(_READ_LINES, {**parameters, "encoding": "utf-16" if utf16 else "utf-8"})
    except duckdb.InvalidInputException as error:
        if utf16 or "unicode" not in str(error).lower():
            raise
        conn.execute(_READ_LINES, {**parameters, "encoding": "latin-1"})


def _store(conn: duckdb.DuckDBPyConnection, file_id: str, table: str) -> None:
    """Replace the file's rows in the staging table, in one transaction."""
    schema = table.split(".")[0] if "." in table else None
    conn.execute("begin transaction")
    try:
        if schema:
            conn.execute(f"create schema if not exists {schema}")
        conn.execute(f"create table if not exists {table} ({REQUEST_COLUMNS})")
        conn.execute(f"delete from {table} where file_id = $file_id", {"file_id": file_id})
        conn.execute(
            f"""
            insert into {table}
            select $file_id, line, requested_at, method, path, status, username, client_ip, user_agent
            from weblog_parsed
            where reject_reason is null
            """,
            {"file_id": file_id},
        )
        conn.execute("commit")
    except Exception:
        conn.execute("rollback")
        raise


def _quoted_table(table: str) -> str:
    """`schema.table` as quoted identifiers; a table name cannot be a bound parameter."""
    parts = table.split(".")
    if not 1 <= len(parts) <= 2 or not all(_IDENTIFIER.match(part) for part in parts):
        raise ValueError(f"'{table}' is not a table name such as staging.intranet_requests")
    return ".".join(f'"{part}"' for part in parts)


def _head_bytes(path: Path) -> tuple[bool, bytes]:
    """Whether the file is gzipped, and its first 64 KB (unzipped)."""
    try:
        with path.open("rb") as handle:
            if handle.read(2) == _GZIP_MAGIC:
                with gzip.open(path, "rb") as unzipped:
                    return True, unzipped.read(_HEAD_BYTES)
            handle.seek(0)
            return False, handle.read(_HEAD_BYTES)
    except (OSError, EOFError, zlib.error) as error:
        raise NotATable(f"the file cannot be unzipped ({error})") from error


def _head_text(path: Path) -> str:
    _, head = _head_bytes(path)
    if not head.strip():
        raise NotATable("the file is empty")
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise NotATable("the file is not text (it looks like a binary file)")
    return decode(head)
