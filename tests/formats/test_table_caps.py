"""A table far bigger than any export is skipped with the reason, before it fills the memory (issue 11.2).

The caps are module constants of pipelines.formats.tables; each test lowers one so that the junk it
generates stays small, and measures with tracemalloc that the reader stopped early.
"""

import subprocess
import sys
import tracemalloc
import zipfile

import openpyxl
import pytest

from pipelines.formats import tables
from pipelines.formats.attendance import ACCEPTED, parse_attendance
from pipelines.formats.feedback import parse_feedback
from pipelines.formats.roster import parse_roster
from pipelines.formats.sessions import parse_sessions
from pipelines.formats.tables import NotATable, read_grid
from tests.attendance.scenario import AS_OF, CATALOGUE_HEADER, ROSTER, build_tables
from tests.conftest import REPO, SAMPLES, query


def peak_while(function, *arguments) -> tuple[int, Exception | None]:
    """The peak bytes Python allocated while `function` ran, and what it raised."""
    tracemalloc.start()
    raised = None
    try:
        function(*arguments)
    except Exception as error:  # noqa: BLE001 - the test asserts on it
        raised = error
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak, raised


def test_a_file_over_the_size_cap_is_skipped_unread(tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "MAX_FILE_BYTES", 64 * 1024)
    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"x" * (4 * 2**20))  # 4 MB of text junk, like `yes x | head -c 1G`

    peak, raised = peak_while(read_grid, junk)

    assert isinstance(raised, NotATable)
    assert str(raised) == "the file is 4.0 MB, far more than any export holds (at most 64 KB)"
    assert peak < 256 * 1024  # not a byte of it was read


@pytest.mark.parametrize("parse", [parse_attendance, parse_feedback, parse_roster, parse_sessions])
def test_every_table_reader_skips_a_row_far_longer_than_an_export_writes(tmp_path, monkeypatch, parse):
    monkeypatch.setattr(tables, "MAX_LINE_CHARS", 10_000)
    path = tmp_path / "long.csv"
    path.write_text(
        "Session ID,Employee ID\r\nLAW-01,E001\r\nLAW-01," + "9" * 50_000 + "\r\nLAW-02,E002\r\n", encoding="utf-8"
    )

    with pytest.raises(NotATable, match="line 3 is longer than 10,000 characters, far longer than any export writes"):
        parse(path)


def test_a_quoted_field_spanning_lines_is_one_row_and_counts_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "MAX_LINE_CHARS", 1_000)
    path = tmp_path / "quoted.csv"
    path.write_text('Comment,Rating\n"' + "\n".join(["a line of text"] * 100) + '",5\n', encoding="utf-8")

    with pytest.raises(NotATable, match="line 2 is longer than 1,000 characters"):
        read_grid(path)


def test_a_table_far_wider_than_an_export_is_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "MAX_COLUMNS", 100)
    path = tmp_path / "wide.csv"
    path.write_text("Name,Email\n" + ",".join(["x"] * 500) + "\n", encoding="utf-8")

    with pytest.raises(NotATable, match="line 2 has 500 columns, far more than any export writes \\(at most 100\\)"):
        read_grid(path)


def test_a_table_far_longer_than_an_export_stops_at_the_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "MAX_ROWS", 1_000)
    path = tmp_path / "long table.csv"
    path.write_text("Name,Email\n" + "Jo,jo@example.org\n" * 5_000, encoding="utf-8")

    with pytest.raises(NotATable, match="more than 1,000 rows, far more than any export holds"):
        read_grid(path)


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_a_table_of_more_cells_than_an_export_holds_stops_at_the_cap(tmp_path, monkeypatch, suffix):
    """Cells are what a grid costs in memory (a Python string each): 20 columns by 5,000 rows is 100,000."""
    monkeypatch.setattr(tables, "MAX_CELLS", 10_000)
    header = [f"c{column}" for column in range(20)]
    rows = [header] + [[f"{row}:{column}" for column in range(20)] for row in range(5_000)]
    path = tmp_path / f"many cells.{suffix}"
    if suffix == "csv":
        path.write_text("\n".join(",".join(row) for row in rows) + "\n", encoding="utf-8")
    else:
        workbook = openpyxl.Workbook()
        for row in rows:
            workbook.active.append(row)
        workbook.save(path)

    peak, raised = peak_while(read_grid, path)

    assert isinstance(raised, NotATable)
    assert (
        str(raised)
        == {
            "csv": "the file has more than 10,000 cells by line 501, far more than any export holds",
            "xlsx": "its cells span 5,001 rows by 20 columns, more than 10,000 cells, far more than any export holds",
        }[suffix]
    )
    assert peak < 4 * 2**20  # the rows after line 501 were never made into Python strings


FAR_CELL = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))  # the test machine stays safe whatever happens
from pipelines.formats.tables import NotATable, read_grid
try:
    read_grid(sys.argv[1])
    print("read")
except NotATable as reason:
    print(f"skipped: {reason}")
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


@pytest.mark.parametrize(
    "row, column, reason",
    [
        (400_000, 16_384, "a cell is in column 16,384, far wider than any export writes (at most 2,000)"),
        (70_000, 1_000, "its cells span 70,000 rows by 1,000 columns, more than 8,000,000 cells"),
    ],
    ids=["XFD400000", "ALL70000"],
)
def test_a_tiny_xlsx_with_one_far_cell_is_skipped_before_its_sheet_is_built(tmp_path, row, column, reason):
    """Found by the attacker: calamine builds a sheet's whole rectangle, so a 5 KB workbook with one cell at
    XFD400000 asked for 200 GB and aborted the process, and one at ALL70000 took 2.3 GB before the cell cap. The
    cells' references are read with the workbook's XML, and the sheet refused before it is built."""
    workbook = openpyxl.Workbook()
    workbook.active["A1"], workbook.active["B1"] = "Name", "Email"
    workbook.active.cell(row=row, column=column, value="x")
    path = tmp_path / "far.xlsx"
    workbook.save(path)
    assert path.stat().st_size < 64 * 2**10

    done = subprocess.run([sys.executable, "-c", FAR_CELL, str(path)], capture_output=True, text=True, cwd=REPO)

    assert done.returncode == 0, done.stderr[-300:]
    said, peak_kib = done.stdout.splitlines()
    assert said.startswith(f"skipped: {reason}")
    assert int(peak_kib) < 512 * 2**10  # nothing built: the interpreter and its imports


def test_a_sheet_starting_below_and_right_of_a1_reads_as_the_sheet_shows_it(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["B3"], sheet["C3"], sheet["B4"], sheet["C5"] = "Employee ID", "Grade", "E1", "G2"
    workbook.save(tmp_path / "offset.xlsx")

    assert read_grid(tmp_path / "offset.xlsx") == [
        ["", "", ""],
        ["", "", ""],
        ["", "Employee ID", "Grade"],
        ["", "E1", ""],
        ["", "", "G2"],
    ]


def bomb(path, expanded: int) -> None:
    """A workbook whose one sheet is `expanded` bytes of XML that compress to almost nothing."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", "<sheetData>" + " " * expanded + "</sheetData>")


def test_an_xlsx_expanding_far_beyond_its_size_is_skipped_with_bounded_memory(tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "MAX_EXPANDED_BYTES", 2 * 2**20)
    path = tmp_path / "bomb.xlsx"
    bomb(path, 40 * 2**20)  # 40 MB of sheet in a file of about 40 KB
    assert path.stat().st_size < 100 * 1024

    peak, raised = peak_while(read_grid, path)

    assert isinstance(raised, NotATable)
    assert str(raised).startswith("the workbook expands to more than 2.0 MB once decompressed (")
    assert peak < 8 * 2**20  # decompressed in blocks: it never held the 40 MB


def test_the_samples_stay_well_within_the_caps():
    for name in ("msforms.xlsx", "teams_3section_utf16le.csv", "surveymonkey.csv", "roster.csv"):
        assert read_grid(SAMPLES / name)


def test_the_assets_skip_the_junk_and_read_the_rest(tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "MAX_FILE_BYTES", 256 * 1024)
    catalogue = CATALOGUE_HEADER + (
        "CC-01,Skills 2025,Coaching conversations,2025-06-04 10:00,2025-06-04 11:30,"
        "Online,online,All staff,20,0,,Skills\r\n"
    )
    root = build_tables(
        tmp_path,
        {
            "roster/roster_2025-06-01.csv": ROSTER,
            "sessions/catalogue.csv": catalogue,
            "attendance/junk.csv": b"Name,Email\n" + b"x" * (2 * 2**20),
            "attendance/coaching.csv": (SAMPLES / "teams_meeting_summary_guests_utf16le.csv").read_bytes(),
        },
        AS_OF,
    )

    assert query(root, "select status, reason from audit.files where file = 'attendance/junk.csv'") == [
        ("skipped", f"not read: the file is 2.0 MB, far more than any export holds (at most 256 KB). {ACCEPTED}"),
    ]
    assert query(root, "select count(*) from core.attendance where session_id = 'CC-01'") == [(5,)]
