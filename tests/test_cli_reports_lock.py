"""One refresh at a time per reports folder (SPEC section 6): a second one, even on another warehouse,
exits 1 at once naming the first; the lock is the operating system's, released when its holder dies."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from pipelines.publication import begin, journal, working_folders
from tests.conftest import REPO, uptake_refresh
from tests.test_cli_reports_folder import files_under, flat

# What a first refresh holds while it publishes into the reports folder (pipelines/defs/resources.py).
HOLD = """
import sys
from pathlib import Path
from pipelines.publication import held
with held(Path(sys.argv[1]), "unused", sys.argv[2]):
    print("held", flush=True)
    sys.stdin.read()
"""


@contextmanager
def holding(lock_path: Path, holder: str):
    """Another process holding the lock, as a first refresh does; it dies holding it (the system releases it)."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(lock_path), holder],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout.readline().strip() == "held"
        yield process
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)


def test_a_second_refresh_into_the_same_reports_folder_is_refused_at_once(published_workspace):
    workspace = published_workspace
    reports, first_warehouse = workspace / "reports", workspace / "warehouse" / "uptake.duckdb"
    published = files_under(reports)

    with holding(workspace / "reports.lock", f"the refresh of {first_warehouse}") as holder:
        second = uptake_refresh(workspace, reports=reports, warehouse=workspace / "second" / "uptake.duckdb")
        assert second.exit_code == 1, second.output
        said = flat(second.output)
        assert (
            flat(
                f"Another refresh is publishing into {reports} "
                f"(the refresh of {first_warehouse}, process {holder.pid}, since"
            )
            in said
        )
        assert said.endswith(flat("; wait for it to finish and try again.")), second.output
        assert files_under(reports) == published
        assert not (workspace / "second" / "uptake.duckdb").exists()
    third = uptake_refresh(workspace, reports=reports, warehouse=workspace / "second" / "uptake.duckdb")
    assert third.exit_code == 0, third.output


def test_a_crash_between_the_two_renames_is_undone_by_the_next_refresh_even_a_failing_one(published_workspace):
    workspace = published_workspace
    reports = workspace / "reports"
    last_good = files_under(reports)
    # The state the swap's first rename leaves (pipelines/publication.py swap_in): the publication journalled, the
    # published pages moved aside to reports.uptake.old, the new ones built in reports.uptake.next, no reports folder.
    built, old = working_folders(reports)
    assert begin(reports) == built
    shutil.copytree(reports, built)
    (built / "index.html").write_text("<p>half-published</p>", encoding="utf-8")
    reports.rename(old)

    (workspace / "raw" / "roster" / "roster_2025-04-01.csv").unlink()  # this refresh will fail
    failed = uptake_refresh(workspace, reports=reports)
    assert failed.exit_code == 1, failed.output
    assert "No roster was found" in failed.output
    restored = files_under(reports)
    assert set(restored) == set(last_good)
    assert {name: content for name, content in restored.items() if name != "index.html"} == {
        name: content for name, content in last_good.items() if name != "index.html"
    }
    index = restored["index.html"].decode("utf-8")
    assert "The latest refresh failed" in index and "No roster was found" in index and "half-published" not in index
    assert not built.exists() and not old.exists() and not journal(reports).exists()
