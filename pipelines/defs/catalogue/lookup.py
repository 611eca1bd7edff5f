"""The catalogue as the attendance and feedback matchers look sessions up in it: by ID, title or correction."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import duckdb
import pandas as pd


def title_key(text: object) -> str:
    """A title, folder name or correction value compared loosely: case and runs of spaces do not matter."""
    return re.sub(r"\s+", " ", str(text or "")).strip().lower()


@dataclass
class Catalogue:
    """The delivered and planned sessions, and the officer's session corrections."""

    sessions: pd.DataFrame  # session_id, title, start_at, end_at, delivered, status
    corrections: dict[str, str]  # title_key(value as in an export) -> session_id
    set_aside: dict[str, str] = field(
        default_factory=dict
    )  # upper-case Session ID -> why its catalogue row was set aside

    def __post_init__(self):
        self.by_id = {str(row.session_id).upper(): row for row in self.sessions.itertuples()}
        self.by_title: dict[str, list] = {}
        for row in self.sessions.itertuples():
            self.by_title.setdefault(title_key(row.title), []).append(row)

    @classmethod
    def load(cls, connection: duckdb.DuckDBPyConnection) -> Catalogue:
        """core.sessions and the session corrections of staging.corrections."""
        sessions = connection.execute(
            "select session_id, title, start_at, end_at, delivered, status from core.sessions"
        ).df()
        corrections = connection.execute(
            "select value, maps_to from staging.corrections where kind = 'session'"
        ).fetchall()
        set_aside = connection.execute(
            "select upper(trim(session_id)), format('{} row {}: {}', file, row, reason) from staging.sessions_set_aside"
        ).fetchall()
        return cls(sessions, {title_key(value): maps_to for value, maps_to in corrections}, dict(set_aside))

    def corrected(self, value: object) -> str | None:
        return self.corrections.get(title_key(value)) if value else None

    def session(self, session_id: object):
        return self.by_id.get(str(session_id or "").strip().upper())

    def why_missing(self, session_id: object) -> str | None:
        """For a Session ID whose catalogue row was set aside: where that row is and why; else None."""
        where = self.set_aside.get(str(session_id or "").strip().upper())
        if where is None:
            return None
        return (
            f"session {str(session_id).strip()}'s catalogue row was set aside ({where}): correct that row and refresh"
        )
