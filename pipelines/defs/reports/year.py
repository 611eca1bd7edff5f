"""The year in learning (SPEC section 5): a page per reporting period, its equality CSV and its ten things.

Pages read the period marts (defs/periods) and compute nothing: the changes, the intervals, the findings
and the suppressed flags are all there. This module only words them and lays them out.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import plotly.graph_objects as go

from pipelines.defs.reports import display
from pipelines.defs.reports.charts import BLUE, DARK_BLUE, GREY, Chart, chart_text, count_axis, render

EQUALITY_DIMENSIONS = {
    "sex": "sex",
    "age_band": "age band",
    "ethnicity": "ethnicity",
    "disability": "disability",
    "sexual_orientation": "sexual orientation",
    "manager": "manager or not",
}
REACH_DIMENSIONS = {"directorate": "directorate", "grade": "grade"}
ALL_DIMENSIONS = {**REACH_DIMENSIONS, "location": "location", **EQUALITY_DIMENSIONS}
EQUALITY_CSV_COLUMNS = [
    "period",
    "dimension",
    "group",
    "headcount",
    "workforce_share_pct",
    "participants",
    "participant_share_pct",
    "participation_pct",
    "representation_ratio",
    "ci_low_pct",
    "ci_high_pct",
    "finding",
]
# Headline figures: (column, label, how the value is written, how its change is written).
HEADLINES = [
    ("participants", "Employees who took part", display.count, "people"),
    ("participation_pct", "Workforce participation", display.pct, "points"),
    ("engaged_pct", "Got involved in some way", display.pct, "points"),
    ("attendances", "Attendances", display.count, "count"),
    ("learning_hours_per_employee", "Learning hours per employee", display.decimal1, "hours"),
    ("sessions_delivered", "Sessions delivered", display.count, "count"),
]


def slug(period: str) -> str:
    """The folder of a period's pages: '2025/26' -> '2025-26'."""
    return period.replace("/", "-")


def build_year_pages(marts, out: Path, page: Callable[..., Path], common: dict) -> list[Path]:
    """Every period's page, ten things and equality CSV; nothing when the period marts are not there."""
    periods = marts.rows("marts.period_reach", order="period_start")
    written = []
    for period in periods or []:
        name, folder = period["period"], out / slug(period["period"])
        equality = marts.rows("marts.equality_monitoring", "period = ?", [name]) or []
        months = marts.rows("marts.period_monthly", "period = ?", [name], "month") or []
        context = dict(root="../", period=period, **common)
        written.append(
            page(
                folder / "index.html",
                "year.html",
                **context,
                headlines=headlines(period),
                months=months,
                monthly_chart=monthly_chart(months, period),
                programmes=marts.rows("marts.period_programmes", "period = ?", [name], "programme") or [],
                reach=_by_dimension(equality, REACH_DIMENSIONS),
                equality=_by_dimension(equality, EQUALITY_DIMENSIONS),
                reach_dimensions=REACH_DIMENSIONS,
                equality_dimensions=EQUALITY_DIMENSIONS,
                findings=findings(equality, period),
            )
        )
        written.append(
            page(
                folder / "ten-things.html",
                "year_ten_things.html",
                **context,
                things=marts.rows("marts.period_ten_things", "period = ?", [name], "rank"),
            )
        )
        written.append(equality_csv(folder / "equality.csv", equality))
    return written


def current_period(marts) -> dict | None:
    """The current period's row of marts.period_reach, for the front page; None without the period marts."""
    rows = marts.rows("marts.period_reach", "is_current")
    return dict(rows[0], slug=slug(rows[0]["period"]), headlines=headlines(rows[0])) if rows else None


def directorate_period(marts, directorate: str) -> dict | None:
    """A directorate page's lead and closing sections: its reach in the current period next to the
    organisation's, its rank among the directorates shown, and its cumulative reach month by month."""
    current = marts.rows("marts.period_reach", "is_current")
    if not current:
        return None
    period = dict(current[0], slug=slug(current[0]["period"]))
    reach = marts.rows("marts.period_directorates", "period = ? and directorate = ?", [period["period"], directorate])
    months = (
        marts.rows(
            "marts.period_directorate_monthly",
            "period = ? and directorate = ?",
            [period["period"], directorate],
            "month",
        )
        or []
    )
    return dict(
        period=period,
        reach=reach[0] if reach else None,
        months=months,
        chart=directorate_months_chart(months, directorate),
    )


def directorate_months_chart(months: list[dict], directorate: str) -> Chart:
    """A directorate's cumulative participation % month by month against the organisation's; hidden months marked."""
    if not months:
        return Chart("", "")
    labels = [f"{row['month']:%b %Y}" for row in months]
    figure = go.Figure()
    shown = [None if row["suppressed"] else row["cumulative_participation_pct"] for row in months]
    figure.add_scatter(
        x=labels, y=shown, name=chart_text(directorate), mode="lines+markers", line=dict(color=BLUE, width=3)
    )
    figure.add_scatter(
        x=labels,
        y=[row["organisation_cumulative_participation_pct"] for row in months],
        name="Whole organisation",
        mode="lines+markers",
        line=dict(color=GREY, width=3, dash="dash"),
    )
    figure.update_yaxes(title_text="Took part so far (%)", ticksuffix="%", rangemode="tozero")
    figure.update_xaxes(title_text="Month", type="category")
    last = months[-1]
    shown = display.SUPPRESSED if last["suppressed"] else display.pct(last["cumulative_participation_pct"])
    hidden = sum(1 for row in months if row["suppressed"])
    summary = (
        f"By the end of {last['month']:%B %Y}, {shown} of {directorate} had taken part, against "
        f"{display.pct(last['organisation_cumulative_participation_pct'])} of the whole organisation."
        + (
            f" {hidden} of the {len(months)} months are too small to show ({display.SUPPRESSED}) and are left"
            " off the line."
            if hidden
            else ""
        )
    )
    return Chart(render(figure, "chart-directorate-months", 340), summary)


def headlines(period: dict) -> list[dict]:
    """Each headline figure with its change on the same point last year, in words ("no comparison" without one)."""
    against = "the same point last year" if period["is_current"] else "the year before"
    out = []
    for column, label, written, unit in HEADLINES:
        change = period.get(f"change_{column}")
        out.append(
            dict(
                label=label,
                value=written(period[column]),
                change=_change(change, unit, against) if f"prev_{column}" in period else None,
            )
        )
    return out


def _change(change, unit: str, against: str) -> str:
    if display.missing(change):
        return "no comparison"
    size = display.decimal1(abs(change)) if unit == "hours" else display.whole(abs(change))
    if float(size) == 0:
        return f"the same as {against}"
    words = {"points": ("point", "points"), "people": ("person", "people"), "hours": ("hours", "hours")}.get(unit)
    amount = f"{size:,}" if isinstance(size, int) else size
    if words:
        amount += " " + (words[0] if float(size) == 1 else words[1])
    return f"{'up' if change > 0 else 'down'} {amount} on {against}"


def _by_dimension(rows: list[dict], dimensions: dict) -> dict[str, list[dict]]:
    grouped = {dimension: [] for dimension in dimensions}
    for row in rows:
        if row["dimension"] in grouped:
            grouped[row["dimension"]].append(row)
    return {dimension: groups for dimension, groups in grouped.items() if groups}


def findings(rows: list[dict], period: dict) -> list[str]:
    """The groups whose interval lies wholly under or over the period's participation %, in words; only
    groups large enough to show."""
    sentences = []
    for row in rows:
        if row["suppressed"] or row["finding"] == "in line":
            continue
        label = ALL_DIMENSIONS.get(row["dimension"], row["dimension"])
        sentences.append(
            f"{row['group_name']} ({label}): {display.pct(row['participation_pct'])} took part, {row['finding']} than "
            f"the {display.pct(period['participation_pct'])} of the whole workforce (95% interval "
            f"{display.pct(row['ci_low_pct'])} to {display.pct(row['ci_high_pct'])})"
        )
    return sentences


def monthly_chart(months: list[dict], period: dict) -> Chart:
    """New participants each month, and everyone so far."""
    if not months:
        return Chart("", "")
    last = months[-1]
    summary = (
        f"By the end of {last['month']:%B %Y}, {display.count(last['cumulative_participants'])} employees had "
        f"taken part, {display.pct(last['cumulative_participation_pct'])} of the workforce."
    )
    labels = [f"{row['month']:%b %Y}" for row in months]
    figure = go.Figure()
    figure.add_bar(
        x=labels,
        y=[row["new_participants"] for row in months],
        name="New participants that month",
        marker_color="#5694ca",
    )
    figure.add_scatter(
        x=labels,
        y=[row["cumulative_participants"] for row in months],
        name="Participants so far",
        mode="lines+markers",
        line=dict(color=DARK_BLUE, width=3),
        marker_color=BLUE,
    )
    count_axis(figure, [row["cumulative_participants"] for row in months], "Employees")
    figure.update_xaxes(title_text="Month", type="category")
    return Chart(render(figure, f"chart-months-{slug(period['period'])}", 360), summary)


def equality_csv(path: Path, rows: list[dict]) -> Path:
    """equality.csv for the PSED report: hidden figures as [c], every cell safe to open in a spreadsheet."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(EQUALITY_CSV_COLUMNS)
        for row in rows:
            sizes = (
                [display.SUPPRESSED] * 2
                if row["headcount_suppressed"]
                else [row["headcount"], _decimal(row["workforce_share_pct"])]
            )
            shares = (
                [display.SUPPRESSED] * 7
                if row["suppressed"]
                else [
                    row["participants"],
                    _decimal(row["participant_share_pct"]),
                    _decimal(row["participation_pct"]),
                    "" if display.missing(row["representation_ratio"]) else f"{row['representation_ratio']:.2f}",
                    _decimal(row["ci_low_pct"]),
                    _decimal(row["ci_high_pct"]),
                    row["finding"],
                ]
            )
            writer.writerow(
                [
                    display.neutralise(cell)
                    for cell in [row["period"], row["dimension"], row["group_name"], *sizes, *shares]
                ]
            )
    return path


def _decimal(value) -> str:
    return "" if display.missing(value) else display.decimal1(value)
