"""A refresh with nothing new since the last publication runs no step (pipelines/inputs.py): same raw files,
settings, pinned as_of, code and libraries. Anything else new, a published page gone, a publication left half-done
or a failure since: every step runs. It checks under the same locks as a run, so a second refresh is refused."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from pipelines.inputs import inputs_digest, up_to_date
from pipelines.publication import journal
from pipelines.raw_files import sha256_of
from tests.conftest import settings_for, uptake_refresh
from tests.quality.conftest import sample_workspace
from tests.test_cli_reports_folder import flat
from tests.test_cli_reports_lock import holding


def test_a_refresh_with_nothing_new_runs_no_step_and_touches_nothing(tmp_path):
    workspace = sample_workspace(tmp_path / "workspace")
    first = uptake_refresh(workspace)
    assert first.exit_code == 0 and "Reports published" in first.output
    warehouse, index = workspace / "warehouse" / "uptake.duckdb", workspace / "reports" / "index.html"
    before = (sha256_of(warehouse), warehouse.stat().st_mtime_ns, index.stat().st_mtime_ns)

    again = uptake_refresh(workspace)
    assert again.exit_code == 0
    assert "Nothing new since the reports were published at" in again.output
    assert (sha256_of(warehouse), warehouse.stat().st_mtime_ns, index.stat().st_mtime_ns) == before
    log = (workspace / "warehouse" / "refresh.log").read_text(encoding="utf-8").splitlines()
    assert "published" in log[0] and "nothing new: the reports published at" in log[1]

    # Nothing new, but a refresh running (say `--again`): refused at once naming it, as any second refresh is.
    with holding(Path(f"{warehouse}.lock"), "the first refresh") as holder:
        busy = uptake_refresh(workspace)
        assert busy.exit_code == 1, busy.output
        said = f"Another refresh is running on {warehouse} (the first refresh, process {holder.pid}"
        assert flat(said) in flat(busy.output), busy.output

    settings = settings_for(workspace)
    assert up_to_date(settings, last_failed=False) is not None
    assert up_to_date(settings, last_failed=True) is None  # the banner of a failure must be taken down
    journal(settings.reports_dir).write_text("a publication that did not finish", encoding="utf-8")
    assert up_to_date(settings, last_failed=False) is None
    journal(settings.reports_dir).unlink()

    (workspace / "reports" / "data-quality.html").unlink()  # a published page gone: published again
    rebuilt = uptake_refresh(workspace)
    assert rebuilt.exit_code == 0 and "Reports published" in rebuilt.output
    assert (workspace / "reports" / "data-quality.html").is_file()

    forced = uptake_refresh(workspace, "--again")
    assert forced.exit_code == 0 and "Reports published" in forced.output


def test_what_counts_as_new(tmp_path):
    workspace = sample_workspace(tmp_path / "workspace")
    settings = settings_for(workspace)
    digest = inputs_digest(settings)
    assert inputs_digest(settings) == digest

    roster = workspace / "raw" / "roster" / "roster-2025-05-01.csv"
    os.utime(roster, ns=(roster.stat().st_atime_ns, roster.stat().st_mtime_ns + 1_000_000_000))  # saved again
    assert inputs_digest(settings) != digest
    digest = inputs_digest(settings)

    shutil.copy(roster, workspace / "raw" / "roster" / "roster-2025-06-01.csv")  # a new file
    assert inputs_digest(settings) != digest
    digest = inputs_digest(settings)

    (workspace / "uptake.toml").write_text("[refresh]\nas_of = 2025-07-31T18:00:00\n", encoding="utf-8")
    assert inputs_digest(settings_for(workspace)) != digest  # a setting

    (workspace / "uptake.toml").write_text("[publication]\nmin_cell = 10\n", encoding="utf-8")
    assert inputs_digest(settings_for(workspace)) is None  # as_of is the moment of the refresh: always new
