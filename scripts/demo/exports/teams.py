"""Microsoft Teams attendance reports: the 3-section report and the older join/leave report."""

from __future__ import annotations

from datetime import datetime

from scripts.demo.files import teams_duration, us_clock, utf16_lines
from scripts.demo.model import Appearance


def _teams_stamp(moment: datetime) -> str:
    return f"{moment:%d/%m/%y}, {moment:%H:%M:%S}"


def teams_report(title: str, apps: list[Appearance]) -> bytes:
    """The 3-section Teams attendance report: summary, one row per person, one row per join."""
    joins = [(app, a, b) for app in apps for a, b in app.intervals]
    start, end = min(a for _, a, _ in joins), max(b for _, _, b in joins)
    totals = {id(app): sum((b - a).total_seconds() for a, b in app.intervals) for app in apps}
    lines = [
        "1. Summary",
        f"Meeting title\t{title}",
        f"Attended participants\t{len(apps)}",
        f"Start time\t{_teams_stamp(start)}",
        f"End time\t{_teams_stamp(end)}",
        f"Meeting duration\t{teams_duration((end - start).total_seconds())}",
        f"Average attendance time\t{teams_duration(sum(totals.values()) / len(apps))}",
        "",
        "2. Participants",
        "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole",
    ]
    for app in apps:
        lines.append(
            "\t".join(
                [
                    app.name,
                    _teams_stamp(app.intervals[0][0]),
                    _teams_stamp(app.intervals[-1][1]),
                    teams_duration(totals[id(app)]),
                    app.email or "",
                    app.upn or "",
                    app.role,
                ]
            )
        )
    lines += ["", "3. In-Meeting Activities", "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole"]
    for app, a, b in sorted(joins, key=lambda j: j[1]):
        lines.append(
            "\t".join(
                [
                    app.name,
                    _teams_stamp(a),
                    _teams_stamp(b),
                    teams_duration((b - a).total_seconds()),
                    app.email or "",
                    app.role,
                ]
            )
        )
    return utf16_lines(lines, "\r\n")


def teams_legacy_report(apps: list[Appearance]) -> bytes:
    """The older Teams report: no title, one row per join or leave, US dates; an open last join."""
    events = []
    for app in apps:
        for number, (a, b) in enumerate(app.intervals):
            action = "Joined before" if app.role == "Organiser" and number == 0 else "Joined"
            events.append((a, app.name, action))
            if not (app.open_ended and number == len(app.intervals) - 1):
                events.append((b, app.name, "Left"))
    events.sort(key=lambda e: e[0])
    lines = ["Full Name\tUser Action\tTimestamp"] + [
        f"{name}\t{action}\t{us_clock(moment)}" for moment, name, action in events
    ]
    return utf16_lines(lines, "\n")
