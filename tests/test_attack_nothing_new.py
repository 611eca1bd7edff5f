"""Red-team: ways "Nothing new" could leave pages a full refresh would not publish (pipelines/inputs.py)."""

from __future__ import annotations

import shutil

from pipelines.raw_files import sha256_of
from tests.conftest import uptake_refresh
from tests.quality.conftest import sample_workspace


def test_another_warehouse_published_into_the_same_reports_folder_is_not_nothing_new(tmp_path):
    """Two warehouses (SPEC 6 locks each separately) publishing into one reports folder: after B publishes, the
    pages are B's; A's warehouse still records A's inputs, so A's next refresh must publish again, not say
    'Nothing new' over B's pages."""
    workspace = sample_workspace(tmp_path / "workspace")
    other_raw = tmp_path / "other_raw"
    shutil.copytree(workspace / "raw", other_raw)
    shutil.rmtree(other_raw / "intranet")  # B: the same exports without the intranet logs
    first = uptake_refresh(workspace)
    assert first.exit_code == 0 and "Reports published" in first.output, first.output
    pages_a = sha256_of(workspace / "reports" / "index.html")

    other = uptake_refresh(workspace, warehouse=tmp_path / "b" / "uptake.duckdb", raw=other_raw)
    assert other.exit_code == 0 and "Reports published" in other.output, other.output
    assert sha256_of(workspace / "reports" / "index.html") != pages_a  # the folder now shows B's figures

    back = uptake_refresh(workspace)
    assert back.exit_code == 0, back.output
    assert "Nothing new" not in back.output, "A's refresh left B's pages in place, claiming they are A's"
    assert sha256_of(workspace / "reports" / "index.html") == pages_a


def test_a_published_page_changed_since_is_not_nothing_new(tmp_path):
    """The check looks only at whether the published files exist: a page changed since (edited, or overwritten by a
    copy from another folder) is kept, though a full refresh would publish the page it recorded."""
    workspace = sample_workspace(tmp_path / "workspace")
    first = uptake_refresh(workspace)
    assert first.exit_code == 0 and "Reports published" in first.output, first.output
    index = workspace / "reports" / "index.html"
    published = sha256_of(index)
    index.write_text(index.read_text(encoding="utf-8").replace("</body>", "<p>Participation 99%</p></body>"))

    again = uptake_refresh(workspace)
    assert again.exit_code == 0, again.output
    assert "Nothing new" not in again.output
    assert sha256_of(index) == published
