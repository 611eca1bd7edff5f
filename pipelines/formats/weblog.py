"""Intranet request logs (SPEC section 2 `intranet/`, section 3 "Intranet"), loaded line by line into DuckDB.

Two families of log are read: Apache/Nginx combined or common log format (plain
or gzipped, an optional "host:port " virtual-host prefix, IPv6 clients) and IIS
W3C extended logs, whose `#Fields:` directive names the values of the lines
below it and may change mid-file. Logs that only look alike are skipped with a
reason that says what they are: IIS FTP logs, IIS native (comma-separated) logs,
Apache and Nginx error logs.

Logs run to millions of lines, so unlike the other formats this one does not
return a DataFrame: DuckDB's CSV reader stores each line as one text value in a
temporary table, in file order, and one INSERT splits them in SQL and appends
every line to staging.intranet_lines, a request or a reject with its reason. Both
run on every core (a gzipped file is read on one). DuckDB holds the lines within its
memory limit and spills the rest to disk, so however large a file, the memory it
takes is bounded. A request the page-view rule leaves out (a robot, a stylesheet,
a 404, a POST) is a request, filtered later in `defs/intranet/sql/`. Why lines and
not the CSV reader's typed columns: see docs/scale.md.

A file that would exceed what a log can be is skipped with the reason (SPEC
section 6): a line longer than MAX_LINE_BYTES, or a gzip file expanding beyond
MAX_EXPANSION times its size. Both are module constants, so tests can lower them.
"""

from __future__ import annotations

import codecs
import gzip
import re
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from pipelines.formats.tables import NotATable, Reject, decode

COMBINED, W3C = "combined", "w3c"
REJECTS_KEPT = 100  # per file, as the SPEC asks; the rest are only counted
LINES = "staging.intranet_lines"
MAX_LINE_BYTES = 1 << 20  # Apache refuses request lines over 8 KB: a 1 MB line is not a log line
MAX_EXPANSION = 100  # gzipped logs shrink 10 to 30 times; a file expanding 100 times is damaged or hostile
READ_BUFFER_BYTES = 16 << 20  # the CSV reader's buffer: each thread reads one at a time

# What a combined or common log line looks like, to recognise the format from a file's head.
_COMBINED = re.compile(r'^(?:\S+:\d+ )?\S+ \S+ \S+ \[[^\]]+\] "[^"]*" \d{3} \S+')
# Logs that look alike but record no web request, each with what the officer is told.
_IIS_FTP = (
    re.compile(r"^#fields:.*\bx-(?:session|fullpath)\b", re.IGNORECASE | re.MULTILINE),
    "it is an IIS FTP server log (its #Fields name x-session and x-fullpath): FTP commands, not web page requests",
)
_LOOKALIKES = (
    (
        re.compile(r"^[^,\s]+, [^,]*, \d{1,2}/\d{1,2}/\d{2,4}, \d{1,2}:\d{2}:\d{2}, \w+, ", re.MULTILINE),
        "it is an IIS log in the IIS native format (comma-separated): set the site's logging to W3C to have it read",
    ),
    (
        re.compile(r"^\[\w{3} \w{3} [ \d]\d [\d:.]+ \d{4}\] \[[\w:]+\] ", re.MULTILINE),
        "it is an Apache error log: it records the server's errors, not page requests",
    ),
    (
        re.compile(
            r"^\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2} \[(?:debug|info|notice|warn|error|crit|alert|emerg)\] ", re.MULTILINE
        ),
        "it is an Nginx error log: it records the server's errors, not page requests",
    ),
)

_GZIP_MAGIC = b"\x1f\x8b"
_HEAD_BYTES = 64 * 1024
_BLOCK = 1 << 20

# Each line as one text value: no quoting, and a delimiter no text log contains. The reader finds
# the line ends itself (LF or CRLF): told new_line = '\r\n', its parallel reader refuses a full read
# of some LF files ("does not support a full read on this file"), as on the --scale 100 demo.
# The lines are first stored as they are, in file order, in a temporary table: DuckDB's reader
# works on every core and keeps the file's order (preserve_insertion_order, on by default), so a
# line's row id is its place in the file.
# Numbering them as they are read (WITH ORDINALITY) would run the whole load on one core.
NO_DELIMITER = "\x00\x01\x02"
_READ = """
create or replace temp table log_lines as
select text
from read_csv(
    $path, columns = {'text': 'VARCHAR'}, header = false, auto_detect = false,
    delim = $delimiter, quote = '', escape = '', strict_mode = false, compression = $compression,
    encoding = $encoding, max_line_size = $max_line_bytes, buffer_size = $buffer_bytes, parallel = $parallel
)
"""
# Blank lines are not data lines; the others keep their number in the file, as an editor shows it.
_LINES = r"""
lines as (
    select rowid + 1 as line, text
    from temp.log_lines
    where text is not null and not regexp_full_match(text, '\s*')
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

# Both parsers append every data line of the file: the request it records, or the column at
# fault and the reason in plain words (with the line's text, for the quarantine). The combined
# one splits with string functions: one regular expression with submatches over the whole line
# is three times slower.
_INSERT_COMBINED = r"""
insert into staging.intranet_lines
with {lines},
-- [host:port ]client identity user [time] "request" status bytes ["referer" "user agent"]
quoted as (
    select
        line,
        text,
        string_split(
            case when contains(text, '\') then replace(replace(text, '\\', chr(1)), '\"', chr(2)) else text end,
            '"'
        ) as piece
    from lines
),
pieces as (
    select
        line,
        text,
        string_split(piece[1], ' ') as head,
        piece[2] as request,
        regexp_extract(piece[3], '^ (\d{{3}}) \S+ ?$', 1) as status,
        piece[6] as user_agent,
        len(piece) as piece_count
    from quoted
),
fields as (
    select
        line,
        text,
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
),
judged as (
    select
        *,
        case
            when not is_log_line then 'this line is not a request in the Apache/Nginx log format'
            when request = '-' then 'the line records no request (the request is ''-'', status ' || status || ')'
            when request_line.method = ''
                then 'the request ''' || weblog_unescaped(request) || ''' is not a method and a page'
            when requested_at is null then 'the time ''' || trim(time, '[]') || ''' is not a real date and time'
        end as reject_reason
    from parsed
)
select
    $file_id,
    line,
    requested_at,
    upper(request_line.method),
    weblog_unescaped(request_line.target),
    try_cast(status as integer),
    weblog_unescaped(nullif(nullif(username, '-'), '')),
    client_ip,
    weblog_unescaped(nullif(nullif(user_agent, '-'), '')),
    case
        when not is_log_line then null
        when request_line.method = '' then 'request'
        when requested_at is null then 'time'
    end,
    reject_reason,
    case when reject_reason is not null then text end
from judged
"""

# IIS names each line's values in the latest `#Fields:` directive above it.
_INSERT_W3C = r"""
insert into staging.intranet_lines
with {lines},
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
    select line, text, fields, directive_date, string_split(trim(text), ' ') as cell
    from in_force
    where not is_directive
),
named as (
    select
        line,
        text,
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
),
judged as (
    select
        *,
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
)
select
    $file_id,
    line,
    requested_at,
    upper(method),
    stem || coalesce('?' || query, ''),
    try_cast(status as integer),
    username,
    client_ip,
    replace(user_agent, '+', ' '),
    case
        when fields is null or cell_count <> len(fields) then null
        when method is null then 'cs-method'
        when stem is null then 'cs-uri-stem'
        when requested_at is null then 'date'
        when try_cast(status as integer) is null then 'sc-status'
    end,
    reject_reason,
    case when reject_reason is not null then text end
from judged
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
# Every data line of every log: a request, or a reject (reject_reason, and the line's text as record).
# The requests are the lines without a reject reason; requested_at is kept for a reject whose time
# could be read, so every dated line counts for log coverage.
LINES_DDL = f"""
create schema if not exists staging;
create table if not exists {LINES} ({REQUEST_COLUMNS}, reject_column VARCHAR, reject_reason VARCHAR, record VARCHAR);
create or replace view staging.intranet_requests as
select file_id, line, requested_at, method, path, status, username, client_ip, user_agent
from {LINES}
where reject_reason is null;
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

    Raises NotATable for a file that is neither (empty, binary, another kind of text), saying what
    it looks like when it is a log of another kind. An access log with a stray error line is an access log.
    """
    text = _head_text(Path(path))
    lines = [line for line in text.splitlines() if line.strip()]
    if any(line.lower().startswith(("#fields:", "#software: microsoft")) for line in lines):
        pattern, reason = _IIS_FTP
        if pattern.search(text):
            raise NotATable(f"{reason}; not read")
        return W3C
    if any(_COMBINED.match(line) for line in lines):
        return COMBINED
    for pattern, reason in _LOOKALIKES:
        if pattern.search(text):
            raise NotATable(f"{reason}; not read")
    raise NotATable("the file is neither an Apache/Nginx access log nor an IIS W3C log")


def load_requests(conn: duckdb.DuckDBPyConnection, path: Path, file_id: str) -> LogLoad:
    """Append every data line of the log to staging.intranet_lines (replacing any loaded under `file_id`).

    Columns: file_id, line, requested_at (TIMESTAMPTZ: the line's own offset, IIS
    in UTC), method, path (as requested, query string included), status,
    username (NULL for '-'), client_ip, user_agent (IIS '+' read as spaces);
    for a reject, reject_column, reject_reason and the line as record.
    Loading the same file_id again replaces its rows, so a re-run never double counts.
    Raises NotATable for a file that is not a log, or is beyond what a log can be.
    """
    path = Path(path)
    log_format = detect_log_format(path)
    compressed, head = _head_bytes(path)
    if compressed:
        _check_expansion(path)
    sql = (_INSERT_W3C if log_format == W3C else _INSERT_COMBINED).format(lines=_LINES)
    conn.execute(LINES_DDL)
    conn.execute(_UNESCAPE)
    limits = {"delimiter": NO_DELIMITER, "max_line_bytes": MAX_LINE_BYTES, "buffer_bytes": READ_BUFFER_BYTES}
    with _readable(conn, path, compressed, head) as reader:
        _insert(conn, sql, file_id, reader | limits, may_be_latin1=reader["encoding"] == "utf-8")
    rows_read, rejects_total = conn.execute(
        f"select count(*), count(reject_reason) from {LINES} where file_id = $file_id", {"file_id": file_id}
    ).fetchone()
    rejects = [
        Reject(row=line, column=column, reason=reason, raw=record)
        for line, column, reason, record in conn.execute(
            f"select line, reject_column, reject_reason, record from {LINES}"
            " where file_id = $file_id and reject_reason is not null order by line limit $kept",
            {"file_id": file_id, "kept": REJECTS_KEPT},
        ).fetchall()
    ]
    return LogLoad(log_format, rows_read, rows_read - rejects_total, rejects, rejects_total)


def _insert(conn: duckdb.DuckDBPyConnection, sql: str, file_id: str, reader: dict, may_be_latin1: bool) -> None:
    """Replace the file's lines in one transaction, read in parallel where DuckDB's reader can.

    Should DuckDB's parallel CSV reader still refuse a full read of a file ("please run with ...
    parallel = false"; see _READ for the cause found), it is read again on one thread. Text
    that is not UTF-8 is read as Latin-1 rather than refused. A line longer than MAX_LINE_BYTES
    skips the file.
    """
    attempt = {"parallel": True}
    while True:
        try:
            _read_then_insert(conn, sql, file_id, reader | attempt)
            return
        except duckdb.Error as error:
            message = str(error)
            if "Maximum line size" in message:
                line = re.search(r"CSV Error on Line: (\d+)", message)
                where = f"line {line.group(1)}" if line else "a line"
                raise NotATable(
                    f"{where} is longer than {MAX_LINE_BYTES:,} bytes, longer than any log line: not read"
                ) from None
            if attempt["parallel"] and "parallel = false" in message:
                attempt["parallel"] = False
            elif may_be_latin1 and "encoding" not in attempt and "unicode" in message.lower():
                attempt["encoding"] = "latin-1"
            else:
                raise


def _read_then_insert(conn: duckdb.DuckDBPyConnection, sql: str, file_id: str, reader: dict) -> None:
    """The lines read into log_lines in a transaction of their own (a table written in a transaction still
    open numbers its rows from 2**55, not from its first line), then the file's rows replaced in one."""
    try:
        conn.execute(_READ, reader)
        conn.execute("begin transaction")
        try:
            conn.execute(f"delete from {LINES} where file_id = $file_id", {"file_id": file_id})
            conn.execute(sql, {"file_id": file_id})
            conn.execute("commit")
        except duckdb.Error:
            conn.execute("rollback")
            raise
    finally:
        conn.execute("drop table if exists temp.log_lines")  # not a main.log_lines, when the read failed


@contextmanager
def _readable(conn: duckdb.DuckDBPyConnection, path: Path, compressed: bool, head: bytes) -> Iterator[dict]:
    """The file as DuckDB's reader takes it: its path, compression and encoding.

    DuckDB reads UTF-16 as little-endian only (a big-endian log came out as one line of nonsense), so a
    big-endian log is copied as UTF-8, a block at a time, into DuckDB's spill folder (beside the warehouse
    in a refresh; the system's temporary folder for a database in memory), and removed once read.
    """
    if not head.startswith(codecs.BOM_UTF16_BE):
        encoding = "utf-16" if head.startswith(codecs.BOM_UTF16_LE) else "utf-8"
        yield {"path": str(path), "compression": "gzip" if compressed else "none", "encoding": encoding}
        return
    spill = Path(conn.execute("select current_setting('temp_directory')").fetchone()[0])
    if spill.is_absolute():
        spill.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=spill if spill.is_absolute() else None) as folder:
        copy = Path(folder) / "log.txt"
        decoder = codecs.getincrementaldecoder("utf-16")(errors="replace")  # the BOM says big-endian
        with gzip.open(path, "rb") if compressed else path.open("rb") as raw, copy.open("wb") as utf8:
            while block := raw.read(_BLOCK):
                utf8.write(decoder.decode(block).encode("utf-8"))
            utf8.write(decoder.decode(b"", final=True).encode("utf-8"))
        yield {"path": str(copy), "compression": "none", "encoding": "utf-8"}


def _check_expansion(path: Path) -> None:
    """A gzip file that expands beyond MAX_EXPANSION times its size is not read (a stream, a block at a time)."""
    limit = MAX_EXPANSION * path.stat().st_size
    expanded = 0
    try:
        with gzip.open(path, "rb") as unzipped:
            while block := unzipped.read(_BLOCK):
                expanded += len(block)
                if expanded > limit:
                    raise NotATable(
                        f"it expands to more than {MAX_EXPANSION} times its compressed size"
                        f" ({path.stat().st_size:,} bytes), far beyond any log: a damaged or hostile file; not read"
                    )
    except (OSError, EOFError, zlib.error) as error:
        raise NotATable(f"the file cannot be unzipped ({error})") from error


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
        raise NotATable(
            f"its first {_HEAD_BYTES // 1024} KB are blank lines, where a log's first lines show what kind of log it is"
            if len(head) == _HEAD_BYTES
            else "the file is empty"
        )
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise NotATable("the file is not text (it looks like a binary file)")
    return decode(head)
