"""The dashboards' charts: plotly figures of mart rows, each with a sentence that says what it shows.

A chart is decoration over a table: the page always prints the same rows as a table, and the
sentence (`Chart.summary`) carries the point for a screen reader or a page without JavaScript.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import plotly.graph_objects as go
import plotly.io as pio

from pipelines.defs.reports import display

BLUE, DARK_BLUE, GREY, LIGHT_GREY, GREEN, RED, BLACK = (
    "#1d70b8",
    "#003078",
    "#505a5f",
    "#b1b4b6",
    "#00703c",
    "#d4351c",
    "#0b0c0c",
)
NPS_COLOURS = {"detractor": RED, "passive": GREY, "promoter": GREEN}
ROW_HEIGHT = 30  # of a bar's row
TWO_LINES_HEIGHT = 40  # of a row whose label takes two lines
LINE = 16  # characters: a longer label takes two lines


@dataclass(frozen=True)
class Chart:
    html: str  # the chart's place and its figure as JSON; empty when there is nothing to draw
    summary: str


def chart_text(text) -> str:
    """Text for a chart, where plotly would read <b>, <a href> and the like as markup: escaped."""
    return html.escape(str(text), quote=False)


def _short_labels(texts: list[str], width: int = 34) -> list[str]:
    """Axis labels short enough to leave room for the bars on a phone, and distinct (plotly merges equal ones).

    A label over LINE characters takes two lines: on one, it left the bars and the axis title too little of a
    screen 320 px wide (the width WCAG's reflow asks pages to work at) and was cut off."""
    labels, seen = [], set()
    for text in texts:
        # Cut in the middle: titles that differ only at the end ("... meeting 2") stay apart.
        head = (width - 1) // 2
        cut = text[:head].rstrip() + "…" + text[-(width - 1 - head) :].lstrip()
        base = label = text if len(text) <= width else cut
        number = 2
        while label in seen:
            label, number = f"{base} ({number})", number + 1
        seen.add(label)
        labels.append("<br>".join(chart_text(line) for line in _two_lines(label)))
    return labels


def _rows_height(labels: list[str], bars: int = 1) -> int:
    """The height the rows of a bar chart need: `bars` bars a label, and room for labels on two lines."""
    row = ROW_HEIGHT * bars
    if any("<br>" in label for label in labels):
        row = max(row, TWO_LINES_HEIGHT)
    return row * len(labels)


def _two_lines(label: str) -> list[str]:
    """The label, broken at the space nearest its middle when it is longer than LINE characters."""
    spaces = [position for position, character in enumerate(label) if character == " "]
    if len(label) <= LINE or not spaces:
        return [label]
    middle = min(spaces, key=lambda position: abs(position - len(label) / 2))
    return [label[:middle], label[middle + 1 :]]


def render(figure: go.Figure, div_id: str, height: int) -> str:
    """The chart's place on the page: a one-line note (what a page saved on its own, or read without JavaScript,
    shows) and the figure as JSON, drawn by the page's loader once plotly.js has loaded after the text."""
    figure.update_layout(
        template="simple_white",
        height=height,
        font=dict(family="Arial, Helvetica, sans-serif", size=14, color=BLACK),
        margin=dict(l=10, r=20, t=40, b=40),
        separators=".,",
        hoverlabel=dict(font_size=14),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0),
    )
    data = pio.to_json(figure, validate=False).replace("</", "<\\/")
    return (
        f'<div class="chart-plot" id="{div_id}" data-figure="{div_id}-figure" aria-hidden="true">'
        '<p class="chart-note">The chart is not drawn here: the table has its figures.</p></div>\n'
        f'<script type="application/json" id="{div_id}-figure">{data}</script>'
    )


def _shown_pct(group: dict) -> str:
    """A bar's label: its participation %, or [c] where the mart hides it."""
    return display.SUPPRESSED if group["suppressed"] else display.pct(group["participation_pct"])


def _percent_axis(figure: go.Figure, values) -> None:
    """A participation axis with room after the longest bar for its label ("19%"), so that none is cut off."""
    largest = max([value for value in values if not display.missing(value)] or [0])
    figure.update_xaxes(title_text="Participation (%)", ticksuffix="%", range=[0, max(10, 1.3 * largest)])


def count_axis(figure: go.Figure, values, title: str, axis: str = "y") -> None:
    """A whole-number axis: no 0.5 of a person between ticks when the counts are small."""
    largest = max([value for value in values if not display.missing(value)] or [0])
    settings = dict(title_text=title, rangemode="tozero", tickformat=",d")
    if largest <= 10:
        settings["dtick"] = 1
    (figure.update_yaxes if axis == "y" else figure.update_xaxes)(**settings)


def group_participation(groups: list[dict], label: str, organisation_pct, div_id: str) -> Chart:
    """Participation % of each group of one breakdown, against the whole organisation's. A hidden group keeps
    its bar's place, marked [c]; the highest and lowest named are those the mart flags among the shown groups."""
    shown = [group for group in groups if not group["suppressed"]]
    hidden = len(groups) - len(shown)
    note = f" {hidden} {'group is' if hidden == 1 else 'groups are'} too small to show ([c])." if hidden else ""
    organisation = f"Across the whole organisation: {display.pct(organisation_pct)}."
    if not shown:
        return Chart("", f"Every {label} group is too small to show.{note} {organisation}")
    highest = next(group for group in shown if group["highest_shown"])
    lowest = next(group for group in shown if group["lowest_shown"])
    among = "Of the groups large enough to show, highest" if hidden else "Highest"
    summary = f"{among} participation: {highest['group_name']} ({display.pct(highest['participation_pct'])})."
    if lowest is not highest:
        summary += f" Lowest: {lowest['group_name']} ({display.pct(lowest['participation_pct'])})."
    labels = _short_labels([str(group["group_name"]) for group in groups])
    figure = go.Figure(
        go.Bar(
            x=[0 if group["suppressed"] else group["participation_pct"] for group in groups],
            y=labels,
            orientation="h",
            marker_color=BLUE,
            text=[_shown_pct(group) for group in groups],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{text} took part<extra></extra>",
        )
    )
    if not display.missing(organisation_pct):
        figure.add_vline(
            x=organisation_pct,
            line_dash="dash",
            line_color=BLACK,
            line_width=2,
            opacity=1,
            layer="above",
            annotation_text=f"Organisation {display.pct(organisation_pct)}",
            annotation_position="top",
        )
    _percent_axis(figure, [group["participation_pct"] for group in shown] + [organisation_pct])
    figure.update_yaxes(autorange="reversed", automargin=True)
    return Chart(render(figure, div_id, 120 + _rows_height(labels)), f"{summary} {organisation}{note}")


def sessions(rows: list[dict], fill_rate_pct, div_id: str) -> Chart:
    """Attendances of each delivered session against its capacity, in date order."""
    if not rows:
        return Chart("", "No session had been delivered.")
    labels = _short_labels(
        [row["title"] if row["has_attendance_data"] else f"{row['title']} (no data)" for row in rows], 36
    )
    summary = f"{display.plural(len(rows), 'session', 'sessions')} delivered."
    busiest = next((row for row in rows if row["busiest"]), None)
    quietest = next((row for row in rows if row["quietest"]), None)
    if busiest:
        summary += (
            f" Busiest: {busiest['title']} on {display.day(busiest['start'])} with "
            f"{display.plural(busiest['attendances'], 'attendance', 'attendances')}."
        )
    if quietest and quietest is not busiest:
        summary += f" Quietest: {quietest['title']} with {display.count(quietest['attendances'])}."
    if not display.missing(fill_rate_pct):
        summary += f" Together the sessions with a capacity and attendance data were {display.pct(fill_rate_pct)} full."
    missing = [row for row in rows if not row["has_attendance_data"]]
    if missing:
        names = ", ".join(row["title"] for row in missing)
        summary += (
            f" No attendance file was found for {names}, so {'it shows' if len(missing) == 1 else 'they show'} no one."
        )
    figure = go.Figure()
    figure.add_bar(
        x=[None if display.missing(row["capacity"]) else row["capacity"] for row in rows],
        y=labels,
        orientation="h",
        name="Capacity",
        marker_color="#dbe0e3",
        hovertemplate="%{y}: capacity %{x}<extra></extra>",
    )
    figure.add_bar(
        x=[row["attendances"] for row in rows],
        y=labels,
        orientation="h",
        name="Attendances",
        marker_color=BLUE,
        width=0.5,
        customdata=[
            [chart_text(row["title"]), display.session_time(row["start"]), display.pct(row["fill_rate_pct"])]
            for row in rows
        ],
        hovertemplate="%{customdata[0]}, %{customdata[1]}: %{x} attendances (%{customdata[2]} full)<extra></extra>",
    )
    figure.update_layout(barmode="overlay")
    count_axis(figure, [row["attendances"] for row in rows] + [row["capacity"] for row in rows], "People", "x")
    figure.update_yaxes(autorange="reversed", automargin=True)
    return Chart(render(figure, div_id, 140 + _rows_height(labels)), summary)


def visits_by_day(days: list[dict], programme_visits, div_id: str) -> Chart:
    """Programme visits per day of the window; the days with a session stand out."""
    if not days:
        return Chart("", "No intranet logs cover this programme's window.")
    period = f"from {display.day(days[0]['day'])} to {display.day(days[-1]['day'])}"
    busiest = max(days, key=lambda row: row["programme_visits"])
    if not busiest["programme_visits"]:
        return Chart("", f"No visit to the programme's intranet pages was recorded {period}.")
    summary = (
        f"{display.plural(programme_visits, 'visit', 'visits')} to the programme's intranet pages {period}. "
        f"Busiest day: {display.day(busiest['day'])} with "
        f"{display.plural(busiest['programme_visits'], 'visit', 'visits')}."
    )
    figure = go.Figure(
        go.Bar(
            x=[row["day"] for row in days],
            y=[row["programme_visits"] for row in days],
            marker_color=[DARK_BLUE if row["sessions_delivered"] else "#5694ca" for row in days],
            customdata=[row["sessions_delivered"] for row in days],
            hovertemplate="%{x|%a %-d %B}: %{y} visits, %{customdata} sessions<extra></extra>",
        )
    )
    figure.update_xaxes(tickformat="%-d %B", title_text="Day (dark: a session)")
    count_axis(figure, [row["programme_visits"] for row in days], "Visits")
    return Chart(render(figure, div_id, 340), summary)


def score_spread(scores: list[dict], question: str, nps, div_id: str) -> Chart:
    """How many responses gave each score of one question's scale."""
    answered = [row for row in scores if row["question"] == question]
    if not answered:
        return Chart("", "No response answered this question.")
    colours = [NPS_COLOURS.get(row["nps_group"], BLUE) for row in answered]
    figure = go.Figure(
        go.Bar(
            x=[str(row["score"]) for row in answered],
            y=[row["responses"] for row in answered],
            marker_color=colours,
            text=[display.count(row["responses"]) for row in answered],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="Score %{x}: %{y} responses<extra></extra>",
        )
    )
    most = max(answered, key=lambda row: row["responses"])
    summary = f"The most given score was {most['score']} ({display.pct1(most['share_pct'])} of answers)."
    if question == "recommend":
        share = {row["nps_group"]: row["nps_group_share_pct"] for row in answered}
        summary += (
            f" {display.pct1(share['promoter'])} would recommend it (9 or 10), {display.pct1(share['passive'])} were "
            f"neutral (7 or 8) and {display.pct1(share['detractor'])} would not (0 to 6): Net Promoter Score "
            f"{display.pct1(share['promoter'])} \u2212 {display.pct1(share['detractor'])} = {display.nps(nps)}."
        )
        summary += " Red bars: 0 to 6; grey: 7 and 8; green: 9 and 10."
        title = "Score, 0 to 10"
    else:
        title = "Rating, 1 to 5 (5: excellent)"
    figure.update_xaxes(title_text=title, type="category")
    count_axis(figure, [row["responses"] for row in answered], "Responses")
    return Chart(render(figure, div_id, 320), summary)


def reach_by_week(weeks: list[dict], div_id: str) -> Chart:
    """Participants week by week: new each week, and everyone so far."""
    if not weeks:
        return Chart("", "")
    last = weeks[-1]
    summary = (
        f"By the end of week {last['week_number']} (beginning {display.day(last['week_start'])}), "
        f"{display.count(last['cumulative_participants'])} employees had taken part, "
        f"{display.pct(last['cumulative_participation_pct'])} of the headcount."
    )
    labels = [f"{row['week_start'].day} {row['week_start']:%B}" for row in weeks]
    figure = go.Figure()
    figure.add_bar(
        x=labels,
        y=[row["new_participants"] for row in weeks],
        name="New participants that week",
        marker_color="#5694ca",
    )
    figure.add_scatter(
        x=labels,
        y=[row["cumulative_participants"] for row in weeks],
        name="Participants so far",
        mode="lines+markers+text",
        text=[display.count(row["cumulative_participants"]) if row is last else "" for row in weeks],
        textposition="top left",
        line=dict(color=DARK_BLUE, width=3),
        cliponaxis=False,
    )
    count_axis(figure, [row["cumulative_participants"] for row in weeks], "Employees")
    figure.update_yaxes(range=[0, 1.15 * max(1, last["cumulative_participants"])])
    figure.update_xaxes(title_text="Week beginning", type="category")
    return Chart(render(figure, div_id, 360), summary)


def directorate_against_organisation(rows: list[dict], directorate: str, div_id: str) -> Chart:
    """A directorate's participation % in each programme next to the organisation's; where the directorate's
    figures are hidden its bar is marked [c]."""
    shown = [row for row in rows if not row["suppressed"]]
    if not shown:
        return Chart("", f"{directorate}'s numbers are too small to show for every programme ([c]).")
    programmes = _short_labels([str(row["programme"]) for row in rows])
    figure = go.Figure()
    figure.add_bar(
        y=programmes,
        x=[0 if row["suppressed"] else row["participation_pct"] for row in rows],
        name=chart_text(directorate),
        orientation="h",
        marker_color=BLUE,
        textposition="outside",
        cliponaxis=False,
        text=[_shown_pct(row) for row in rows],
    )
    figure.add_bar(
        y=programmes,
        x=[row["organisation_participation_pct"] for row in rows],
        name="Whole organisation",
        orientation="h",
        marker_color=GREY,
        textposition="outside",
        cliponaxis=False,
        text=[display.pct(row["organisation_participation_pct"]) for row in rows],
    )
    figure.update_layout(barmode="group")
    _percent_axis(
        figure, [row["participation_pct"] for row in shown] + [row["organisation_participation_pct"] for row in rows]
    )
    figure.update_yaxes(autorange="reversed", automargin=True)
    sentences = [
        f"{row['programme']}: {display.pct(row['participation_pct'])} of {directorate} took part, "
        f"against {display.pct(row['organisation_participation_pct'])} across the organisation."
        for row in shown
    ]
    hidden = len(rows) - len(shown)
    if hidden:
        programmes_hidden = display.plural(hidden, "programme", "programmes")
        sentences.append(f"For {programmes_hidden} {directorate}'s numbers are too small to show ([c]).")
    return Chart(render(figure, div_id, 140 + _rows_height(programmes, bars=2)), " ".join(sentences))
