"""Bytes as the real tools write them: CSV, UTF-16 text, XLSX workbooks, gzip; clocks and durations."""

from __future__ import annotations

import csv
import gzip
import io
import zipfile
from datetime import date, datetime


def csv_bytes(
    rows: list[list],
    encoding: str = "utf-8",
    newline: str = "\n",
    bom: bytes = b"",
    quote_all: bool = False,
    delimiter: str = ",",
) -> bytes:
    out = io.StringIO()
    writer = csv.writer(
        out, delimiter=delimiter, lineterminator=newline, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    )
    writer.writerows([["" if cell is None else cell for cell in row] for row in rows])
    return bom + out.getvalue().encode(encoding)


def utf16_lines(lines: list[str], newline: str) -> bytes:
    """UTF-16 LE with its BOM, written the same on every platform."""
    return b"\xff\xfe" + "".join(line + newline for line in lines).encode("utf-16-le")


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def xlsx_bytes(rows: list[list], saved: datetime, sheet: str = "Sheet1") -> bytes:
    """A minimal workbook like openpyxl writes: inline strings, numbers, and real date cells.

    Written by hand so that the bytes depend only on the rows (fixed zip times, no clock).
    """
    cells = []
    for r, row in enumerate(rows, start=1):
        out = []
        for c, value in enumerate(row):
            ref = f"{_column(c)}{r}"
            if value is None or value == "":
                continue
            if isinstance(value, bool):
                out.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, (int, float)):
                out.append(f'<c r="{ref}" t="n"><v>{value}</v></c>')
            elif isinstance(value, datetime):
                serial = (value - datetime(1899, 12, 30)).total_seconds() / 86400
                out.append(f'<c r="{ref}" s="2" t="n"><v>{serial:.10f}</v></c>')
            elif isinstance(value, date):
                out.append(f'<c r="{ref}" s="1" t="n"><v>{(value - date(1899, 12, 30)).days}</v></c>')
            else:
                out.append(f'<c r="{ref}" t="inlineStr"><is><t>{_xml(str(value))}</t></is></c>')
        cells.append(f'<row r="{r}">{"".join(out)}</row>')
    width = max(len(row) for row in rows)
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml" />'
            '<Default Extension="xml" ContentType="application/xml" />'
            '<Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml" />'
            '<Override PartName="/docProps/core.xml" '
            'ContentType="application/vnd.openxmlformats-package.core-properties+xml" />'
            '<Override PartName="/docProps/app.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml" />'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml" />'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml" />'
            "</Types>"
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{pkg}">'
            f'<Relationship Type="{rel}/officeDocument" Target="xl/workbook.xml" Id="rId1" />'
            f'<Relationship Type="{pkg}/metadata/core-properties" Target="docProps/core.xml" Id="rId2" />'
            f'<Relationship Type="{rel}/extended-properties" Target="docProps/app.xml" Id="rId3" />'
            "</Relationships>"
        ),
        "docProps/app.xml": (
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            "<Application>Microsoft Excel</Application></Properties>"
        ),
        "docProps/core.xml": (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{saved:%Y-%m-%dT%H:%M:%SZ}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{saved:%Y-%m-%dT%H:%M:%SZ}</dcterms:modified>'
            "</cp:coreProperties>"
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns:r="{rel}" xmlns="{main}"><workbookPr /><bookViews><workbookView activeTab="0" '
            f"/></bookViews>"
            f'<sheets><sheet name="{_xml(sheet)}" sheetId="1" state="visible" r:id="rId1" /></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{pkg}">'
            f'<Relationship Type="{rel}/worksheet" Target="/xl/worksheets/sheet1.xml" Id="rId1" />'
            f'<Relationship Type="{rel}/styles" Target="styles.xml" Id="rId2" />'
            "</Relationships>"
        ),
        "xl/styles.xml": (
            f'<styleSheet xmlns="{main}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy hh:mm" '
            f"/></numFmts>"
            '<fonts count="1"><font><name val="Calibri" /><family val="2" /><sz val="11" /></font></fonts>'
            '<fills count="2"><fill><patternFill /></fill><fill><patternFill patternType="gray125" /></fill></fills>'
            '<borders count="1"><border><left /><right /><top /><bottom /><diagonal /></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" /></cellStyleXfs>'
            '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" />'
            '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" applyNumberFormat="1" xfId="0" />'
            '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" applyNumberFormat="1" xfId="0" /></cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0" /></cellStyles></styleSheet>'
        ),
        "xl/worksheets/sheet1.xml": (
            f'<worksheet xmlns="{main}"><dimension ref="A1:{_column(width - 1)}{len(rows)}" />'
            f'<sheetViews><sheetView workbookViewId="0" /></sheetViews><sheetFormatPr defaultRowHeight="15" />'
            f"<sheetData>{''.join(cells)}</sheetData></worksheet>"
        ),
    }
    out = io.BytesIO()
    stamp = saved.timetuple()[:6]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return out.getvalue()


def gzip_bytes(data: bytes) -> bytes:
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0) as archive:
        archive.write(data)
    return out.getvalue()


def teams_duration(seconds: float) -> str:
    """Teams writes '1h 3m 34s', '52m 10s', '38m': zero parts left out."""
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours}h"] if hours else []
    parts += [f"{minutes}m"] if minutes else []
    parts += [f"{secs}s"] if secs or not parts else []
    return " ".join(parts)


def us_clock(moment: datetime, year_digits: int = 4, pad: bool = False) -> str:
    hour = moment.hour % 12 or 12
    ampm = "AM" if moment.hour < 12 else "PM"
    if pad:
        return f"{moment:%m/%d/%Y} {hour:02d}:{moment:%M:%S} {ampm}"
    year = moment.year if year_digits == 4 else moment.year % 100
    return f"{moment.month}/{moment.day}/{year}, {hour}:{moment:%M:%S} {ampm}"


def safe_filename(text: str) -> str:
    return "".join(c for c in text if c not in ':/\\?*"<>|')
