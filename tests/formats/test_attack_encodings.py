"""Attack: text exports saved in UTF-16 without a byte-order mark, and a stray NUL byte (SPEC section 2: every file
is read whatever its encoding; a skipped file says what it looks like; errors name the row)."""

from __future__ import annotations

import pytest

from pipelines.formats.tables import NotATable, read_text
from tests.conftest import put, query, refresh, sample

SIGN_IN = "Session ID,Employee ID,Status\r\nLAW-01,E1001,Present\r\nLAW-01,E1002,Absent\r\n"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_read_as_text(tmp_path, encoding):
    path = tmp_path / "sign-in.csv"
    path.write_bytes(SIGN_IN.encode(encoding))
    assert read_text(path) == SIGN_IN


def test_a_stray_nul_byte_names_its_line(tmp_path):
    path = tmp_path / "sign-in.csv"
    path.write_bytes(SIGN_IN.encode("utf-8").replace(b"E1002", b"E10\x0002"))
    with pytest.raises(NotATable, match="line 3 holds a NUL byte"):
        read_text(path)


def test_a_utf16_sign_in_sheet_without_bom_counts_in_a_refresh(workspace):
    sample(workspace, "roster.csv", "roster/roster_2025-04-01.csv")
    sample(workspace, "sessions.csv", "sessions/sessions.csv")
    text = (workspace / "raw" / "sessions" / "sessions.csv").read_text(encoding="utf-8-sig")
    session = text.splitlines()[1].split(",")[0]
    employees = [
        line.split(",")[0]
        for line in (workspace / "raw/roster/roster_2025-04-01.csv").read_text(encoding="utf-8-sig").splitlines()[1:3]
    ]
    rows = "".join(f"{session},{employee},Present\r\n" for employee in employees)
    put(workspace, "attendance/sign-in.csv", ("Session ID,Employee ID,Status\r\n" + rows).encode("utf-16-le"))

    refresh(workspace)

    assert query(
        workspace,
        "select format, status, rows_read, rows_kept from audit.files where file = ?",
        ["attendance/sign-in.csv"],
    ) == [("signin-sheet", "ingested", 2, 2)]
