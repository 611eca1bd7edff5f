"""Zoom participants reports: per join (with or without the meeting block) and unique users."""

from __future__ import annotations

import math
from datetime import datetime

from scripts.demo.files import csv_bytes, us_clock
from scripts.demo.model import Appearance


def zoom_minutes(a: datetime, b: datetime) -> int:
    return max(1, math.ceil((b - a).total_seconds() / 60))


def zoom_report(apps: list[Appearance], meeting: tuple[str, str, datetime, datetime, str] | None) -> bytes:
    """Zoom's participants report, one row per join, with or without the meeting block."""
    rows = []
    if meeting:
        meeting_id, topic, start, end, host = meeting
        people = len({(a.email or a.name).lower() for a in apps})
        rows += [
            ["Meeting ID", "Topic", "Start Time", "End Time", "User Email", "Duration (Minutes)", "Participants", ""],
            [
                meeting_id,
                topic,
                us_clock(start, pad=True),
                us_clock(end, pad=True),
                host,
                zoom_minutes(start, end),
                people,
                "",
            ],
            [],
        ]
    rows.append(
        [
            "Name (Original Name)",
            "User Email",
            "Join Time",
            "Leave Time",
            "Duration (Minutes)",
            "Guest",
            "Recording Consent",
        ]
    )
    joins = sorted(((app, n, a, b) for app in apps for n, (a, b) in enumerate(app.intervals)), key=lambda j: j[2])
    for app, number, a, b in joins:
        join = us_clock(a, pad=True)
        if app.broken_join == number:
            join = f"{a:%m}/31/{a:%Y}" + join[10:]  # 31 June: a date that does not exist
        guest = "Yes" if app.email is None else "No"
        rows.append(
            [
                app.name,
                app.email or "",
                join,
                us_clock(b, pad=True),
                zoom_minutes(a, b),
                guest,
                "" if app.email is None else "Y",
            ]
        )
    return csv_bytes(rows, newline="\r\n", bom=b"\xef\xbb\xbf")


def zoom_meeting_id(number: int) -> str:
    """Zoom shows meeting IDs in groups: 841 2290 6613."""
    digits = str(number)
    return f"{digits[:3]} {digits[3:7]} {digits[7:]}"


def zoom_unique_report(apps: list[Appearance]) -> bytes:
    rows = [["Name (Original Name)", "User Email", "Total Duration (Minutes)", "Guest"]]
    for app in apps:
        total = sum(zoom_minutes(a, b) for a, b in app.intervals)
        rows.append([app.name, app.email or "", total, "Yes" if app.email is None else "No"])
    return csv_bytes(rows, newline="\r\n", bom=b"\xef\xbb\xbf")
