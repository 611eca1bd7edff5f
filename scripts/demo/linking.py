"""The SPEC's rules the expected figures need: linking records, attendance status, programme visits."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from scripts.demo.council import ATTENDED_SHARE, EVENTBRITE_STATUS, NO_SHOW, PARTIAL, PRESENT
from scripts.demo.exports.zoom import zoom_minutes
from scripts.demo.model import Appearance, Model, Request, Session, plain_name


class Directory:
    """Links records to employees by the SPEC's rules, over every snapshot."""

    def __init__(self, model: Model):
        self.ids: set[str] = set()
        self.by_email: dict[str, set[str]] = defaultdict(set)
        self.by_name: dict[str, set[str]] = defaultdict(set)
        self.by_login: dict[str, set[str]] = defaultdict(set)
        for snapshot in model.snapshots.values():
            for e in snapshot:
                self.ids.add(e.employee_id)
                self.by_email[e.email.lower()].add(e.employee_id)
                self.by_name[plain_name(e.full_name)].add(e.employee_id)
                for login in (e.username.lower(), e.email.lower(), e.email.lower().split("@")[0]):
                    self.by_login[login].add(e.employee_id)
        self.corrections = {
            value.strip().lower(): target for kind, value, target in model.corrections if kind == "person"
        }

    def link(self, app: Appearance) -> str | None:
        for value in (app.name, app.email, app.upn):
            if value and value.strip().lower() in self.corrections:
                return self.corrections[value.strip().lower()]
        if app.employee_id in self.ids:
            return app.employee_id
        for value in (app.email, app.upn):
            if value and len(self.by_email.get(value.strip().lower(), ())) == 1:
                return next(iter(self.by_email[value.strip().lower()]))
        if not (app.email or app.upn or app.employee_id):
            found = self.by_name.get(plain_name(app.name), set())
            return next(iter(found)) if len(found) == 1 else None
        return None

    def link_user(self, user: str) -> str | None:
        found = self.by_login.get(user.split("\\")[-1].lower(), set())
        return next(iter(found)) if len(found) == 1 else None


def status_of(app: Appearance, kind: str, session: Session) -> str | None:
    if kind.startswith("eventbrite"):
        return EVENTBRITE_STATUS[app.status_text]
    if kind.startswith("signin"):
        return NO_SHOW if app.status_text == "Absent" else PRESENT
    intervals = [iv for n, iv in enumerate(app.intervals) if n != app.broken_join]
    if app.open_ended:
        intervals[-1] = (intervals[-1][0], session.end)
    if kind == "zoom_unique":
        present = sum(zoom_minutes(a, b) for a, b in app.intervals) * 60.0
    else:
        present, last = 0.0, session.start
        for a, b in sorted(intervals):
            a, b = max(a, last, session.start), min(b, session.end)
            if b > a:
                present += (b - a).total_seconds()
                last = b
    if present <= 0:
        return None
    return PRESENT if present >= ATTENDED_SHARE * session.seconds else PARTIAL


STATIC_SUFFIXES = (".css", ".js", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".ico", ".woff", ".woff2", ".ttf", ".map")
ROBOT_WORDS = ("bot", "crawl", "spider", "slurp", "monitor", "uptime", "curl", "wget", "python-requests")


def programme_visits(requests: list[Request], paths: list[str], start: datetime, end: datetime):
    """SPEC section 3, Intranet: page views, visits (30-minute gap), programme visits in the window."""
    views = defaultdict(list)
    for r in requests:
        path = r.target.split("?", 1)[0].lower().rstrip("/") or "/"
        if (
            r.method != "GET"
            or not 200 <= r.status <= 399
            or path.endswith(STATIC_SUFFIXES)
            or any(word in r.agent.lower() for word in ROBOT_WORDS)
        ):
            continue
        visitor = r.user.split("\\")[-1].lower() if r.user else f"ip:{r.ip} {r.agent}"
        views[visitor].append((r.when, path))
    visits = page_views = 0
    visitors = set()
    for visitor, seen in views.items():
        seen.sort()
        current, last = [], None
        for when, path in seen + [(None, None)]:
            if when is None or (last is not None and when - last > timedelta(minutes=30)):
                hits = [
                    p for w, p in current if start <= w < end and any(p == q or p.startswith(q + "/") for q in paths)
                ]
                if hits:
                    visits += 1
                    page_views += len(hits)
                    visitors.add(visitor)
                current = []
            current.append((when, path))
            last = when
    return visits, page_views, visitors
