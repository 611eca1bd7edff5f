"""Files whose names no source can read are listed in the audit with their reason, named safely, and stop
nothing (issue 11 points 5 and 11); the failure banner names the refresh log where it really is."""

from __future__ import annotations

import os

import duckdb

from tests.conftest import three_exports, uptake_refresh
from tests.test_cli_reports_folder import flat


def test_undecodable_hidden_and_lock_file_names_are_skipped_with_their_reason(workspace):
    three_exports(workspace)
    # Tom Baker (E01235) at ALS-03 in each: read, either would add an attendance.
    another = b"Session ID,Employee ID,Email,Status\nALS-03,E01235,,Present\n"
    attendance = os.fsencode(workspace / "raw" / "attendance")
    with open(attendance + b"/bad\xff\xfe.csv", "wb") as handle:  # as a zip made on a Windows PC leaves it
        handle.write(another)
    (workspace / "raw" / "attendance" / ".hidden.csv").write_bytes(another + b"ALS-03,E01234,,Present\n")
    (workspace / "raw" / "attendance" / "~$register.xlsx").write_bytes(b"owner")

    result = uptake_refresh(workspace, reports=workspace / "reports")
    assert result.exit_code == 0, result.output
    with duckdb.connect(str(workspace / "warehouse" / "uptake.duckdb"), read_only=True) as connection:
        files = connection.execute("select file, status, reason, rows_read from audit.files order by file").fetchall()
        attendances = connection.execute("select sum(attendances) from marts.programme_reach").fetchone()[0]
    assert files == [
        (
            "attendance/.hidden.csv",
            "skipped",
            "not read: a hidden file (its name or folder starts with a dot); rename it if it is an export",
            0,
        ),
        (
            "attendance/bad\\xff\\xfe.csv",
            "skipped",
            "not read: its name has bytes that are not text (as in zips made on some Windows PCs); rename it",
            0,
        ),
        ("attendance/signin_sheet.csv", "ingested", None, 2),
        ("attendance/~$register.xlsx", "skipped", "not read: an Office lock file, left while the workbook is open", 0),
        ("roster/roster_2025-04-01.csv", "ingested", None, 2),
        ("sessions/sessions.csv", "ingested", None, 2),
    ]
    # Only the sign-in sheet counts: Ngozi Okafor (E01234) present at ALS-03, Amy Lowe absent.
    assert attendances == 1


def test_the_failure_banner_names_the_log_where_the_warehouse_is(published_workspace):
    workspace = published_workspace
    (workspace / "warehouse").rename(workspace / "kept elsewhere")  # the published warehouse, with its log
    warehouse = workspace / "kept elsewhere" / "uptake.duckdb"
    (workspace / "raw" / "roster" / "roster_2025-04-01.csv").unlink()
    failed = uptake_refresh(workspace, reports=workspace / "reports", warehouse=warehouse)
    assert failed.exit_code == 1
    log = workspace / "kept elsewhere" / "refresh.log"
    assert flat(f"The reason is also in {log}") in flat(failed.output)
    page = (workspace / "reports" / "index.html").read_text(encoding="utf-8")
    assert f"The full reason is in {log};" in page and "data/warehouse" not in page
