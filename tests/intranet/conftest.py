"""Intranet SQL on a temporary DuckDB file: logs loaded by the real loader, SQL files run in pipeline order."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest

from pipelines.defs.intranet.assets import record_load
from pipelines.formats.weblog import LogLoad, load_requests
from pipelines.sql import prepare, run_sql

SQL = Path(__file__).resolve().parents[2] / "pipelines" / "defs" / "intranet" / "sql"
# The order the pipeline runs them in: each reads what the one before wrote.
SQL_FILES = (
    "intranet_users.sql",
    "page_views.sql",
    "visits.sql",
    "programme_page_views.sql",
    "programme_intranet.sql",
    "session_intranet.sql",
    "intranet_engaged.sql",
)
SALT = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"

CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0 Safari/537.36"
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0"


@pytest.fixture
def warehouse(tmp_path):
    """A warehouse with no employee and no correction yet: intranet users link to nobody."""
    with duckdb.connect(str(tmp_path / "warehouse.duckdb")) as connection:
        prepare(connection)
        connection.execute("create table staging.person_identifiers (person_key varchar, kind varchar, value varchar)")
        connection.execute(
            "create table staging.corrections (row bigint, kind varchar, value varchar, maps_to varchar, file varchar)"
        )
        yield connection


def hashed(visitor: str) -> str:
    """The visitor as core shows it: the first 20 hex characters of SHA-256 of the salt and the visitor."""
    return hashlib.sha256((SALT + visitor).encode("utf-8")).hexdigest()[:20]


def apache(
    when: str,
    path: str,
    *,
    client: str = "10.0.0.1",
    user: str = "-",
    agent: str = CHROME,
    method: str = "GET",
    status: int = 200,
) -> str:
    """One combined-format line; `when` as Apache writes it, e.g. 03/Jun/2025:10:00:00 +0100."""
    return f'{client} - {user} [{when}] "{method} {path} HTTP/1.1" {status} 512 "-" "{agent}"'


def iis(lines: list[str]) -> list[str]:
    """An IIS W3C log (times in UTC) of lines with the fields
    `date time c-ip cs-username cs-method cs-uri-stem sc-status cs(User-Agent)`."""
    return [
        "#Software: Microsoft Internet Information Services 10.0",
        "#Fields: date time c-ip cs-username cs-method cs-uri-stem sc-status cs(User-Agent)",
        *lines,
    ]


def load(connection, folder: Path, name: str, lines: list[str], file_id: str | None = None) -> LogLoad:
    """Load a log as staging_intranet does: its lines, and its row in staging.intranet_files."""
    path = folder / name
    newline = "\r\n" if lines and lines[0].startswith("#") else "\n"
    path.write_bytes((newline.join(lines) + newline).encode("utf-8"))
    loaded = load_requests(connection, path, file_id or name)
    record_load(connection, file_id or name, loaded)
    return loaded


def build(connection, *, through: str = "visits.sql", visit_gap_minutes: int = 30) -> None:
    """Run the intranet SQL files in order, up to and including `through`."""
    for name in SQL_FILES[: SQL_FILES.index(through) + 1]:
        run_sql(connection, SQL / name, visit_gap_minutes=visit_gap_minutes, salt=SALT)


def rows(connection, sql: str, parameters=None) -> list[tuple]:
    return connection.execute(sql, parameters).fetchall()
