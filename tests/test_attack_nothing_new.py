"""Red-team: ways "Nothing new" leaves pages a full refresh would not publish; an XLSX that passes the table caps
but not the memory budget."""

from __future__ import annotations

import hashlib
import shutil

from typer.testing import CliRunner

from pipelines.cli import app
from tests.quality.conftest import sample_workspace


def uptake_refresh(workspace, *options: str, warehouse=None, raw=None):
    warehouse = warehouse or workspace / "warehouse" / "uptake.duckdb"
    arguments = ["refresh", "--raw", str(raw or workspace / "raw"), "--config", str(workspace / "uptake.toml")]
    arguments += ["--warehouse", str(warehouse)]
    return CliRunner().invoke(app, [*arguments, "--reports", str(workspace / "reports"), *options])


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


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
    pages_a = sha256(workspace / "reports" / "index.html")

    other = uptake_refresh(workspace, warehouse=tmp_path / "b" / "uptake.duckdb", raw=other_raw)
    assert other.exit_code == 0 and "Reports published" in other.output, other.output
    assert sha256(workspace / "reports" / "index.html") != pages_a  # the folder now shows B's figures

    back = uptake_refresh(workspace)
    assert back.exit_code == 0, back.output
    assert "Nothing new" not in back.output, "A's refresh left B's pages in place, claiming they are A's"
    assert sha256(workspace / "reports" / "index.html") == pages_a


def test_a_published_page_changed_since_is_not_nothing_new(tmp_path):
    """The check looks only at whether the published files exist: a page changed since (edited, or overwritten by a
    copy from another folder) is kept, though a full refresh would publish the page it recorded."""
    workspace = sample_workspace(tmp_path / "workspace")
    first = uptake_refresh(workspace)
    assert first.exit_code == 0 and "Reports published" in first.output, first.output
    index = workspace / "reports" / "index.html"
    published = sha256(index)
    index.write_text(index.read_text(encoding="utf-8").replace("</body>", "<p>Participation 99%</p></body>"))

    again = uptake_refresh(workspace)
    assert again.exit_code == 0, again.output
    assert "Nothing new" not in again.output
    assert sha256(index) == published


def _memory_capped():
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))  # keep the test machine safe


def test_a_tiny_xlsx_with_one_far_cell_is_skipped_with_its_reason_not_a_crash(tmp_path):
    """SPEC 6: a file beyond its kind's limits is skipped with the reason, within the memory budget. An XLSX of
    5 KB holding A1 and one cell at XFD400000 passes the file and expansion caps; calamine then builds the sheet's
    dense range (400,000 x 16,384 cells, 200 GB) before the first row reaches the cell cap, and the process aborts.
    """
    import subprocess
    import sys

    import openpyxl

    book = openpyxl.Workbook()
    book.active["A1"], book.active["B1"] = "Name", "Email"
    book.active.cell(row=400_000, column=16_384, value="x")
    path = tmp_path / "far.xlsx"
    book.save(path)
    assert path.stat().st_size < 64 * 2**10

    script = (
        "import sys, resource\n"
        "from pipelines.formats.tables import read_grid, NotATable\n"
        "try:\n"
        "    read_grid(sys.argv[1]); print('read')\n"
        "except NotATable as reason:\n"
        "    print('skipped:', reason)\n"
        "print('peak', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, preexec_fn=_memory_capped
    )
    assert done.returncode == 0, done.stderr[:300]
    assert "skipped:" in done.stdout
    assert int(done.stdout.split("peak ")[1]) < 2 * 2**20  # KiB: within the 2 GiB budget


def test_a_small_xlsx_with_a_far_cell_is_skipped_within_the_memory_budget(tmp_path):
    """A 5 KB XLSX (A1, B1 and a cell at ALL70000) is 70 million cells once calamine makes its dense range: it is
    skipped by the cell cap, but only after the range is built, at about 2.3 GB resident, past the 2 GiB budget of
    the whole refresh (SPEC 6). It must be refused before its range is built."""
    import subprocess
    import sys

    import openpyxl

    book = openpyxl.Workbook()
    book.active["A1"], book.active["B1"] = "Name", "Email"
    book.active.cell(row=70_000, column=1_000, value="x")
    path = tmp_path / "far.xlsx"
    book.save(path)

    script = (
        "import sys, resource\n"
        "from pipelines.formats.tables import read_grid, NotATable\n"
        "try:\n"
        "    read_grid(sys.argv[1]); print('read')\n"
        "except NotATable as reason:\n"
        "    print('skipped:', reason)\n"
        "print('peak', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, preexec_fn=_memory_capped
    )
    assert done.returncode == 0, done.stderr[:300]
    assert "skipped:" in done.stdout
    assert int(done.stdout.split("peak ")[1]) < 2 * 2**20  # KiB: the 2 GiB budget
