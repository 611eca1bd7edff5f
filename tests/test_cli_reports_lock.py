"""One refresh at a time per reports folder (SPEC section 6): a second one, even on another warehouse,
exits 1 at once naming the first; the lock is the operating system's, released when its holder dies."""

from __future__ import annotations

import signal
import subprocess
import sys

from tests.conftest import REPO, sample
from tests.test_cli_reports_folder import files_under, flat, uptake_refresh

# What a first refresh holds while it publishes into the reports folder (pipelines/defs/resources.py).
HOLD = """
import sys
from pathlib import Path
from pipelines.publication import held
with held(Path(sys.argv[1]), "unused", sys.argv[2]):
    print("held", flush=True)
    sys.stdin.read()
"""


def test_a_second_refresh_into_the_same_reports_folder_is_refused_at_once(workspace):
    sample(workspace, "roster.csv", "roster/roster_2025-04-01.csv")
    sample(workspace, "sessions.csv", "sessions/sessions.csv")
    sample(workspace, "signin_sheet.csv", "attendance/signin_sheet.csv")
    reports, first_warehouse = workspace / "reports", workspace / "first" / "uptake.duckdb"
    assert uptake_refresh(workspace, reports, first_warehouse).exit_code == 0
    published = files_under(reports)

    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(workspace / "reports.lock"), f"the refresh of {first_warehouse}"],
        cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        second = uptake_refresh(workspace, reports, workspace / "second" / "uptake.duckdb")
        assert second.exit_code == 1, second.output
        said = flat(second.output)
        assert flat(f"Another refresh is publishing into {reports} (the refresh of {first_warehouse}, process {holder.pid}, since") in said
        assert said.endswith(flat("; wait for it to finish and try again.")), second.output
        assert files_under(reports) == published
        assert not (workspace / "second" / "uptake.duckdb").exists()
    finally:
        holder.send_signal(signal.SIGKILL)  # dies holding the lock: the operating system releases it
        holder.wait(timeout=30)
    third = uptake_refresh(workspace, reports, workspace / "second" / "uptake.duckdb")
    assert third.exit_code == 0, third.output
