"""Intranet request logs: Apache/Nginx combined and common format, IIS W3C, loaded by DuckDB.

Fixtures are written as bytes, quirks included: IPv6 clients, a virtual-host prefix,
a "-" request line, Apache's \\" and \\\\ escapes, CRLF, gzip, Windows-1252, UTF-16,
and an IIS `#Fields:` directive that changes mid-file.
"""

from __future__ import annotations

import codecs
import gzip
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from pipelines.formats.tables import NotATable
from pipelines.formats.weblog import COMBINED, W3C, detect_log_format, load_requests
from tests.conftest import SAMPLES

UTC = UTC

COMBINED_LINES = [
    # 1: a reader, with a query string
    '10.20.1.7 - tom.baker [03/Jun/2025:14:05:12 +0100] "GET /learning/law/coaching?utm_source=bulletin HTTP/1.1" 200 '
    "18233 "
    '"https://intranet.example.gov.uk/" "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/125.0"',
    # 2: IPv6, 304 with "-" bytes
    '2001:db8::17 - - [03/Jun/2025:14:05:13 +0100] "GET /static/site.css HTTP/1.1" 304 - '
    '"https://intranet.example.gov.uk/learning/law/coaching" "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) '
    'Safari/605.1.15"',
    # 3: the server timed out before any request came: not a request
    '10.20.9.9 - - [03/Jun/2025:14:06:00 +0100] "-" 408 - "-" "-"',
    # 4: virtual host prefix
    'intranet.example.gov.uk:443 10.20.4.4 - - [03/Jun/2025:14:07:00 +0100] "GET /Learning/Law/ HTTP/1.1" 200 512 '
    '"-" "Mozilla/5.0 (X11; Linux x86_64) Firefox/126.0"',
    # 5: common log format (no referer, no user agent), a POST
    '10.20.5.5 - - [03/Jun/2025:14:08:00 +0100] "POST /learning/law/book HTTP/1.1" 302 -',
    # 6: blank
    "",
    # 7: Apache's escapes: DOMAIN\\user and a quote inside the user agent
    '10.20.6.6 - EXAMPLE\\\\jsmith [03/Jun/2025:14:09:00 +0100] "GET /learning/law HTTP/1.1" 200 100 "-" "Odd '
    '\\"quoted\\" agent"',
    # 8: not a log line at all
    "this is not a log line",
    # 9: a date that does not exist
    '10.20.7.7 - - [31/Feb/2025:10:00:00 +0000] "GET /learning/law HTTP/1.1" 200 100 "-" "Mozilla/5.0"',
    # 10: a TLS handshake sent to the plain-HTTP port, as Apache logs it
    '10.20.8.8 - - [03/Jun/2025:14:10:00 +0100] "\\x16\\x03\\x01" 400 226 "-" "-"',
]

IIS_LINES = [
    "#Software: Microsoft Internet Information Services 10.0",
    "#Version: 1.0",
    "#Date: 2025-06-03 00:00:00",
    "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) "
    "sc-status sc-substatus sc-win32-status time-taken",
    "2025-06-03 13:05:12 10.0.0.5 GET /learning/law/coaching - 443 EXAMPLE\\tbaker 10.20.1.7 "
    "Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) - 200 0 0 46",
    # 6: one value short of the 15 the directive names
    "2025-06-03 13:05:13 10.0.0.5 GET /learning/law/coaching - 443 EXAMPLE\\tbaker 10.20.1.7 - - 200 0 0",
    "#Software: Microsoft Internet Information Services 10.0",
    "#Version: 1.0",
    "#Date: 2025-06-04 00:00:00",
    # 10: the fields change, and the date now comes from the #Date directive
    "#Fields: time c-ip cs-username cs-method cs-uri-stem cs-uri-query sc-status cs(User-Agent)",
    "08:30:00 2001:db8::20 - GET /learning/law utm_source=email 200 "
    "Mozilla/5.0+(X11;+Linux+x86_64;+rv:126.0)+Firefox/126.0",
    "08:31:00 10.20.3.3 - POST /learning/law/book - 302 Mozilla/5.0+(X11)",
    # 13: a time that does not exist
    "25:61:00 10.20.3.3 - GET /learning/law - 200 Mozilla/5.0",
]


def write(tmp_path: Path, name: str, lines: list[str], newline: str = "\n", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    data = newline.join(lines).encode(encoding) + newline.encode(encoding)
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") or name.endswith(".gzipped") else data)
    return path


@pytest.fixture
def conn():
    with duckdb.connect() as connection:
        yield connection


def staged(conn, file_id: str) -> list[tuple]:
    return conn.execute(
        "select line, requested_at, method, path, status, username, client_ip, user_agent"
        " from staging.intranet_requests where file_id = ? order by line",
        [file_id],
    ).fetchall()


EXPECTED_COMBINED = [
    (
        1,
        datetime(2025, 6, 3, 13, 5, 12, tzinfo=UTC),
        "GET",
        "/learning/law/coaching?utm_source=bulletin",
        200,
        "tom.baker",
        "10.20.1.7",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/125.0",
    ),
    (
        2,
        datetime(2025, 6, 3, 13, 5, 13, tzinfo=UTC),
        "GET",
        "/static/site.css",
        304,
        None,
        "2001:db8::17",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) Safari/605.1.15",
    ),
    (
        4,
        datetime(2025, 6, 3, 13, 7, tzinfo=UTC),
        "GET",
        "/Learning/Law/",
        200,
        None,
        "10.20.4.4",
        "Mozilla/5.0 (X11; Linux x86_64) Firefox/126.0",
    ),
    (5, datetime(2025, 6, 3, 13, 8, tzinfo=UTC), "POST", "/learning/law/book", 302, None, "10.20.5.5", None),
    (
        7,
        datetime(2025, 6, 3, 13, 9, tzinfo=UTC),
        "GET",
        "/learning/law",
        200,
        "EXAMPLE\\jsmith",
        "10.20.6.6",
        'Odd "quoted" agent',
    ),
]


def test_combined_log_requests_and_rejects(conn, tmp_path):
    load = load_requests(conn, write(tmp_path, "access.log", COMBINED_LINES), "access")

    assert (load.format, load.rows_read, load.rows_kept, load.rejects_total) == (COMBINED, 9, 5, 4)
    assert staged(conn, "access") == EXPECTED_COMBINED
    assert [(reject.row, reject.column, reject.reason) for reject in load.rejects] == [
        (3, "request", "the line records no request (the request is '-', status 408)"),
        (8, None, "this line is not a request in the Apache/Nginx log format"),
        (9, "time", "the time '31/Feb/2025:10:00:00 +0000' is not a real date and time"),
        (10, "request", "the request '\\x16\\x03\\x01' is not a method and a page"),
    ]
    assert [reject.raw for reject in load.rejects] == [COMBINED_LINES[i - 1] for i in (3, 8, 9, 10)]


@pytest.mark.parametrize(
    ("name", "newline"),
    [("crlf.log", "\r\n"), ("access.log.gz", "\n"), ("rotated.1.gzipped", "\n")],
    ids=["CRLF", "gzip", "gzip without .gz"],
)
def test_line_ends_and_gzip_read_the_same(conn, tmp_path, name, newline):
    load = load_requests(conn, write(tmp_path, name, COMBINED_LINES, newline), "log")

    assert (load.rows_read, load.rows_kept, load.rejects_total) == (9, 5, 4)
    assert staged(conn, "log") == EXPECTED_COMBINED


def test_lines_that_only_look_like_log_lines_are_rejects(conn, tmp_path):
    lines = [
        'GET "/learning/law" 200',
        '10.0.0.1 - - [yesterday] "GET / HTTP/1.1" 200 1',
        '10.0.0.1 - [03/Jun/2025:10:00:00 +0100] "GET / HTTP/1.1" 200 1',  # identity missing
        '10.0.0.1 - - [03/Jun/2025:10:00:00 +0100] "GET / HTTP/1.1" OK 1',
        '10.0.0.1 - - [03/Jun/2025:10:00:00 +0100] "GET / HTTP/1.1" 200 1',
    ]
    load = load_requests(conn, write(tmp_path, "near.log", lines), "near")

    assert (load.rows_read, load.rows_kept) == (5, 1)
    assert {reject.reason for reject in load.rejects} == {"this line is not a request in the Apache/Nginx log format"}
    assert [reject.row for reject in load.rejects] == [1, 2, 3, 4]


def test_windows_1252_log_is_read_not_refused(conn, tmp_path):
    path = tmp_path / "cp1252.log"
    path.write_bytes(b'10.1.1.1 - - [03/Jun/2025:10:00:00 +0100] "GET /caf\xe9 HTTP/1.1" 200 1 "-" "Agent caf\xe9"\n')
    load = load_requests(conn, path, "cp1252")

    assert (load.rows_read, load.rows_kept) == (1, 1)
    assert conn.execute("select path, user_agent from staging.intranet_requests").fetchall() == [
        ("/café", "Agent café")
    ]


def test_a_log_read_again_leaves_a_table_of_the_same_name_in_the_warehouse_alone(tmp_path):
    """The lines wait in a temporary table, dropped after each read. When the read fails and is tried again
    (here: Windows-1252 text, read again as Latin-1), the warehouse's own table of that name stays."""
    path = tmp_path / "cp1252.log"
    path.write_bytes(b'10.1.1.1 - - [03/Jun/2025:10:00:00 +0100] "GET /caf\xe9 HTTP/1.1" 200 1 "-" "Agent"\n')
    with duckdb.connect(str(tmp_path / "warehouse.duckdb")) as connection:
        connection.execute("create table main.log_lines as select 'kept' as note")

        assert load_requests(connection, path, "cp1252").rows_kept == 1
        assert connection.execute("select note from main.log_lines").fetchall() == [("kept",)]


def test_iis_fields_change_mid_file(conn, tmp_path):
    load = load_requests(conn, write(tmp_path, "u_ex250603.log", IIS_LINES, "\r\n"), "iis")

    assert (load.format, load.rows_read, load.rows_kept, load.rejects_total) == (W3C, 5, 3, 2)
    assert staged(conn, "iis") == [
        (
            5,
            datetime(2025, 6, 3, 13, 5, 12, tzinfo=UTC),
            "GET",
            "/learning/law/coaching",
            200,
            "EXAMPLE\\tbaker",
            "10.20.1.7",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64)",
        ),
        (
            11,
            datetime(2025, 6, 4, 8, 30, tzinfo=UTC),
            "GET",
            "/learning/law?utm_source=email",
            200,
            None,
            "2001:db8::20",
            "Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Firefox/126.0",
        ),
        (
            12,
            datetime(2025, 6, 4, 8, 31, tzinfo=UTC),
            "POST",
            "/learning/law/book",
            302,
            None,
            "10.20.3.3",
            "Mozilla/5.0 (X11)",
        ),
    ]
    assert [(reject.row, reject.column, reject.reason) for reject in load.rejects] == [
        (6, None, "the line has 14 values where the #Fields directive above it names 15"),
        (13, "date", "the date and time '2025-06-04 25:61:00' are not a real date and time"),
    ]


def test_iis_line_before_any_fields_directive_is_a_reject(conn, tmp_path):
    lines = [
        "2025-06-03 10:00:00 10.0.0.1 GET /a 200",
        "#Fields: date time c-ip cs-method cs-uri-stem sc-status",
        "2025-06-03 10:00:01 10.0.0.1 GET /a 200",
    ]
    load = load_requests(conn, write(tmp_path, "headless.log", lines, "\r\n"), "headless")

    assert (load.format, load.rows_read, load.rows_kept) == (W3C, 2, 1)
    assert [(reject.row, reject.reason) for reject in load.rejects] == [
        (1, "no #Fields directive comes before this line, so its values have no names")
    ]


def test_w3c_log_with_the_whole_uri_in_one_field(conn, tmp_path):
    lines = [
        "#Version: 1.0",
        "#Fields: date time c-ip cs-method cs-uri sc-status",
        "2025-06-03 10:00:00 10.0.0.1 GET /a?b=1 200",
    ]
    load = load_requests(conn, write(tmp_path, "w3c.log", lines), "w3c")

    assert (load.format, load.rows_kept) == (W3C, 1)
    assert conn.execute("select path, username, user_agent from staging.intranet_requests").fetchall() == [
        ("/a?b=1", None, None)
    ]


def test_utf16_iis_log(conn, tmp_path):
    load = load_requests(conn, write(tmp_path, "utf16.log", IIS_LINES, "\r\n", encoding="utf-16"), "utf16")

    assert (load.rows_read, load.rows_kept, load.rejects_total) == (5, 3, 2)
    assert [row[0] for row in staged(conn, "utf16")] == [5, 11, 12]


@pytest.mark.parametrize("name", ["utf16be.log", "utf16be.log.gz"])
def test_utf16_big_endian_iis_log_reads_as_the_little_endian_one(conn, tmp_path, name):
    """SPEC section 2: UTF-16 BE with BOM is read. DuckDB's reader takes UTF-16 as little-endian, and read the
    whole file as one line of nonsense, a reject."""
    text = codecs.BOM_UTF16_BE + "".join(line + "\r\n" for line in IIS_LINES).encode("utf-16-be")
    path = tmp_path / name
    path.write_bytes(gzip.compress(text) if name.endswith(".gz") else text)
    load = load_requests(conn, path, "big-endian")
    load_requests(conn, write(tmp_path, "utf16le.log", IIS_LINES, "\r\n", encoding="utf-16"), "little-endian")

    assert (load.rows_read, load.rows_kept, load.rejects_total) == (5, 3, 2)
    assert staged(conn, "big-endian") == staged(conn, "little-endian")
    assert [row[0] for row in staged(conn, "big-endian")] == [5, 11, 12]


def test_apache_offset_and_iis_utc_are_the_same_moment(conn, tmp_path):
    load_requests(conn, write(tmp_path, "access.log", COMBINED_LINES), "apache")
    load_requests(conn, write(tmp_path, "u_ex.log", IIS_LINES, "\r\n"), "iis")

    moments = conn.execute(
        "select file_id, requested_at from staging.intranet_requests where line in (1,"
        " 5) and path like '/learning/law/coaching%'"
        " order by file_id"
    ).fetchall()
    assert moments == [
        ("apache", datetime(2025, 6, 3, 13, 5, 12, tzinfo=UTC)),
        ("iis", datetime(2025, 6, 3, 13, 5, 12, tzinfo=UTC)),
    ]


def test_shared_samples(conn):
    apache = load_requests(conn, SAMPLES / "apache_combined.log", "apache")
    iis = load_requests(conn, SAMPLES / "iis_w3c.log", "iis")

    assert (apache.format, apache.rows_read, apache.rows_kept, [r.row for r in apache.rejects]) == (COMBINED, 4, 3, [3])
    assert (iis.format, iis.rows_read, iis.rows_kept, iis.rejects_total) == (W3C, 2, 2, 0)


def test_loading_a_file_again_replaces_its_rows(conn, tmp_path):
    path = write(tmp_path, "access.log", COMBINED_LINES)
    load_requests(conn, path, "first")
    load_requests(conn, path, "first")
    assert conn.execute("select count(*) from staging.intranet_requests").fetchone() == (5,)

    load_requests(conn, path, "second")
    assert conn.execute("select count(*) from staging.intranet_requests").fetchone() == (10,)


def test_only_the_first_100_rejects_are_kept_all_are_counted(conn, tmp_path):
    lines = [f"garbage {number}" for number in range(1, 151)] + [COMBINED_LINES[0]]
    load = load_requests(conn, write(tmp_path, "noisy.log", lines), "noisy")

    assert (load.rows_read, load.rows_kept, load.rejects_total, len(load.rejects)) == (151, 1, 150, 100)
    assert (load.rejects[0].row, load.rejects[-1].row, load.rejects[-1].raw) == (1, 100, "garbage 100")


def test_line_numbers_hold_in_a_file_read_in_parallel(conn, tmp_path):
    """A 40 MB log is read by several threads: every line keeps its own number."""
    garbage = {1, 123_457, 300_000}
    lines = [
        "not a request"
        if number in garbage
        else f'10.0.0.1 - - [03/Jun/2025:10:00:00 +0100] "GET /p/{number} HTTP/1.1" 200 1 "-" "{"x" * 60}"'
        for number in range(1, 300_001)
    ]
    load = load_requests(conn, write(tmp_path, "big.log", lines), "big")

    assert (load.rows_read, load.rows_kept) == (300_000, 299_997)
    assert [reject.row for reject in load.rejects] == sorted(garbage)
    assert conn.execute("select count(*) from staging.intranet_requests where path <> '/p/' || line").fetchone() == (0,)


def test_a_file_name_with_a_quote(conn, tmp_path):
    load = load_requests(conn, write(tmp_path, "o'brien.log", COMBINED_LINES), "quoted")

    assert load.rows_kept == 5
    assert conn.execute("select count(*) from staging.intranet_requests").fetchone() == (5,)


def test_every_line_is_staged_a_reject_with_its_reason_and_text(conn, tmp_path):
    """staging.intranet_lines holds every data line; a reject keeps its time when it has one (log coverage)."""
    load_requests(conn, write(tmp_path, "access.log", COMBINED_LINES), "access")

    assert conn.execute(
        "select line, requested_at, reject_reason is null, record from staging.intranet_lines where line in (1, 3,"
        " 8) order by line"
    ).fetchall() == [
        (1, datetime(2025, 6, 3, 13, 5, 12, tzinfo=UTC), True, None),
        (3, datetime(2025, 6, 3, 13, 6, tzinfo=UTC), False, COMBINED_LINES[2]),
        (8, None, False, "this is not a log line"),
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", NotATable),
        (b"   \n\n", NotATable),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", NotATable),
        (b"Name,Email\r\nAda,ada@example.org\r\n", NotATable),
        (gzip.compress(b"#Software: Microsoft Internet Information Services 10.0\r\n#Fields: date time\r\n"), W3C),
        (b'10.0.0.1 - - [03/Jun/2025:10:00:00 +0100] "GET / HTTP/1.1" 200 1', COMBINED),
    ],
    ids=["empty", "blank", "png", "csv", "gzipped iis", "common"],
)
def test_detect_log_format(tmp_path, content, expected):
    path = tmp_path / "file.log"
    path.write_bytes(content)
    if expected is NotATable:
        with pytest.raises(NotATable):
            detect_log_format(path)
    else:
        assert detect_log_format(path) == expected


def test_detect_shared_samples():
    assert detect_log_format(SAMPLES / "apache_combined.log") == COMBINED
    assert detect_log_format(SAMPLES / "iis_w3c.log") == W3C
