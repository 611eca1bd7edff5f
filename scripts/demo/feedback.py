"""Who answered which feedback form, and how."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from scripts.demo.council import LAW, LAW_NO_FILE
from scripts.demo.model import Appearance, Employee, Response, Session

FORM_OF = {
    "teams": "msforms",
    "teams_legacy": "msforms",
    "zoom": "surveymonkey",
    "zoom_plain": "surveymonkey",
    "zoom_unique": "surveymonkey",
}
COMMENTS = [
    "Really useful, thank you",
    "Good pace and plenty of examples",
    "I will use the GROW model with my team",
    "Would like a follow-up session",
    "Too short for the amount of content",
    "The breakout rooms worked well",
    "Slides were hard to read on a laptop",
    "Great facilitator",
    "More time for questions please",
    "I will book onto the longer course",
    "Useful tips I can use straight away",
    "",
    "",
    "",
    "",
    "Loved it – très bien!",
    "Could we have this at the depot next time?",
    "The room was too warm",
    "I learnt how to plan my week properly",
    "Very relevant to my role",
]
PRIVATE_COMMENTS = [
    "Please send the slides to {email}",
    "Happy to help next year, call me on 07700 900{n:03d}",
    "Contact me on {email} or 07700 900{n:03d} about the follow-up",
]
TOPICS = ["Resilience", "Budgeting", "Résumé writing", "Leadership", "Digital skills", "Wellbeing"]
LIKERT = {1: "Very poor", 2: "Poor", 3: "Average", 4: "Good", 5: "Excellent"}
MSFORMS_FIRST_EXPORT = datetime(2025, 6, 9, 9, 0)


def build_feedback(seed: int, sessions: list[Session], attendance: dict, unrecorded: dict) -> list[Response]:
    """About three in ten attendees answer their lab's form; NPS lands between +30 and +50."""
    rng = random.Random(f"{seed}:feedback")
    responses: list[Response] = []
    private = 0
    for session in sessions:
        if session.programme != LAW or not session.delivered:
            continue
        form = _form_for(session)
        people = came(attendance.get(session.session_id, {})) or unrecorded.get(session.session_id, [])
        for person in people:
            if rng.random() > 0.3:
                continue
            rating = rng.choices([5, 4, 3, 2, 1], weights=[45, 35, 13, 5, 2])[0]
            recommend = (
                rng.choices([10, 9, 8], weights=[55, 30, 15])[0]
                if rating == 5
                else rng.choices([9, 8, 7], weights=[30, 45, 25])[0]
                if rating == 4
                else rng.randint(5, 7)
                if rating == 3
                else rng.randint(0, 5)
            )
            comment = rng.choice(COMMENTS)
            if rng.random() < 0.04 and person is not None:
                comment = PRIVATE_COMMENTS[private % len(PRIVATE_COMMENTS)].format(email=person.email, n=private + 101)
                private += 1
            identified = person is not None and rng.random() < (0.7 if form == "msforms" else 0.5)
            if form == "msforms":
                email = person.email if identified else "anonymous"
            else:
                email = person.email if identified else ""
            started = session.end + timedelta(minutes=rng.randint(1, 30), seconds=rng.randint(0, 59))
            if rng.random() < 0.35:
                started += timedelta(days=rng.randint(1, 4), hours=rng.randint(-3, 3))
            responses.append(
                Response(
                    0,
                    form,
                    session,
                    person if identified else None,
                    email,
                    started,
                    started + timedelta(seconds=rng.randint(50, 400)),
                    rating,
                    recommend,
                    comment,
                    rng.sample(TOPICS, rng.randint(0, 2)),
                )
            )
    responses.sort(key=lambda r: (r.form, r.submitted))
    for number, response in enumerate(responses, start=1):
        response.response_id = number
    google = [r for r in responses if r.form == "google"]
    google[len(google) // 2].rating = 7  # an answer off the 1-5 scale
    _split_msforms_exports(responses)
    return responses


def _form_for(session: Session) -> str:
    if session.exports and session.exports[0] in FORM_OF:
        return FORM_OF[session.exports[0]]
    return "msforms" if session.session_id == LAW_NO_FILE else "google"


def came(exports: dict[str, list[Appearance]]) -> list[Employee]:
    seen: dict[str, Employee] = {}
    for apps in exports.values():
        for app in apps:
            if app.person is not None and (app.intervals or app.status_text in ("Checked In", "Present", None)):
                seen.setdefault(app.person.employee_id, app.person)
    return list(seen.values())


def _split_msforms_exports(responses: list[Response]):
    """The Microsoft Form was exported twice: an XLSX on 9 June, later a CSV that repeats its last row."""
    forms = [r for r in responses if r.form == "msforms"]
    first = [r for r in forms if r.submitted < MSFORMS_FIRST_EXPORT]
    for r in forms:
        r.exports = ("msforms_xlsx",) if r in first else ("msforms_csv",)
    first[-1].exports = ("msforms_xlsx", "msforms_csv")
    for number, r in enumerate(forms, start=1):
        r.response_id = number
