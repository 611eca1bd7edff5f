"""Google Forms: a quoted CSV whose timestamps carry "GMT+1"."""

from __future__ import annotations

from scripts.demo.files import csv_bytes
from scripts.demo.model import Response

HEADER = [
    "Timestamp",
    "Email address",
    "Which session did you attend?",
    "Overall, how would you rate the session?",
    "How likely are you to recommend this session to a colleague?",
    "What will you do differently?",
]


def google_forms_file(responses: list[Response]) -> dict[str, bytes]:
    rows = [HEADER]
    for r in (r for r in responses if r.form == "google"):
        m = r.submitted
        stamp = f"{m:%Y/%m/%d} {m.hour % 12 or 12}:{m:%M:%S} {'AM' if m.hour < 12 else 'PM'} GMT+1"
        rows.append([stamp, r.email, r.session.title, str(r.rating), str(r.recommend), r.comment])
    return {
        "feedback/LAW in-person sessions feedback (Responses) - Form responses 1.csv": csv_bytes(rows, quote_all=True)
    }
