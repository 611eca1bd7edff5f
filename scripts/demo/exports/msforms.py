"""Microsoft Forms: one form exported twice, a workbook on 9 June and later a Windows-1252 CSV."""

from __future__ import annotations

from scripts.demo.feedback import LIKERT, MSFORMS_FIRST_EXPORT
from scripts.demo.files import csv_bytes, xlsx_bytes
from scripts.demo.model import Response

HEADER = [
    "Id",
    "Start time",
    "Completion time",
    "Email",
    "Name",
    "Last modified time",
    "Which lab did you attend?",
    "Overall, how would you rate the lab?",
    "How likely are you to recommend this lab to a colleague?",
    "What is one thing you learnt?",
    "Which topics would you like next?",
]


def _stamp(moment) -> str:
    return f"{moment.month}/{moment.day}/{moment:%y} {moment:%H:%M:%S}"  # MS Forms' own US clock


def _row(r: Response) -> list:
    name = r.person.full_name if r.person else ""
    return [
        r.response_id,
        _stamp(r.started),
        _stamp(r.submitted),
        r.email,
        name,
        "",
        r.session.title,
        LIKERT[r.rating],
        r.recommend,
        r.comment,
        "".join(t + ";" for t in r.topics),
    ]


def msforms_files(responses: list[Response]) -> dict[str, bytes]:
    forms = [r for r in responses if r.form == "msforms"]
    first = [_row(r) for r in forms if "msforms_xlsx" in r.exports]
    later = [_row(r) for r in forms if "msforms_csv" in r.exports]
    return {
        f"feedback/Learning at Work Week lab feedback(1-{len(first)}).xlsx": xlsx_bytes(
            [HEADER] + first, MSFORMS_FIRST_EXPORT, "Sheet1"
        ),
        "feedback/LAW lab feedback 20-06-25.csv": csv_bytes([HEADER] + later, encoding="cp1252", newline="\r\n"),
    }
