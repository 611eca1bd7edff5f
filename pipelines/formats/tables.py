"""Reading the files users drop in: bytes in any encoding, CSV or XLSX, as a grid of text.

Every format parser builds on these, so that encodings, BOMs, delimiters and
header matching are handled one way. Parsers are pure: a path in, a `Parsed` out.

A table far bigger than any export (SPEC section 6) is that file's problem: it is skipped
with the reason before it can fill the memory. The size is checked before a byte is read,
an XLSX's sheets are decompressed in blocks and counted before the workbook is opened, and
the grid stops at the first line, row or width past the caps below (module constants, so
that a test can lower them).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

XLSX_SUFFIXES = {".xlsx", ".xlsm", ".xls"}
ZIP_SIGNATURE = b"PK\x03\x04"  # an XLSX saved under another name is still a workbook

# Beyond the largest export Uptake reads, and within the memory budget (SPEC section 6): the roster of a
# 300,000-strong employer (`--scale 100`) is 52 MB of CSV, or 25 MB of XLSX expanding to 270 MB, and 5.4 million
# cells, read in 1.5 GB at most. The cells are the measure of memory: a grid holds each as a Python string, so
# 63 MB of two-letter cells took 2.6 GB; 8 million cells of any size take about 1 GB.
MAX_FILE_BYTES = 64 * 2**20  # a CSV, or an XLSX as stored
MAX_EXPANDED_BYTES = 384 * 2**20  # an XLSX's sheets and shared strings once decompressed
MAX_LINE_CHARS = 2**20  # one row, quoted line ends included
MAX_COLUMNS = 2_000
MAX_ROWS = 500_000
MAX_CELLS = 8_000_000


class NotATable(Exception):
    """The file cannot be read as a table at all (empty, an image, no header): it is skipped."""


@dataclass(frozen=True)
class Reject:
    """A data row (or one answer of it) that cannot be used, kept in the quarantine.

    `row` is the 1-based line of the file as a spreadsheet shows it (header lines counted).
    `whole_row` is False when only one value is rejected and the rest of the row is kept.
    """

    row: int
    column: str | None
    reason: str
    raw: str
    whole_row: bool = True


@dataclass
class Parsed:
    """What a parser returns: its records, its rejects, and how many data rows it read.

    `records` has a `row` column (the source line). Several records may share a row
    (a row that yields several intervals); `rows_read` counts data rows, never
    headers, sections or directives. `meta` holds file-level facts (a meeting title).
    """

    format: str
    records: pd.DataFrame
    rejects: list[Reject] = field(default_factory=list)
    rows_read: int = 0
    meta: dict = field(default_factory=dict)


def column_key(name: object) -> str:
    """Column names match case- and space-insensitively: 'Employee ID' == 'employeeid'."""
    return re.sub(r"\s+", "", str(name)).lower()


def decode(data: bytes) -> str:
    """Text of a file in UTF-8 (BOM or not), UTF-16 LE/BE with a BOM, or Windows-1252."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_text(path: Path) -> str:
    """A text file's content, whatever its encoding, with line ends kept as written."""
    _check_size(path)
    data = Path(path).read_bytes()
    if not data.strip():
        raise NotATable("the file is empty")
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = _utf16_without_bom(data[:4096])
        if encoding is None:
            line = data[: data.index(b"\x00")].count(b"\n") + 1
            raise NotATable(f"the file is not text: line {line} holds a NUL byte (a binary file or a damaged export)")
        return data.decode(encoding, errors="replace")
    return decode(data)


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the bytes are plain-Latin text in UTF-16 saved without its BOM: every
    second byte is NUL (the high half of each character) and no other byte is."""
    head = head[: len(head) // 2 * 2]
    low, high = head[0::2], head[1::2]
    for text, nul, encoding in ((low, high, "utf-16-le"), (high, low, "utf-16-be")):
        if b"\x00" not in text and nul.count(0) >= 0.9 * len(nul):
            return encoding
    return None


def read_grid(path: Path) -> list[list[str]]:
    """Every line of a CSV (comma, tab or semicolon) or the first sheet of an XLSX, as text cells.

    Line k of the file is element k-1, blank lines included, so row numbers
    stay those a user sees when opening the file.
    """
    path = Path(path)
    with open(path, "rb") as handle:
        signature = handle.read(4)
    if path.suffix.lower() in XLSX_SUFFIXES or signature == ZIP_SIGNATURE:
        return _capped(_read_xlsx(path))
    text = read_text(path)
    delimiter = _sniff_delimiter(text[: 2**16].splitlines())
    return _capped(next(csv.reader([line], delimiter=delimiter), []) for line in _logical_lines(text))


def _check_size(path: Path) -> None:
    size = Path(path).stat().st_size
    if size > MAX_FILE_BYTES:
        raise NotATable(
            f"the file is {_megabytes(size)}, far more than any export holds (at most {_megabytes(MAX_FILE_BYTES)})"
        )


def _capped(rows: Iterator[list[str]]) -> list[list[str]]:
    """The grid, stopping at the first row past MAX_ROWS or MAX_CELLS, or wider than MAX_COLUMNS."""
    grid, cells_read = [], 0
    for number, cells in enumerate(rows, start=1):
        cells_read += len(cells)
        if number > MAX_ROWS:
            raise NotATable(f"the file has more than {MAX_ROWS:,} rows, far more than any export holds")
        if len(cells) > MAX_COLUMNS:
            raise NotATable(
                f"line {number} has {len(cells):,} columns, far more than any export writes (at most {MAX_COLUMNS:,})"
            )
        if cells_read > MAX_CELLS:
            raise NotATable(
                f"the file has more than {MAX_CELLS:,} cells by line {number}, far more than any export holds"
            )
        grid.append(cells)
    return grid


def _logical_lines(text: str) -> Iterator[str]:
    """Lines of a CSV, a quoted field spanning line ends kept in its line; none longer than MAX_LINE_CHARS."""
    current, quotes, length, number = [], 0, 0, 0
    for line in text.splitlines():
        current.append(line)
        quotes += line.count('"')
        length += len(line) + 1
        if length > MAX_LINE_CHARS:
            raise NotATable(
                f"line {number + 1} is longer than {MAX_LINE_CHARS:,} characters, far longer than any export writes"
            )
        if quotes % 2 == 0:
            number += 1
            yield "\n".join(current)
            current, quotes, length = [], 0, 0
    if current:
        yield "\n".join(current)


def _sniff_delimiter(lines: list[str]) -> str:
    sample = [line for line in lines[:50] if line.strip()]
    counts = {d: sum(line.count(d) for line in sample) for d in ("\t", ",", ";")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _read_xlsx(path: Path) -> Iterator[list[str]]:
    """The first sheet's rows as text, one at a time, so that the caps stop the grid before it is all in memory."""
    from python_calamine import CalamineWorkbook

    _check_size(path)
    _check_workbook(path)
    try:
        sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
        rows = sheet.iter_rows()
    except Exception as error:  # calamine raises its own error types for broken files
        raise NotATable(f"the spreadsheet cannot be opened ({error})") from error
    # Rows come from the first line of the sheet, but columns from its first used one: empty columns before it are
    # put back, so that a row reads as the sheet shows it.
    blank = [""] * (sheet.start or (0, 0))[1]
    for row in rows:
        yield blank + [_cell_text(value) for value in row]


def _check_workbook(path: Path) -> None:
    """Decompress the workbook's parts in blocks, counting, and stop past MAX_EXPANDED_BYTES; and find the extent
    of each sheet from its cells' references (A1, XFD400000), refused past the caps before calamine builds it.

    The sizes a zip declares, and a sheet's own <dimension>, may lie, so they are not trusted: the bytes and the
    references are read as they come. The extent matters because calamine builds a sheet's whole rectangle, from
    its first cell to its last: one cell at XFD400000 is 6.5 billion cells.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return  # not a zip at all: calamine says why it cannot open it
    expanded = 0
    with archive:
        for member in archive.infolist():
            extent = _Extent() if member.filename.startswith("xl/worksheets/") else None
            try:
                with archive.open(member) as part:
                    tail = b""
                    while block := part.read(2**20):
                        expanded += len(block)
                        if expanded > MAX_EXPANDED_BYTES:
                            raise NotATable(
                                f"the workbook expands to more than {_megabytes(MAX_EXPANDED_BYTES)} once decompressed "
                                f"({_megabytes(path.stat().st_size)} as stored), far more than any export holds"
                            )
                        if extent:
                            extent.add(tail + block)  # a reference cut between two blocks is read whole
                            tail = block[-32:]
                if extent:
                    extent.check()
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
                return  # a broken part: calamine says why it cannot open it


COLUMN_REFERENCE = re.compile(rb'\sr="([A-Z]{1,3})[0-9]{1,7}"')
ROW_REFERENCE = re.compile(rb'\sr="[A-Z]{1,3}([0-9]{1,7})"')


class _Extent:
    """The last row and column a sheet's cells name, as its XML is read; `check` refuses it past the caps."""

    def __init__(self) -> None:
        self.rows, self.columns = 0, 0

    def add(self, xml: bytes) -> None:
        self.rows = max(self.rows, *map(int, ROW_REFERENCE.findall(xml)), 0)
        self.columns = max(self.columns, *map(_column_number, set(COLUMN_REFERENCE.findall(xml))), 0)

    def check(self) -> None:
        if self.columns > MAX_COLUMNS:
            raise NotATable(
                f"a cell is in column {self.columns:,}, far wider than any export writes (at most {MAX_COLUMNS:,})"
            )
        if self.rows > MAX_ROWS:
            raise NotATable(f"a cell is in row {self.rows:,}, far more rows than any export holds")
        if self.rows * self.columns > MAX_CELLS:
            raise NotATable(
                f"its cells span {self.rows:,} rows by {self.columns:,} columns, more than {MAX_CELLS:,} cells, "
                "far more than any export holds"
            )


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - ord("A") + 1
    return number


def _megabytes(size: int) -> str:
    return f"{size / 2**20:,.1f} MB" if size >= 2**20 else f"{size / 2**10:,.0f} KB"


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat(sep=" ") if hasattr(value, "hour") else value.isoformat()
    return str(value)


def table_from_grid(grid: list[list[str]], header_row: int = 0) -> pd.DataFrame:
    """The rows below `header_row` as a frame of text, columns keyed by `column_key`.

    A `row` column holds each row's 1-based line number; wholly blank lines are dropped.
    """
    if len(grid) <= header_row or not any(cell.strip() for cell in grid[header_row]):
        raise NotATable("no header row was found")
    header = [column_key(name) for name in grid[header_row]]
    records = []
    for index in range(header_row + 1, len(grid)):
        cells = grid[index]
        if not any(cell.strip() for cell in cells):
            continue
        padded = (cells + [""] * len(header))[: len(header)]
        records.append({"row": index + 1, **{name: value.strip() for name, value in zip(header, padded) if name}})
    frame = pd.DataFrame.from_records(records, columns=["row", *[name for name in header if name]])
    return frame.loc[:, ~frame.columns.duplicated()]


def read_table(path: Path) -> pd.DataFrame:
    """A plain table (header on the first line) as text, columns keyed by `column_key`."""
    return table_from_grid(read_grid(path))


def pick(frame: pd.DataFrame, *names: str) -> pd.Series:
    """The first of several accepted column names present, else an empty column."""
    for name in names:
        key = column_key(name)
        if key in frame.columns:
            column = frame[key].astype(object)
            return column.where(column.notna() & (column != ""), None)
    return pd.Series([None] * len(frame), index=frame.index, dtype=object)


def has_column(frame: pd.DataFrame, *names: str) -> bool:
    return any(column_key(name) in frame.columns for name in names)


def text_of(cells: list[str]) -> str:
    """A row as it would appear in the file, for the quarantine's `raw` field."""
    out = io.StringIO()
    csv.writer(out).writerow(cells)
    return out.getvalue().rstrip("\r\n")
