"""Every attendance file: each session's exports rendered in their formats."""

from __future__ import annotations

import random
from datetime import timedelta

from scripts.demo.council import ALS, LAW_RENAMED, PNG_1X1
from scripts.demo.exports.eventbrite import eventbrite_report
from scripts.demo.exports.signin import signin_rows
from scripts.demo.exports.teams import teams_legacy_report, teams_report
from scripts.demo.exports.zoom import zoom_meeting_id, zoom_report, zoom_unique_report
from scripts.demo.files import csv_bytes, safe_filename, xlsx_bytes
from scripts.demo.model import Model


def attendance_files(model: Model) -> dict[str, bytes]:
    rng = random.Random(f"{model.seed}:files")
    files: dict[str, bytes] = {}
    zoom_numbers = iter(range(84122906613, 89999999999, 7_302_113))
    for session in model.sessions:
        exports = model.attendance.get(session.session_id)
        if not exports:
            continue
        sid, day = session.session_id, session.start
        for kind, apps in exports.items():
            if kind == "teams":
                title = LAW_RENAMED[1] if sid == LAW_RENAMED[0] else session.title
                name = f"attendance/{safe_filename(title)} - Attendance report {day:%d-%m-%y}.csv"
                files[name] = teams_report(title, apps)
            elif kind == "teams_legacy":
                files[f"attendance/{sid}/attendance.csv"] = teams_legacy_report(apps)
            elif kind in ("zoom", "zoom_plain"):
                zoom_number, meeting = next(zoom_numbers), None
                if kind == "zoom":
                    meeting = (
                        zoom_meeting_id(zoom_number),
                        session.title,
                        min(a for app in apps for a, _ in app.intervals),
                        max(b for app in apps for _, b in app.intervals),
                        model.lod_team[2].email,
                    )
                folder = "" if kind == "zoom" else f"{sid}/"
                files[f"attendance/{folder}participants_{zoom_number}.csv"] = zoom_report(apps, meeting)
            elif kind == "zoom_unique":
                files[f"attendance/{sid}/report-123.csv"] = zoom_unique_report(apps)
            elif kind == "eventbrite_uk":
                files[f"attendance/report-{day:%Y-%m-%d}T{(day - timedelta(hours=2)):%H%M}.csv"] = eventbrite_report(
                    session, apps, False, rng
                )
            elif kind == "eventbrite_us":
                files[f"attendance/{sid}/Attendees.csv"] = eventbrite_report(session, apps, True, rng)
            else:
                label = (
                    f"ALS {session.cohort} - meeting {session.title.rsplit(' ', 1)[1]} - sign in"
                    if session.programme == ALS
                    else f"{session.title} sign-in sheet"
                )
                rows = signin_rows(session, apps, with_name=session.programme != ALS)
                if kind == "signin_xlsx":
                    files[f"attendance/{safe_filename(label)}.xlsx"] = xlsx_bytes(
                        rows, session.end + timedelta(hours=1)
                    )
                else:
                    files[f"attendance/{safe_filename(label)}.csv"] = csv_bytes(rows, encoding="cp1252", newline="\r\n")
    title, start, apps, host = model.stray_meeting
    zoom_number = next(zoom_numbers)
    meeting = (zoom_meeting_id(zoom_number), title, start, start + timedelta(minutes=31), host)
    files[f"attendance/participants_{zoom_number}.csv"] = zoom_report(apps, meeting)
    files["attendance/notes.png"] = PNG_1X1
    return files
