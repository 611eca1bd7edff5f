"""The session catalogue and the officer's corrections file."""

from __future__ import annotations

from scripts.demo.files import csv_bytes
from scripts.demo.model import Model


def catalogue_file(model: Model) -> dict[str, bytes]:
    header = [
        "Session ID",
        "Programme",
        "Title",
        "Start",
        "End",
        "Location",
        "Format",
        "Audience",
        "Capacity",
        "Cost (GBP)",
        "Intranet Path",
        "Topic",
        "Cohort",
        "Status",
    ]
    rows = [header] + [
        [
            s.session_id,
            s.programme,
            s.title,
            f"{s.start:%Y-%m-%d %H:%M}",
            f"{s.end:%Y-%m-%d %H:%M}",
            s.location,
            "online" if s.online else "in person",
            s.audience,
            s.capacity,
            s.cost,
            s.intranet_path,
            s.topic,
            s.cohort,
            s.status,
        ]
        for s in model.sessions
    ]
    return {"sessions/sessions.csv": csv_bytes(rows)}


def corrections_file(model: Model) -> dict[str, bytes]:
    return {"corrections/corrections.csv": csv_bytes([["Kind", "Value", "Maps To"], *model.corrections])}
