"""Helpers for the attendance rule tests: a raw folder written byte for byte, built once per scenario.

Each test module builds one raw folder (a roster, a catalogue and the attendance
exports of its scenario), builds the tables it asserts on once in a module-scoped
fixture (`build_tables`: the real assets, with `dg.materialize`; a module about
checks or pages runs the whole refresh, `materialise`), and asserts on the
warehouse with `query`.
"""

from __future__ import annotations

import codecs
import io
from pathlib import Path

from tests.conftest import materialize, put, query, refresh

# What the scenario tests read: the linked and unlinked records, the responses, the figures and the files' audit.
SCENARIO_TABLES = (
    "staging.attendance_unlinked",
    "core.attendance",
    "core.responses",
    "marts.session_metrics",
    "marts.programme_reach",
    "audit.files",
)
AS_OF = '[refresh]\nas_of = "2025-06-30T00:00:00"\n'

# One snapshot; dates year-first so the roster's own date order is never in question.
# Two employees are called John Smith (an ambiguous name); Leah Verne left before the programme.
ROSTER = (
    "Employee ID,First Name,Last Name,Email,Directorate,Service,Grade,Is Manager,Location,Start Date,Leave Date\r\n"
    "E001,Ngozi,Okafor,ngozi.okafor@council.gov.uk,Adults,Safeguarding,PO3,Y,Civic Centre,2012-09-03,\r\n"
    "E002,Tom,Baker,tom.baker@council.gov.uk,Resources,Finance,SO2,N,Depot,2019-01-14,\r\n"
    "E003,Raj,Mehta,raj.mehta@council.gov.uk,Resources,Finance,SO1,N,Civic Centre,2020-02-03,\r\n"
    "E004,Amy,Lowe,amy.lowe@council.gov.uk,Place,Highways,SC6,N,Depot,2021-05-10,\r\n"
    "E005,Zoë,Adams,zoe.adams@council.gov.uk,Place,Planning,PO1,Y,Civic Centre,2015-11-02,\r\n"
    "E006,Priya,Shah,priya.shah@council.gov.uk,Adults,Safeguarding,SO2,N,Civic Centre,2018-04-16,\r\n"
    "E007,Chris,Lee,chris.lee@council.gov.uk,Children,Early Help,SO1,N,Depot,2022-08-01,\r\n"
    "E008,Sam,Green,sam.green@council.gov.uk,Children,Early Help,SC5,N,Civic Centre,2016-01-04,\r\n"
    "E009,John,Smith,john.smith@council.gov.uk,Place,Highways,SC4,N,Depot,2010-06-01,\r\n"
    "E010,John,Smith,j.smith2@council.gov.uk,Resources,Finance,SO1,N,Civic Centre,2023-03-06,\r\n"
    "E011,Leah,Verne,leah.verne@council.gov.uk,Adults,Safeguarding,SO1,N,Civic Centre,2014-07-07,2025-05-31\r\n"
    "E012,Dan,Brown,dan.brown@council.gov.uk,Place,Planning,SO2,N,Depot,2017-09-18,\r\n"
)
HEADCOUNT = 11  # E001-E012 but E011, who left on 31 May 2025

CATALOGUE_HEADER = (
    "Session ID,Programme,Title,Start,End,Location,Format,Audience,Capacity,Cost (GBP),Intranet Path,Topic\r\n"
)


def utf16le(text: str) -> bytes:
    """UTF-16 LE with its BOM, as Teams writes its reports."""
    return codecs.BOM_UTF16_LE + text.encode("utf-16-le")


def utf8_bom(text: str) -> bytes:
    """UTF-8 with a BOM, as Zoom writes its reports."""
    return codecs.BOM_UTF8 + text.encode("utf-8")


def xlsx(rows: list[list[str]]) -> bytes:
    """A one-sheet workbook, every cell text, as someone typing a sign-in sheet in Excel leaves it."""
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write(root: Path, files: dict[str, bytes | str], config: str = AS_OF) -> Path:
    """Write the raw folder and the settings under `root`, and return `root`."""
    (root / "raw").mkdir(parents=True, exist_ok=True)
    (root / "uptake.toml").write_text(config, encoding="utf-8")
    for relative, content in files.items():
        put(root, relative, content)
    return root


def materialise(root: Path, files: dict[str, bytes | str], config: str = AS_OF) -> Path:
    """Write the scenario under `root`, refresh once (checks, pages and publication), and return `root`."""
    outcome = refresh(write(root, files, config))
    assert outcome.published, outcome.failures
    return root


def build_tables(root: Path, files: dict[str, bytes | str], config: str = AS_OF) -> Path:
    """Write the scenario under `root` and build only the tables the scenario tests read, and what those read."""
    return materialize(write(root, files, config), *SCENARIO_TABLES)


def by_session(root: Path, columns: str, table: str = "marts.session_metrics") -> dict[str, tuple]:
    """The given columns of a per-session table, keyed by session_id."""
    return {
        row[0]: tuple(row[1:]) for row in query(root, f"select session_id, {columns} from {table} order by session_id")
    }


def attendees(root: Path, session_id: str) -> dict[str, tuple[str, float]]:
    """(status, presence seconds) of each attendee of a session, keyed by Employee ID, or by identity for a guest."""
    found = query(
        root,
        """
        select distinct
            coalesce(linked.linked_employee_id, linked.guest_identity),
            attendance.attendance_status,
            attendance.presence_seconds
        from staging.attendance_linked as linked
        join core.attendance as attendance using (session_id, attendee_key)
        where session_id = ?
        """,
        [session_id],
    )
    return {who: (status, seconds) for who, status, seconds in found}


def status_of(root: Path, session_id: str) -> dict[str, str]:
    return {who: status for who, (status, _) in attendees(root, session_id).items()}
