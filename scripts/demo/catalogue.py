"""The event catalogue kept by L&OD."""

from __future__ import annotations

from datetime import date, timedelta

from scripts.demo.council import (
    ALS,
    ALS_MEETINGS,
    ALS_PLAN,
    DC,
    DC_PATH,
    DC_PLAN,
    LAW,
    LAW_CANCELLED,
    LAW_PATH,
    LAW_PLAN,
)
from scripts.demo.model import Session, at


def build_catalogue(scale: int) -> list[Session]:
    sessions = []
    for sid, day, start, end, title, slug, location, audience, capacity, cost, topic, exports in LAW_PLAN:
        on = date(2025, 6, day)
        sessions.append(
            Session(
                sid,
                LAW,
                title,
                at(on, start),
                at(on, end),
                location,
                audience,
                capacity * scale,
                cost,
                f"{LAW_PATH}/{slug}",
                topic,
                status="cancelled" if sid == LAW_CANCELLED else "",
                exports=exports,
            )
        )
    number = 0
    for cohort, first, start, end, location, size in ALS_PLAN:
        for meeting in range(1, ALS_MEETINGS + 1):
            number += 1
            on = first + timedelta(weeks=2 * (meeting - 1))
            exports = ("signin_xlsx",) if (cohort, meeting) == ("Set 3", 2) else ("signin",)
            sessions.append(
                Session(
                    f"ALS-{number:02d}",
                    ALS,
                    f"Action learning set {cohort[-1]} - meeting {meeting}",
                    at(on, start),
                    at(on, end),
                    location,
                    "Managers",
                    size,
                    300,
                    "",
                    "Leadership & Management",
                    cohort=cohort,
                    exports=exports,
                )
            )
    for sid, on, start, end, title, location, capacity, status, exports in DC_PLAN:
        sessions.append(
            Session(
                sid,
                DC,
                title,
                at(on, start),
                at(on, end),
                location,
                "All staff",
                capacity * scale,
                0,
                DC_PATH,
                "Equality, Diversity & Inclusion",
                status=status,
                exports=exports,
            )
        )
    return sessions
