"""SurveyMonkey: two header rows, one column per option of a multiple-choice question."""

from __future__ import annotations

from scripts.demo.files import csv_bytes, us_clock
from scripts.demo.model import Response

OPTIONS = ["Digital skills", "Wellbeing", "Leadership"]
HEADERS = [
    [
        "Respondent ID",
        "Collector ID",
        "Start Date",
        "End Date",
        "IP Address",
        "Email Address",
        "First Name",
        "Last Name",
        "Custom Data 1",
        "Which event did you attend?",
        "How would you rate the event overall?",
        "How likely is it that you would recommend this event to a friend or colleague?",
        "Which topics would you like more of?",
        "",
        "",
        "Any other comments?",
    ],
    ["", "", "", "", "", "", "", "", "", "Response", "Response", "Response", *OPTIONS, "Open-Ended Response"],
]


def surveymonkey_file(responses: list[Response]) -> dict[str, bytes]:
    rows = list(HEADERS)
    for r in (r for r in responses if r.form == "surveymonkey"):
        person = r.person
        rows.append(
            [
                114270371700 + r.response_id * 13,
                431829562,
                us_clock(r.started, pad=True),
                us_clock(r.submitted, pad=True),
                f"10.20.{r.response_id % 60}.{r.response_id % 250 + 2}",
                r.email,
                person.first_name if person else "",
                person.last_name if person else "",
                "",
                r.session.title,
                r.rating,
                r.recommend,
                *[o if o in r.topics else "" for o in OPTIONS],
                r.comment,
            ]
        )
    return {"feedback/Learning at Work Week - Zoom labs.csv": csv_bytes(rows, newline="\r\n")}
