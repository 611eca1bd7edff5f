"""Eventbrite attendee exports, US and UK headers."""

from __future__ import annotations

import random
from datetime import timedelta

from scripts.demo.files import csv_bytes
from scripts.demo.model import Appearance, Session


def eventbrite_report(session: Session, apps: list[Appearance], us: bool, rng: random.Random) -> bytes:
    if us:
        header = [
            "Order #",
            "Order Date",
            "First Name",
            "Last Name",
            "Email",
            "Quantity",
            "Price Tier",
            "Ticket Type",
            "Attendee #",
            "Group",
            "Order Type",
            "Currency",
            "Total Paid",
            "Fees Paid",
            "Eventbrite Fees",
            "Eventbrite Payment Processing",
            "Attendee Status",
            "Job Title",
            "Company",
        ]
    else:
        header = [
            "Order no.",
            "Order Date",
            "First Name",
            "Surname",
            "Email",
            "Quantity",
            "Price Tier",
            "Ticket Type",
            "Attendee no.",
            "Group",
            "Order Type",
            "Currency",
            "Total Paid",
            "Fees Paid",
            "Eventbrite Fees",
            "Eventbrite Payment Processing",
            "Attendee Status",
            "Event Name",
            "Event ID",
            "Job Title",
        ]
    event_id = 700000000000 + int(session.session_id[-2:]) * 7919
    booked = session.start - timedelta(days=21)
    rows = [header]
    for number, app in enumerate(apps, start=1):
        first, _, last = app.name.partition(" ")
        if app.person is not None:
            first, last = app.person.first_name, app.person.last_name
        ordered = booked + timedelta(minutes=rng.randint(0, 20 * 24 * 60), seconds=rng.randint(0, 59))
        order = 6100000000 + event_id % 100000 * 100 + number
        attendee = 8100000000 + event_id % 100000 * 100 + number
        company = "Example Council" if app.person is not None else "Partner organisation"
        if us:
            when = f"{ordered.month}/{ordered.day}/{ordered:%y} {ordered:%H:%M}"
            rows.append(
                [
                    order,
                    when,
                    first,
                    last,
                    app.email,
                    1,
                    "",
                    "General Admission",
                    attendee,
                    "",
                    "Free Order",
                    "GBP",
                    0,
                    0,
                    0,
                    0,
                    app.status_text,
                    app.job_title,
                    company,
                ]
            )
        else:
            when = f"{ordered:%Y-%m-%d %H:%M:%S}+01:00"
            rows.append(
                [
                    order,
                    when,
                    first,
                    last,
                    app.email,
                    1,
                    "",
                    "Free ticket",
                    attendee,
                    "",
                    "Free Order",
                    "GBP",
                    0,
                    0,
                    0,
                    0,
                    app.status_text,
                    session.title,
                    event_id,
                    app.job_title,
                ]
            )
    return csv_bytes(rows)
