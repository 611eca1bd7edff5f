"""Attacks on the publication step and the operator's paths (SPEC section 6): Uptake never deletes what it did
not create, and a warehouse placed where it would pollute the exports is bad usage."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.publication import MARKER, begin, journal, mark, recover
from tests.conftest import three_exports, uptake_refresh
from tests.test_cli_reports_folder import files_under, flat

RUNNER = CliRunner()


@pytest.fixture
def exports(workspace) -> Path:
    return three_exports(workspace)


def test_the_users_own_next_and_old_folders_survive_a_refresh(published_workspace):
    exports = published_workspace
    reports, warehouse = exports / "reports", exports / "warehouse" / "uptake.duckdb"
    draft = exports / "reports.next" / "draft.txt"
    draft.parent.mkdir()
    draft.write_text("my draft", encoding="utf-8")
    shutil.copytree(reports, exports / "reports.old")  # the officer's own backup of last week's pages
    (exports / "reports.old" / "NOTE.txt").write_text("kept for the audit", encoding="utf-8")

    assert uptake_refresh(exports, reports=reports, warehouse=warehouse).exit_code == 0

    assert draft.read_text(encoding="utf-8") == "my draft"
    assert (exports / "reports.old" / "NOTE.txt").read_text(encoding="utf-8") == "kept for the audit"


def test_a_warehouse_inside_the_raw_folder_is_bad_usage(exports):
    before = sorted(path.name for path in (exports / "raw").rglob("*"))

    result = uptake_refresh(exports, reports=exports / "reports", warehouse=exports / "raw" / "uptake.duckdb")

    assert result.exit_code == 2
    assert "raw" in result.output and "uptake.duckdb" in result.output
    assert sorted(path.name for path in (exports / "raw").rglob("*")) == before


def test_a_warehouse_that_is_not_a_duckdb_file_is_bad_usage(exports):
    notes = exports / "notes.txt"
    notes.write_text("my notes\n", encoding="utf-8")

    result = uptake_refresh(exports, reports=exports / "reports", warehouse=notes)

    assert result.exit_code == 2
    assert "notes.txt" in result.output and "DuckDB" in result.output
    assert notes.read_text(encoding="utf-8") == "my notes\n"


def test_a_users_copy_under_the_name_uptake_swaps_in_is_bad_usage_and_kept(published_workspace):
    exports = published_workspace
    reports, warehouse = exports / "reports", exports / "warehouse" / "uptake.duckdb"
    published = files_under(reports)
    copy = exports / "reports.uptake.old"
    shutil.copytree(reports, copy)  # marked like the pages it copies, but no publication of Uptake's made it

    result = uptake_refresh(exports, reports=reports, warehouse=warehouse)

    assert result.exit_code == 2, result.output
    assert flat(f"The folder {copy} is in the way: Uptake uses it while it swaps new pages into {reports}") in flat(
        result.output
    )
    assert files_under(copy) == published and files_under(reports) == published
    assert not journal(reports).exists()


def test_pages_an_uptake_from_before_the_mark_published_are_replaced_and_marked(published_workspace):
    exports = published_workspace
    reports, warehouse = exports / "reports", exports / "warehouse" / "uptake.duckdb"
    (reports / MARKER).unlink()  # the pages as an Uptake before the mark left them: its footer, no mark
    (reports / "retired-programme.html").write_text("<p>a page of last year</p>", encoding="utf-8")

    result = uptake_refresh(exports, reports=reports, warehouse=warehouse)

    assert result.exit_code == 0, result.output
    assert (reports / MARKER).is_file() and (reports / "index.html").is_file()
    assert not (reports / "retired-programme.html").exists()


def test_a_users_folder_with_pages_of_the_same_names_is_not_taken_for_uptakes(exports):
    mine = exports / "intranet-copy"
    mine.mkdir()
    for name in ("index.html", "data-quality.html"):
        (mine / name).write_text("<p>our team site</p>", encoding="utf-8")

    result = uptake_refresh(exports, reports=mine, warehouse=exports / "warehouse" / "uptake.duckdb")

    assert result.exit_code == 2, result.output
    assert flat(f"The reports folder {mine} already holds files Uptake did not publish") in flat(result.output)
    assert files_under(mine) == {name: b"<p>our team site</p>" for name in ("data-quality.html", "index.html")}


def test_the_ui_refuses_a_warehouse_inside_the_raw_folder_before_writing_its_history_there(exports, monkeypatch):
    before = sorted(path.name for path in (exports / "raw").rglob("*"))
    monkeypatch.setenv("UPTAKE_RAW_DIR", str(exports / "raw"))
    monkeypatch.setenv("UPTAKE_WAREHOUSE", str(exports / "raw" / "uptake.duckdb"))
    monkeypatch.setenv("UPTAKE_CONFIG", str(exports / "uptake.toml"))

    result = RUNNER.invoke(app, ["ui"])

    assert result.exit_code == 2, result.output
    assert flat(f"The warehouse {exports / 'raw' / 'uptake.duckdb'} lies inside the raw folder") in flat(result.output)
    assert sorted(path.name for path in (exports / "raw").rglob("*")) == before


def test_recovery_removes_a_half_built_folder_only_while_the_journal_says_uptake_was_building_it(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    mark(reports)
    (reports / "index.html").write_text("last good", encoding="utf-8")
    built = begin(reports)  # a crash while the new pages were being built
    built.mkdir()
    (built / "index.html").write_text("half built", encoding="utf-8")

    recover(reports)

    assert not built.exists() and not journal(reports).exists()
    assert (reports / "index.html").read_text(encoding="utf-8") == "last good"
    built.mkdir()  # the same name, made by the user after the journal went: theirs
    (built / "draft.txt").write_text("mine", encoding="utf-8")
    recover(reports)
    assert (built / "draft.txt").read_text(encoding="utf-8") == "mine"
