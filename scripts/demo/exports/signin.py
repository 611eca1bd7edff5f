"""Sign-in sheets kept on the day."""

from __future__ import annotations

from scripts.demo.model import Appearance, Session


def signin_rows(session: Session, apps: list[Appearance], with_name: bool) -> list[list]:
    has_status = any(app.status_text for app in apps)
    header = (
        ["Session ID", "Employee ID"] + (["Name"] if with_name else []) + ["Email"] + (["Status"] if has_status else [])
    )
    rows = [header]
    for app in apps:
        row = [session.session_id, app.employee_id or ""] + ([app.name] if with_name else []) + [app.email or ""]
        rows.append(row + ([app.status_text] if has_status else []))
    return rows
