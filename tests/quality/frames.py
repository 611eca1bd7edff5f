"""Good rows of every validated table, shaped as its suite's query returns them, and one way to break each expectation.

The frames go through Arrow and the same pandas conversion as the warehouse's rows
(validate._pandas), so a type expectation sees the dtypes it sees in a refresh.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pandas as pd
import pyarrow as pa

from pipelines.defs.quality.validate import _pandas

TEXT, INT, FLOAT, BOOL, DATE, STAMP = pa.string(), pa.int64(), pa.float64(), pa.bool_(), pa.date32(), pa.timestamp("us")
INT32, HUGE, UTC_STAMP = pa.int32(), pa.decimal128(38, 0), pa.timestamp("us", tz="Etc/UTC")
LOG, LOG_ID = "intranet/access.log", "e76c3c7912fc59fb944bec4723a7e3b8a0faf8efddac2f0233e0e02181de39bb"
HASH_A, HASH_B = "0123456789abcdef0123", "fedcba9876543210fedc"
ROSTER = "roster/roster-2025-05-01.csv"

TABLES: dict[str, tuple[dict[str, pa.DataType], list[dict]]] = {
    "staging.roster": (
        dict(
            file=TEXT,
            row=INT,
            snapshot_date=DATE,
            employee_id=TEXT,
            name=TEXT,
            email=TEXT,
            username=TEXT,
            directorate=TEXT,
            service=TEXT,
            grade=TEXT,
            location=TEXT,
            sex=TEXT,
            is_manager=BOOL,
            start_date=DATE,
            leave_date=DATE,
            fte=FLOAT,
        ),
        [
            dict(
                file=ROSTER,
                row=2,
                snapshot_date=date(2025, 5, 1),
                employee_id="E01234",
                name="Ngozi Okafor",
                email="ngozi.okafor@example.gov.uk",
                username="nokafor",
                directorate="Adults",
                service="Safeguarding",
                grade="PO3",
                location="Civic Centre",
                sex="Female",
                is_manager=True,
                start_date=date(2012, 9, 3),
                leave_date=date(2025, 8, 31),
                fte=1.0,
            ),
            dict(
                file=ROSTER,
                row=3,
                snapshot_date=date(2025, 5, 1),
                employee_id="E01235",
                name="Tom Baker",
                email="tom.baker@example.gov.uk",
                username="tbaker",
                directorate="Resources",
                service="Finance",
                grade="SO2",
                location="Depot",
                sex=None,
                is_manager=False,
                start_date=date(2019, 1, 14),
                leave_date=None,
                fte=0.6,
            ),
        ],
    ),
    "staging.sessions": (
        dict(
            file=TEXT,
            row=INT,
            session_id=TEXT,
            programme=TEXT,
            title=TEXT,
            location=TEXT,
            format=TEXT,
            audience=TEXT,
            intranet_path=TEXT,
            topic=TEXT,
            cohort=TEXT,
            status=TEXT,
            start_at=STAMP,
            end_at=STAMP,
            capacity=INT,
            cost_gbp=FLOAT,
            scheduled_hours=FLOAT,
        ),
        [
            dict(
                file="sessions/sessions.csv",
                row=2,
                session_id="LAW-07",
                programme="Learning at Work Week 2025",
                title="Coaching conversations",
                location="Online",
                format="online",
                audience="Managers",
                intranet_path="/learning/law/coaching",
                topic="Coaching",
                cohort=None,
                status=None,
                start_at=datetime(2025, 6, 3, 14),
                end_at=datetime(2025, 6, 3, 15),
                capacity=40,
                cost_gbp=475.0,
                scheduled_hours=1.0,
            ),
            dict(
                file="sessions/sessions.csv",
                row=3,
                session_id="ALS-03",
                programme="Action Learning Sets 2025",
                title="Set 2 - meeting 3",
                location="Civic Centre",
                format="in person",
                audience="Managers",
                intranet_path=None,
                topic="Leadership",
                cohort="Set 2",
                status="confirmed",
                start_at=datetime(2025, 6, 10, 9, 30),
                end_at=datetime(2025, 6, 10, 12, 30),
                capacity=9,
                cost_gbp=300.0,
                scheduled_hours=3.0,
            ),
        ],
    ),
    "staging.attendance": (
        dict(
            file=TEXT,
            row=INT,
            session_id=TEXT,
            name=TEXT,
            email=TEXT,
            upn=TEXT,
            employee_id=TEXT,
            join_at=STAMP,
            leave_at=STAMP,
            duration_seconds=FLOAT,
            status=TEXT,
            registered=BOOL,
            role=TEXT,
            catalogue_session_id=TEXT,
            join_days_from_session=INT,
            identity=TEXT,
            cancelled_session=TEXT,
        ),
        [
            dict(
                file="attendance/teams.csv",
                row=12,
                session_id="LAW-07",
                name="Ngozi Okafor",
                email="ngozi.okafor@example.gov.uk",
                upn=None,
                employee_id=None,
                join_at=datetime(2025, 6, 3, 13, 58),
                leave_at=datetime(2025, 6, 3, 15),
                duration_seconds=3720.0,
                status=None,
                registered=False,
                role="Organiser",
                catalogue_session_id="LAW-07",
                join_days_from_session=0,
                identity="Ngozi Okafor",
            ),
            dict(
                file="attendance/eventbrite.csv",
                row=2,
                session_id="LAW-07",
                name="Tom Baker",
                email="tom.baker@example.gov.uk",
                upn=None,
                employee_id=None,
                join_at=datetime(2025, 6, 3, 14),
                leave_at=datetime(2025, 6, 3, 14, 20),
                duration_seconds=None,
                status="registered",
                registered=True,
                role=None,
                catalogue_session_id="LAW-07",
                join_days_from_session=0,
                identity="Tom Baker",
            ),
        ],
    ),
    "staging.sessions_set_aside": (
        dict(file=TEXT, row=INT, session_id=TEXT, attendance_files=TEXT),
        [
            dict(file="sessions/catalogue.csv", row=9, session_id="LAW-07", attendance_files=None),
            dict(file="sessions/catalogue.csv", row=12, session_id="LAW-11", attendance_files=None),
        ],
    ),
    "staging.feedback": (
        dict(
            response_id=TEXT,
            file=TEXT,
            row=INT,
            format=TEXT,
            session_id=TEXT,
            submitted_at=STAMP,
            email=TEXT,
            name=TEXT,
            rating=INT,
            recommend=INT,
            comments=TEXT,
            duplicate_of=TEXT,
            catalogue_session_id=TEXT,
        ),
        [
            dict(
                response_id="a1",
                file="feedback/forms.csv",
                row=2,
                format="google-forms",
                session_id="LAW-07",
                submitted_at=datetime(2025, 6, 3, 16),
                email="ngozi.okafor@example.gov.uk",
                name=None,
                rating=4,
                recommend=9,
                comments="GROW model",
                duplicate_of=None,
                catalogue_session_id="LAW-07",
            ),
            dict(
                response_id="a2",
                file="feedback/forms.csv",
                row=3,
                format="google-forms",
                session_id="LAW-07",
                submitted_at=datetime(2025, 6, 4, 9),
                email=None,
                name=None,
                rating=None,
                recommend=0,
                comments=None,
                duplicate_of="a1",
                catalogue_session_id="LAW-07",
            ),
        ],
    ),
    "core.people": (
        dict(
            snapshot_date=DATE,
            person_key=TEXT,
            directorate=TEXT,
            service=TEXT,
            grade=TEXT,
            is_manager=BOOL,
            location=TEXT,
            start_date=DATE,
            leave_date=DATE,
            fte=FLOAT,
        ),
        [
            dict(
                snapshot_date=date(2025, 5, 1),
                person_key=HASH_A,
                directorate="Adults",
                service="Safeguarding",
                grade="PO3",
                is_manager=True,
                location="Civic Centre",
                start_date=date(2012, 9, 3),
                leave_date=None,
                fte=1.0,
            ),
            dict(
                snapshot_date=date(2025, 5, 1),
                person_key=HASH_B,
                directorate="Not recorded",
                service="Finance",
                grade="SO2",
                is_manager=False,
                location="Depot",
                start_date=None,
                leave_date=None,
                fte=None,
            ),
        ],
    ),
    "core.headcount": (
        dict(
            programme=TEXT,
            snapshot_date=DATE,
            person_key=TEXT,
            directorate=TEXT,
            grade=TEXT,
            is_manager=BOOL,
            location=TEXT,
        ),
        [
            dict(
                programme="Learning at Work Week 2025",
                snapshot_date=date(2025, 5, 1),
                person_key=HASH_A,
                directorate="Adults",
                grade="PO3",
                is_manager=True,
                location="Civic Centre",
            ),
            dict(
                programme="Learning at Work Week 2025",
                snapshot_date=date(2025, 5, 1),
                person_key=HASH_B,
                directorate="Resources",
                grade="SO2",
                is_manager=False,
                location="Depot",
            ),
        ],
    ),
    "core.sessions": (
        dict(
            session_id=TEXT,
            programme=TEXT,
            title=TEXT,
            start_at=STAMP,
            end_at=STAMP,
            location=TEXT,
            format=TEXT,
            audience=TEXT,
            capacity=INT,
            cost_gbp=FLOAT,
            intranet_path=TEXT,
            topic=TEXT,
            cohort=TEXT,
            status=TEXT,
            delivered=BOOL,
        ),
        [
            dict(
                session_id="LAW-07",
                programme="Learning at Work Week 2025",
                title="Coaching conversations",
                start_at=datetime(2025, 6, 3, 14),
                end_at=datetime(2025, 6, 3, 15),
                location="Online",
                format="online",
                audience="Managers",
                capacity=40,
                cost_gbp=475.0,
                intranet_path="/learning/law/coaching",
                topic=None,
                cohort=None,
                status=None,
                delivered=True,
            ),
            dict(
                session_id="ALS-03",
                programme="Action Learning Sets 2025",
                title="Set 2 - meeting 3",
                start_at=datetime(2025, 7, 10, 9, 30),
                end_at=datetime(2025, 7, 10, 12, 30),
                location="Civic Centre",
                format="in person",
                audience="Managers",
                capacity=9,
                cost_gbp=300.0,
                intranet_path="/",
                topic=None,
                cohort="Set 2",
                status=None,
                delivered=False,
            ),
        ],
    ),
    "core.attendance": (
        dict(
            session_id=TEXT,
            attendee_key=TEXT,
            person_key=TEXT,
            is_guest=BOOL,
            presence_seconds=FLOAT,
            registered=BOOL,
            attendance_status=TEXT,
            catalogue_session_id=TEXT,
        ),
        [
            dict(
                session_id="LAW-07",
                attendee_key=HASH_A,
                person_key=HASH_A,
                is_guest=False,
                presence_seconds=3600.0,
                registered=False,
                attendance_status="attended",
                catalogue_session_id="LAW-07",
            ),
            dict(
                session_id="LAW-07",
                attendee_key="guest:" + HASH_B,
                person_key=None,
                is_guest=True,
                presence_seconds=0.0,
                registered=True,
                attendance_status="no_show",
                catalogue_session_id="LAW-07",
            ),
        ],
    ),
    "core.responses": (
        dict(
            response_id=TEXT,
            programme=TEXT,
            session_id=TEXT,
            person_key=TEXT,
            anonymous=BOOL,
            rating=INT,
            recommend=INT,
            submitted_at=STAMP,
            comment=TEXT,
            catalogue_session_id=TEXT,
        ),
        [
            dict(
                response_id="a1",
                programme="Learning at Work Week 2025",
                session_id="LAW-07",
                person_key=HASH_A,
                anonymous=False,
                rating=5,
                recommend=10,
                submitted_at=datetime(2025, 6, 3, 16),
                comment="Call me on [phone number removed]",
                catalogue_session_id="LAW-07",
            ),
            dict(
                response_id="a2",
                programme="Learning at Work Week 2025",
                session_id="LAW-07",
                person_key=None,
                anonymous=True,
                rating=1,
                recommend=None,
                submitted_at=datetime(2025, 6, 4, 9),
                comment=None,
                catalogue_session_id="LAW-07",
            ),
        ],
    ),
    "staging.intranet_files": (
        dict(file_id=TEXT, format=TEXT, rows_read=INT, rows_kept=INT, rejects_total=INT, uncounted_lines=INT),
        [
            dict(file_id=LOG_ID, format="combined", rows_read=9, rows_kept=5, rejects_total=4, uncounted_lines=0),
            dict(file_id="f" * 64, format="w3c", rows_read=2, rows_kept=2, rejects_total=0, uncounted_lines=0),
        ],
    ),
    "core.page_views": (
        dict(
            file_id=TEXT,
            line=INT,
            viewed_at=UTC_STAMP,
            path=TEXT,
            visitor=TEXT,
            username=TEXT,
            is_authenticated=BOOL,
            visit_id=HUGE,
        ),
        [
            dict(
                file_id=LOG_ID,
                line=1,
                viewed_at=datetime(2025, 6, 3, 9, tzinfo=UTC),
                path="/learning/law/coaching",
                visitor=HASH_A,
                username=None,
                is_authenticated=True,
                visit_id=Decimal(1),
            ),
            dict(
                file_id=LOG_ID,
                line=3,
                viewed_at=datetime(2025, 6, 3, 9, 5, tzinfo=UTC),
                path="/",
                visitor=HASH_B,
                username=None,
                is_authenticated=False,
                visit_id=Decimal(2),
            ),
        ],
    ),
    "core.visits": (
        dict(visit_id=HUGE, visitor=TEXT, username=TEXT, started_at=UTC_STAMP, ended_at=UTC_STAMP, page_views=INT),
        [
            dict(
                visit_id=Decimal(1),
                visitor=HASH_A,
                username=None,
                started_at=datetime(2025, 6, 3, 9, tzinfo=UTC),
                ended_at=datetime(2025, 6, 3, 9, 20, tzinfo=UTC),
                page_views=4,
            ),
            dict(
                visit_id=Decimal(2),
                visitor=HASH_B,
                username=None,
                started_at=datetime(2025, 6, 3, 9, 5, tzinfo=UTC),
                ended_at=datetime(2025, 6, 3, 9, 5, tzinfo=UTC),
                page_views=1,
            ),
        ],
    ),
}


def good_frame(table: str) -> pd.DataFrame:
    types, rows = TABLES[table]
    return _pandas(pa.Table.from_pylist(rows, schema=pa.schema(list(types.items()))))


def broken(frame: pd.DataFrame, expectation: str, kwargs: dict) -> pd.DataFrame:
    """A copy of the frame that breaks the expectation in its first row (or its columns)."""
    frame = frame.copy()
    column = kwargs.get("column")
    if expectation == "expect_table_columns_to_match_set":
        return frame.drop(columns=[kwargs["column_set"][0]])
    if expectation == "expect_column_values_to_be_of_type":
        frame[column] = (
            pd.Series([1] * len(frame))
            if kwargs["type_"] == "str"
            else pd.Series(["not of the type"] * len(frame), dtype=object)
        )
    elif expectation == "expect_column_values_to_not_be_null":
        frame.loc[0, column] = None
    elif expectation == "expect_column_values_to_be_null":
        frame.loc[0, column] = "a value where none should be"
    elif expectation == "expect_column_values_to_be_unique":
        frame.loc[1, column] = frame.loc[0, column]
    elif expectation == "expect_compound_columns_to_be_unique":
        for key in kwargs["column_list"]:
            frame.loc[1, key] = frame.loc[0, key]
    elif expectation == "expect_column_values_to_be_in_set":
        frame.loc[0, column] = "not a known value"
    elif expectation == "expect_column_values_to_be_between":
        frame.loc[0, column] = (
            kwargs["max_value"] + 1 if kwargs.get("max_value") is not None else kwargs["min_value"] - 1
        )
    elif expectation == "expect_column_values_to_match_regex":
        frame.loc[0, column] = "Not Matching!"
    elif expectation == "expect_column_values_to_not_match_regex":
        frame.loc[0, column] = "write to someone@example.org"
    elif expectation == "expect_column_pair_values_a_to_be_greater_than_b":
        earlier = frame.loc[0, kwargs["column_B"]]
        frame.loc[0, kwargs["column_A"]] = earlier - (timedelta(days=1) if isinstance(earlier, (date, datetime)) else 1)
    else:
        raise AssertionError(f"no way to break {expectation} yet: add one to tests/quality/frames.py")
    return frame
