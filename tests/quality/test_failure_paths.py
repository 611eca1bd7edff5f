"""Every way a refresh can go wrong, driven through the real `uptake refresh`: the last published reports
and warehouse stay exactly as they were, and the message says what happened and what to do."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
from filelock import FileLock
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.defs.quality.validate import suites
from tests.conftest import REPO, SAMPLES, put, refresh_arguments
from tests.quality.conftest import marts_figures, published_state

REACH_MARTS = {
    "programme_reach",
    "session_metrics",
    "reach_by_group",
    "ten_things",
    "cohort_summary",
    "cohort_members",
}  # SPEC section 4
STOPPED = "The refresh stopped: the last published reports were left as they were."
HOLD_LOCK = (
    "import sys; from filelock import FileLock; lock = FileLock(sys.argv[1]); lock.acquire(timeout=0); "
    "print('held', flush=True); sys.stdin.read()"
)


def uptake_refresh(workspace: Path) -> tuple[int, str]:
    """`uptake refresh` in this process: its exit status and what it printed."""
    result = CliRunner().invoke(app, refresh_arguments(workspace))
    return result.exit_code, result.output


def said(text: str, output: str) -> bool:
    """Whether the output says the text, whatever the console's line wrapping (it may break a long path)."""
    return "".join(text.split()) in "".join(output.split())


def leftovers(workspace: Path) -> list[str]:
    names = [path.name for path in (workspace / "warehouse").iterdir()] + [path.name for path in workspace.iterdir()]
    return sorted(name for name in names if name.endswith((".building", ".building.wal", ".next", ".old")))


def test_a_failing_blocking_check_names_the_check_and_its_rows_and_publishes_nothing(last_good):
    before = published_state(last_good)
    catalogue = (SAMPLES / "sessions.csv").read_text(encoding="utf-8")
    # LAW-07 now ends ten days after it starts: a typo in End that would make everyone "partial".
    put(
        last_good,
        "sessions/sessions.csv",
        catalogue.replace("2025-06-03 14:00,2025-06-03 15:00", "2025-06-03 14:00,2025-06-13 15:00"),
    )
    status, output = uptake_refresh(last_good)
    assert status == 1
    assert said(STOPPED, output), output
    assert said(
        "check session_lasts_at_most_a_day on staging.sessions failed: A session ends after it starts and lasts at "
        "most 24 hours "
        "(check Start and End in the catalogue); failing: 1 of 2 rows,"
        " e.g. sessions/sessions.csv row 2: scheduled_hours 241",
        output,
    ), output
    assert published_state(last_good) == before
    assert leftovers(last_good) == []


def test_a_missing_roster_says_where_to_put_it(last_good):
    before = published_state(last_good)
    (last_good / "raw" / "roster" / "roster-2025-05-01.csv").unlink()
    status, output = uptake_refresh(last_good)
    assert status == 1
    assert said(STOPPED, output), output
    assert said(
        f"staging.roster: No roster was found in {last_good / 'raw' / 'roster'}: export the HR workforce extract "
        "(CSV or XLSX with Employee ID, Directorate, Grade, Start Date...) into that folder and refresh again.",
        output,
    ), output
    assert published_state(last_good) == before


def test_an_unreadable_newest_roster_is_named(last_good):
    before = published_state(last_good)
    put(last_good, "roster/roster-2025-05-01.csv", b"\x00\x01\x02\x03 not a roster \xff\xfe")
    status, output = uptake_refresh(last_good)
    assert status == 1
    assert said(
        "staging.roster: The roster file roster/roster-2025-05-01.csv is the newest snapshot (2025-05-01) but cannot "
        "be used:",
        output,
    ), output
    assert published_state(last_good) == before


def test_an_empty_catalogue_says_what_to_save(last_good):
    before = published_state(last_good)
    header = (SAMPLES / "sessions.csv").read_text(encoding="utf-8").splitlines()[0]
    put(last_good, "sessions/sessions.csv", header + "\n")
    status, output = uptake_refresh(last_good)
    assert status == 1
    assert said(
        f"staging.sessions: No session catalogue was found in {last_good / 'raw' / 'sessions'}: save the catalogue "
        "(CSV or XLSX with Session ID, Programme, Title, Start, End...) into that folder and refresh again.",
        output,
    ), output
    assert published_state(last_good) == before


def test_a_bad_attendance_file_is_skipped_with_its_reason_and_changes_no_figure(last_good):
    figures = {table: rows for table, rows in marts_figures(last_good).items() if table in REACH_MARTS}
    put(last_good, "attendance/broken.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    status, output = uptake_refresh(last_good)
    assert status == 0, output
    assert {table: rows for table, rows in marts_figures(last_good).items() if table in REACH_MARTS} == figures
    assert len(figures) == len(REACH_MARTS)
    with duckdb.connect(str(last_good / "warehouse" / "uptake.duckdb"), read_only=True) as connection:
        status_reason = connection.execute(
            "select status, reason from audit.files where file = 'attendance/broken.csv'"
        ).fetchall()
    assert status_reason[0][0] == "skipped" and status_reason[0][1].startswith("not read:")


def test_a_second_refresh_is_refused_while_one_runs(last_good):
    before = published_state(last_good)
    lock = last_good / "warehouse" / "uptake.duckdb.lock"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(lock)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        status, output = uptake_refresh(last_good)
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    assert status == 1
    assert said(
        f"Another refresh is running on {last_good / 'warehouse' / 'uptake.duckdb'}; wait for it to finish and try "
        "again.",
        output,
    ), output
    assert published_state(last_good) == before
    status, output = uptake_refresh(last_good)  # once the first one ends, the next refresh runs
    assert status == 0, output
    after = published_state(last_good)  # and, on the same files, it changes no figure
    assert after["marts"] == before["marts"]
    assert after["reports"] == before["reports"]


def test_a_refresh_killed_half_way_leaves_the_last_good_state_and_the_next_one_works(last_good):
    before = published_state(last_good)
    building = last_good / "warehouse" / "uptake.duckdb.building"
    environment = {**os.environ, "COLUMNS": "200"}
    run = subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", *refresh_arguments(last_good)],
        cwd=REPO,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while not building.exists():
        assert run.poll() is None, "the refresh ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    time.sleep(1.0)  # well into the steps: the working copy is being written
    assert run.poll() is None, "the refresh ended before it could be killed"
    run.send_signal(signal.SIGKILL)
    assert run.wait(timeout=30) == -signal.SIGKILL

    assert published_state(last_good) == before
    assert building.exists()  # the half-built copy is left behind...
    lock = FileLock(str(last_good / "warehouse" / "uptake.duckdb.lock"))
    lock.acquire(timeout=0)  # ...but the dead process's lock is not: the OS released it
    lock.release()

    status, output = uptake_refresh(last_good)
    assert status == 0, output
    assert leftovers(last_good) == []
    after = published_state(last_good)
    assert after["marts"] == before["marts"]
    assert after["reports"] == before["reports"]


def test_warnings_are_listed_and_published_with_their_rows_but_no_personal_values(last_good):
    workspace = last_good
    roster = (SAMPLES / "roster.csv").read_bytes().decode("cp1252")
    put(
        workspace,
        "roster/roster-2025-05-01.csv",
        roster.replace("tom.baker@example.gov.uk", "ngozi.okafor@example.gov.uk"),
        "cp1252",
    )
    status, output = uptake_refresh(workspace)
    assert status == 0, output
    assert said(
        "1 data-quality warning(s) (listed on data-quality.html): - email_unique_per_snapshot on staging.roster: An "
        "e-mail belongs "
        "to one employee per snapshot (a shared one links nobody by e-mail); failing: 2 of 2 rows, e.g. "
        "roster/roster-2025-05-01.csv row 2: snapshot_date 2025-05-01; roster/roster-2025-05-01.csv row 3: "
        "snapshot_date 2025-05-01",
        output,
    ), output
    with duckdb.connect(str(workspace / "warehouse" / "uptake.duckdb"), read_only=True) as connection:
        checks = connection.execute(
            "select table_name, outcome, count(*) from audit.checks group by all order by all"
        ).fetchall()
        warned = connection.execute(
            "select check_name, severity, passed, unexpected_count, element_count,"
            " examples from audit.checks where outcome = 'warned'"
        ).fetchall()
        everything = " ".join(str(row) for row in connection.execute("select * from audit.checks").fetchall())
    assert warned == [
        (
            "email_unique_per_snapshot",
            "warning",
            False,
            2,
            2,
            [
                "roster/roster-2025-05-01.csv row 2: snapshot_date 2025-05-01",
                "roster/roster-2025-05-01.csv row 3: snapshot_date 2025-05-01",
            ],
        )
    ]
    assert "example.gov.uk" not in everything  # no roster e-mail, even in the examples of the e-mail check
    expected = {(suite.table, "passed"): len(suite.rules) for suite in suites()}  # one row per rule of every suite
    expected["staging.roster", "passed"] -= 1
    expected["staging.roster", "warned"] = 1
    assert dict(((table, outcome), n) for table, outcome, n in checks) == expected
