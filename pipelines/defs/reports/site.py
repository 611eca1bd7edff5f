"""Building the published site from the marts: pages read marts, they never compute figures.

A page section whose mart is not in the warehouse says the data is not available, so a
refresh with no intranet logs or no feedback still publishes every page it can.
"""

from __future__ import annotations

import csv
import shutil
from datetime import datetime
from pathlib import Path

import duckdb
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from plotly.offline import get_plotlyjs

from pipelines.defs.marts.pages import existing_tables
from pipelines.defs.reports import charts, display, year
from pipelines.defs.reports.headlines import DEFINITIONS, headlines, log_coverage
from pipelines.settings import Settings

TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
TEMPLATES.filters.update(display.FILTERS)
SOURCES_IN_WORDS = {
    "roster": "HR roster",
    "sessions": "event catalogue",
    "attendance": "attendance files",
    "intranet": "intranet logs",
    "feedback": "feedback forms",
    "corrections": "corrections file",
}
TEMPLATES.globals.update(
    SUPPRESSED=display.SUPPRESSED,
    headlines=headlines,
    log_coverage=log_coverage,
    definitions=DEFINITIONS,
    sources_in_words=SOURCES_IN_WORDS,
)

DIMENSIONS = {
    "directorate": "directorate",
    "grade": "grade",
    "manager": "manager or not",
    "location": "location",
    "sex": "sex",
    "age_band": "age band",
    "ethnicity": "ethnicity",
    "disability": "disability",
    "sexual_orientation": "sexual orientation",
}
BREAKDOWN_ORDER = f"list_position({list(DIMENSIONS)}, dimension), dimension, group_order"
CSV_COLUMNS = ["programme", "dimension", "group", "headcount", "participants", "participation_pct"]
SESSION_COLUMNS = [
    "session_id",
    "title",
    "start",
    "location",
    "attendances",
    "capacity",
    "fill_rate_pct",
    "registrations",
    "no_shows",
    "feedback_responses",
    "avg_rating",
]
DAY_COLUMNS = ["day", "sessions_delivered", "programme_visits", "page_views", "unique_visitors"]
WEEK_COLUMNS = [
    "week_start",
    "week_number",
    "sessions_delivered",
    "attendances",
    "new_participants",
    "cumulative_participants",
    "cumulative_participation_pct",
]


class Marts:
    """Read-only access to the tables pages use; `rows` is None when the table is not in the warehouse."""

    def __init__(self, connection: duckdb.DuckDBPyConnection):
        self.connection = connection
        self.tables = existing_tables(connection)

    def rows(self, table: str, where: str = "", parameters: list | None = None, order: str = "") -> list[dict] | None:
        if table not in self.tables:
            return None
        sql = f"select * from {table}" + (f" where {where}" if where else "") + (f" order by {order}" if order else "")
        cursor = self.connection.execute(sql, parameters or [])
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, values)) for values in cursor.fetchall()]

    def for_programme(self, table: str, programme: str, order: str = "") -> list[dict] | None:
        return self.rows(table, "programme = ?", [programme], order)


def build_site(connection: duckdb.DuckDBPyConnection, out: Path, as_of: datetime, settings: Settings) -> list[Path]:
    """Write every page into `out` (emptied first); returns the files written."""
    shutil.rmtree(out, ignore_errors=True)
    (out / "assets").mkdir(parents=True)
    (out / "assets" / "plotly.min.js").write_text(get_plotlyjs(), encoding="utf-8")
    # Tells a page that the assets folder is beside it (templates/_chart_loader.html).
    (out / "assets" / "present.html").write_text(
        '<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Uptake assets</title></head><body>'
        '<script>parent.postMessage("uptake-assets", "*")</script></body></html>\n',
        encoding="utf-8",
    )
    marts = Marts(connection)
    programmes = marts.rows("marts.programme_reach", order="first_session_date nulls last, programme") or []
    programme_slugs = display.slugs(row["programme"] for row in programmes)
    directorate_rows = (
        marts.rows("marts.directorate_reach", order="directorate, first_session_date nulls last, programme") or []
    )
    directorate_slugs = display.slugs(sorted({row["directorate"] for row in directorate_rows}))
    sources = {row["programme"]: row for row in marts.rows("marts.programme_sources") or []}
    common = dict(as_of=as_of, settings=settings, min_cell=settings.min_cell, directorate_slugs=directorate_slugs)

    written = [
        _page(
            out / "index.html",
            "index.html",
            root="",
            programmes=programmes,
            slugs=programme_slugs,
            sources=sources,
            current_period=year.current_period(marts),
            **common,
        ),
        _page(
            out / "data-quality.html", "data_quality.html", root="", sources=sources, **_data_quality(marts), **common
        ),
    ]
    for programme in programmes:
        name, folder = programme["programme"], out / programme_slugs[programme["programme"]]
        context = dict(root="../", programme=programme, sources=sources.get(name), **common)
        groups = marts.for_programme("marts.reach_by_group", name, BREAKDOWN_ORDER)
        dashboard = _dashboard(marts, programme, groups, settings)
        written.append(_page(folder / "index.html", "programme.html", **context, **dashboard))
        written += _dashboard_csvs(folder, dashboard)
        written.append(
            _page(
                folder / "ten-things.html",
                "ten_things.html",
                **context,
                things=marts.for_programme("marts.ten_things", name, "rank"),
            )
        )
        if groups is not None:
            written.append(_csv(folder / "reach_by_group.csv", CSV_COLUMNS, _reach_csv(groups)))
    for directorate, directorate_slug in directorate_slugs.items():
        rows = [row for row in directorate_rows if row["directorate"] == directorate]
        chart = charts.directorate_against_organisation(rows, directorate, "chart-directorate")
        written.append(
            _page(
                out / "directorates" / f"{directorate_slug}.html",
                "directorate.html",
                root="../",
                directorate=directorate,
                rows=rows,
                chart=chart,
                slugs=programme_slugs,
                year=year.directorate_period(marts, directorate),
                **common,
            )
        )
    written += year.build_year_pages(marts, out, _page, common)
    return written


def _dashboard(marts: Marts, programme: dict, groups: list[dict] | None, settings: Settings) -> dict:
    """Everything a programme's dashboard shows, with its charts."""
    name = programme["programme"]
    sessions = marts.for_programme("marts.session_metrics", name, "start, session_id")
    days = marts.for_programme("marts.visits_by_day", name, "day")
    scores = marts.for_programme("marts.rating_distribution", name, "question, score")
    weeks = marts.for_programme("marts.reach_by_week", name, "week_start")
    by_dimension = {}
    for group in groups or []:
        by_dimension.setdefault(group["dimension"], []).append(group)
    group_charts = {
        dimension: charts.group_participation(
            by_dimension[dimension], DIMENSIONS[dimension], programme["participation_pct"], f"chart-{dimension}"
        )
        for dimension in ("directorate", "grade")
        if dimension in by_dimension
    }
    changes = marts.for_programme("marts.changes_since_last", name)
    return dict(
        sessions=sessions,
        sessions_chart=charts.sessions(sessions or [], programme["fill_rate_pct"], "chart-sessions"),
        groups=groups,
        by_dimension=by_dimension,
        dimensions=DIMENSIONS,
        group_charts=group_charts,
        days=days,
        visits_chart=charts.visits_by_day(days or [], programme["programme_visits"], "chart-visits"),
        scores=scores,
        rating_chart=charts.score_spread(scores or [], "rating", programme["nps"], "chart-rating"),
        recommend_chart=charts.score_spread(scores or [], "recommend", programme["nps"], "chart-recommend"),
        weeks=weeks,
        weeks_chart=charts.reach_by_week(weeks or [], "chart-weeks"),
        cohorts=marts.for_programme("marts.cohort_summary", name, "cohort"),
        things=marts.for_programme("marts.ten_things", name, "rank"),
        changes={row["metric"]: row for row in changes or [] if row["previous_as_of"] is not None},
    )


def _unnamed_copies(files: list[dict] | None) -> list[dict] | None:
    """A copy's reason names the file read instead; the page says which by its hash, the copy's own, not its name."""
    if files is None:
        return None
    read = {file["sha256"] for file in files if file["status"] != "skipped"}
    return [
        file | {"reason": "the same content as the file of the same hash, which was read instead"}
        if file["status"] == "skipped" and file["sha256"] in read
        else file
        for file in files
    ]


def _data_quality(marts: Marts) -> dict:
    """The data-quality page's tables. Never text copied from an export (a quarantined record, a file name, a
    meeting title): the folder, a short hash of the file, the row and column, and the masked reason only."""
    summary = marts.rows("marts.data_quality_summary")
    return dict(
        summary=summary[0] if summary else None,
        files=_unnamed_copies(marts.rows("audit.files", order="status <> 'skipped', file")),
        reasons=marts.rows("marts.quarantine_reasons", order="records desc, source, reason"),
        no_attendance=marts.rows("marts.session_metrics", "not has_attendance_data", order="start, session_id"),
        # Session lines name meeting titles and person lines name people: only their counts are shown.
        session_corrections=marts.rows("audit.correction_suggestions", "kind = 'session'", order="records desc, value"),
        person_corrections=marts.rows("audit.correction_suggestions", "kind = 'person'", order="records desc, value"),
        checks=_checks(marts),
        coverage=marts.rows(
            "core.log_coverage",
            "programme in (select programme from marts.programme_sources where has_intranet_pages)",
            order="programme, day",
        )
        if "marts.programme_sources" in marts.tables
        else None,
    )


def _checks(marts: Marts) -> list[dict] | None:
    """audit.checks as passed / warning / failed, failures first. Not the examples of what failed: they quote
    file names and values from the exports (SPEC section 3, Publication); they stay in audit.checks."""
    rows = marts.rows("audit.checks")
    if rows is None:
        return None
    results = {"passed": "passed", "warned": "warning", "failed": "failed"}
    checks = []
    for row in rows:
        severity = str(row.get("severity") or "").lower()
        fallback = "passed" if row.get("passed") else "warning" if severity.startswith("warn") else "failed"
        result = results.get(str(row.get("outcome") or "").lower(), fallback)
        checks.append(
            dict(
                check=str(row.get("check_name") or ""),
                table=str(row.get("table_name") or ""),
                result=result,
                unexpected=row.get("unexpected_count"),
                description=str(row.get("description") or ""),
            )
        )
    order = {"failed": 0, "warning": 1, "passed": 2}
    return sorted(checks, key=lambda check: (order[check["result"]], check["table"], check["check"]))


def _reach_csv(groups: list[dict]) -> list[list]:
    """reach_by_group.csv's rows: the figures the mart suppressed as [c]."""
    rows = []
    for group in groups:
        headcount = display.SUPPRESSED if group["headcount_suppressed"] else group["headcount"]
        if group["suppressed"]:
            figures = [headcount, display.SUPPRESSED, display.SUPPRESSED]
        else:
            pct = group["participation_pct"]
            figures = [headcount, group["participants"], "" if display.missing(pct) else display.decimal1(pct)]
        rows.append([group["programme"], group["dimension"], group["group_name"], *figures])
    return rows


def _csv(path: Path, columns: list[str], rows: list[list]) -> Path:
    """A table as a CSV file that opens in Excel with its accents, every cell safe to open in a spreadsheet;
    a figure that is not known is an empty cell, never 0."""
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows([display.neutralise(cell) for cell in row] for row in rows)
    return path


def _csv_figure(value):
    """A figure as the CSV files write it: a rate or average to one decimal, like reach_by_group.csv."""
    if isinstance(value, float) and not display.missing(value):
        return display.decimal1(value).replace(",", "")
    return value


def _dashboard_csvs(folder: Path, dashboard: dict) -> list[Path]:
    """The dashboard's tables to download: sessions, visits by day and reach by week, where there are any."""
    tables = {
        "sessions.csv": (SESSION_COLUMNS, dashboard["sessions"]),
        "visits_by_day.csv": (DAY_COLUMNS, dashboard["days"]),
        "reach_by_week.csv": (WEEK_COLUMNS, dashboard["weeks"]),
    }
    return [
        _csv(folder / name, columns, [[_csv_figure(row[column]) for column in columns] for row in rows])
        for name, (columns, rows) in tables.items()
        if rows
    ]


def _page(path: Path, template: str, **context) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TEMPLATES.get_template(template).render(**context), encoding="utf-8")
    return path
