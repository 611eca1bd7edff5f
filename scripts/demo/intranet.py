"""Visits to the intranet: staff reading the lab pages, anonymous readers, robots and noise."""

from __future__ import annotations

import hashlib
import random
from datetime import date, datetime, time, timedelta

from scripts.demo.council import (
    DC_PATH,
    DESK_BASED,
    INTRANET,
    LAW,
    LAW_CANCELLED,
    LAW_PATH,
    LOG_FIRST_DAY,
    LOG_LAST_DAY,
    NETBIOS,
    ROTATED_LOG,
    SNAPSHOTS,
    WINDOW_DAYS,
)
from scripts.demo.feedback import came
from scripts.demo.model import Employee, Request, Response, Session, pick, weighted_order

BROWSERS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 "
    "Edg/125.0.0.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 "
    "Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 "
    "Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0",
    "Mozilla/5.0 (Linux; Android 14; SM-A546B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0 Mobile "
    "Safari/537.36",
]
ROBOTS = [
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 (compatible; SiteimproveBot/1.0; +https://siteimprove.com/bot)",
    "UptimeRobot/2.0 (http://www.uptimerobot.com/)",
    "curl/8.5.0",
    "python-requests/2.32.3",
    "Wget/1.21.4",
]
OTHER_PAGES = [
    "/",
    "/news",
    "/news/2025/05/bank-holiday-arrangements",
    "/news/2025/06/staff-survey-results",
    "/hr/payslips",
    "/hr/annual-leave",
    "/directory",
    "/learning",
    "/learning/catalogue",
    "/it/service-desk",
    "/policies/expenses",
    "/news/2025/05/learning-at-work-week-is-coming",
]
STATIC = ["/static/site.css", "/static/app.js", "/static/img/logo.png", "/static/fonts/inter.woff2", "/favicon.ico"]
CAMPAIGNS = ["utm_source=bulletin", "utm_source=email", "utm_source=teams&utm_medium=post", "ref=homepage"]
HOUR_WEIGHTS = {7: 1, 8: 4, 9: 8, 10: 8, 11: 7, 12: 9, 13: 8, 14: 7, 15: 6, 16: 5, 17: 3, 18: 1, 19: 1, 20: 1, 21: 1}


def law_window() -> tuple[datetime, datetime]:
    first, last = date(2025, 6, 2), date(2025, 6, 13)
    return (
        datetime.combine(first - timedelta(days=WINDOW_DAYS), time()),
        datetime.combine(last + timedelta(days=WINDOW_DAYS + 1), time()),
    )


class Intranet:
    """Visits to the intranet: staff reading the lab pages, anonymous readers, robots and noise."""

    def __init__(self, seed: int, scale: int, june: list[Employee], sessions: list[Session]):
        self.rng = random.Random(f"{seed}:intranet")
        self.scale = scale
        self.june = june
        self.requests: list[Request] = []
        self.lab_paths = [s.intranet_path for s in sessions if s.programme == LAW and s.delivered]
        self.cancelled_path = next(s.intranet_path for s in sessions if s.session_id == LAW_CANCELLED)
        self.home: dict[str, tuple[str, str | None, str]] = {}  # employee -> (server, logged user, ip)
        self.anonymous = 0

    def visitor(self, employee: Employee) -> tuple[str, str, str]:
        """Each employee keeps one server and one way of being logged, so visits stay comparable."""
        if employee.employee_id not in self.home:
            rng = self.rng
            ip = f"10.20.{rng.randint(1, 60)}.{rng.randint(2, 250)}"
            if rng.random() < 0.3:
                self.home[employee.employee_id] = ("iis", f"{NETBIOS}\\{employee.username}", ip)
            else:
                user = employee.email if rng.random() < 0.3 else employee.username
                self.home[employee.employee_id] = ("apache", user, ip)
        return self.home[employee.employee_id]

    def day_in(self, first: date, last: date, weights: dict[date, float] | None = None) -> date:
        days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        weights = weights or {}
        return self.rng.choices(days, weights=[weights.get(d, 0.15 if d.weekday() >= 5 else 1.0) for d in days])[0]

    def moment(self, day: date) -> datetime:
        hour = pick(self.rng, HOUR_WEIGHTS)
        return datetime.combine(day, time(hour, self.rng.randrange(60), self.rng.randrange(60)))

    def visit(self, server: str, ip: str, user: str | None, agent: str, start: datetime, pages: list[str]):
        """Page views with their static files, a booking form now and then, seconds to minutes apart."""
        rng, now, referer = self.rng, start, rng_choice_referer(self.rng)
        for number, page in enumerate(pages):
            target = page
            if number == 0 and rng.random() < 0.2:
                target += "?" + rng.choice(CAMPAIGNS)
            if page.startswith(LAW_PATH) and rng.random() < 0.03:  # typed by hand
                target = target.replace(LAW_PATH, "/Learning/LAW") + ("" if "?" in target else "/")
            status = 304 if number and rng.random() < 0.05 else 200
            self.add(server, now, ip, user, "GET", target, status, rng.randint(6000, 30000), referer, agent)
            if number == 0:
                for asset in rng.sample(STATIC, 3):
                    cached = rng.random() < 0.5
                    self.add(
                        server,
                        now + timedelta(seconds=1),
                        ip,
                        user,
                        "GET",
                        asset,
                        304 if cached else 200,
                        None if cached else rng.randint(800, 90000),
                        INTRANET + page,
                        agent,
                    )
            if page.startswith(LAW_PATH + "/") and rng.random() < 0.06:
                now += timedelta(seconds=rng.randint(20, 90))
                self.add(server, now, ip, user, "POST", page + "/book", 302, 0, INTRANET + page, agent)
            referer = INTRANET + page
            now += timedelta(seconds=rng.randint(15, 240))
        return now

    def add(self, server, when, ip, user, method, target, status, size, referer, agent):
        self.requests.append(Request(when, ip, user, method, target, status, size, referer, agent, server))

    def lab_pages(self, favourite: str | None = None) -> list[str]:
        rng = self.rng
        pages = [LAW_PATH] if rng.random() < 0.45 else []
        labs = [favourite] if favourite else []
        labs += rng.sample(self.lab_paths, rng.choice([0, 0, 1, 1, 2]) + (0 if favourite else 1))
        if rng.random() < 0.05:
            labs.insert(0, self.cancelled_path)  # always alongside another lab page
        if rng.random() < 0.2:
            pages.insert(0, rng.choice(OTHER_PAGES))
        return pages + labs

    def staff_visits(
        self, employee: Employee, count: int, first: date, last: date, weights: dict, favourite: str | None = None
    ):
        server, user, ip = self.visitor(employee)
        agent = BROWSERS[int(hashlib.sha1(employee.employee_id.encode()).hexdigest(), 16) % len(BROWSERS)]
        for _ in range(count):
            self.visit(
                server, ip, user, agent, self.moment(self.day_in(first, last, weights)), self.lab_pages(favourite)
            )

    def anonymous_visits(self, count: int, first: date, last: date, weights: dict, paths=None):
        rng = self.rng
        for _ in range(count):
            self.anonymous += 1
            ip = (
                f"2001:db8::{self.anonymous:x}"
                if rng.random() < 0.1
                else f"10.{30 + self.anonymous // 60000}.{self.anonymous // 250 % 240}.{self.anonymous % 250 + 2}"
            )
            agent, server = rng.choice(BROWSERS), ("iis" if rng.random() < 0.3 else "apache")
            for _ in range(1 if rng.random() < 0.85 else 2):
                pages = paths() if paths else self.lab_pages()
                self.visit(server, ip, None, agent, self.moment(self.day_in(first, last, weights)), pages)

    def background(self, count: int):
        rng = self.rng
        for _ in range(count):
            employee = rng.choice(self.june)
            server, user, ip = self.visitor(employee)
            pages = rng.sample(OTHER_PAGES, rng.randint(1, 3))
            self.visit(
                server, ip, user, rng.choice(BROWSERS), self.moment(self.day_in(LOG_FIRST_DAY, LOG_LAST_DAY)), pages
            )

    def noise(self):
        """Robots, monitors, typos, timeouts: requests that are not page views."""
        rng = self.rng
        day = LOG_FIRST_DAY
        while day <= LOG_LAST_DAY:
            for hour in range(0, 24, 2):  # the uptime monitor checks the home page of both servers
                for server in ("apache", "iis"):
                    self.add(
                        server,
                        datetime.combine(day, time(hour, 0, rng.randrange(5))),
                        "10.5.0.9",
                        None,
                        "GET",
                        "/",
                        200,
                        5120,
                        None,
                        ROBOTS[2],
                    )
            crawl = self.moment(day)
            for page in rng.sample(self.lab_paths + OTHER_PAGES, 8):
                crawl += timedelta(seconds=rng.randint(2, 30))
                self.add(
                    "apache",
                    crawl,
                    "10.66.0.3",
                    None,
                    "GET",
                    page,
                    200,
                    rng.randint(6000, 30000),
                    None,
                    rng.choice(ROBOTS[:2]),
                )
            for _ in range(rng.randint(1, 4)):
                self.add(
                    rng.choice(["apache", "iis"]),
                    self.moment(day),
                    f"10.20.{rng.randint(1, 60)}.{rng.randint(2, 250)}",
                    None,
                    "GET",
                    rng.choice(["/learning/law/coachng", "/learning/law/wellbeing", "/wp-login.php"]),
                    404,
                    1024,
                    None,
                    rng.choice(BROWSERS),
                )
            if day.day % 3 == 0:
                self.add("apache", self.moment(day), "10.20.9.9", None, "-", "", 408, None, None, "-")
                self.add(
                    "apache",
                    self.moment(day),
                    "10.5.0.12",
                    None,
                    "GET",
                    LAW_PATH + "/welcome",
                    200,
                    9000,
                    None,
                    rng.choice(ROBOTS[3:]),
                )
            day += timedelta(days=1)


def rng_choice_referer(rng: random.Random) -> str | None:
    return rng.choice([None, None, INTRANET + "/", "https://teams.microsoft.com/", INTRANET + "/news"])


def build_intranet(
    seed: int,
    scale: int,
    snapshots: dict,
    sessions: list[Session],
    attendance: dict,
    unrecorded: dict,
    responses: list[Response],
) -> tuple[list[Request], dict[str, list[str]]]:
    """Programme visits sized so that about 48% of the workforce engages with the week in some way."""
    june = snapshots[SNAPSHOTS[1]]
    net = Intranet(seed, scale, june, sessions)
    rng = net.rng
    window_first, window_end = law_window()
    window_last = window_end.date() - timedelta(days=1)
    busy_days = {date(2025, 5, 27): 3.0, **{date(2025, 6, d): 4.0 for d in (2, 3, 4, 5, 6, 9, 10, 11, 12, 13)}}
    by_session = {s.session_id: s for s in sessions}

    # Attendees read their lab's page in the days around it.
    engaged: dict[str, Employee] = {}
    for sid, exports in attendance.items():
        session = by_session[sid]
        if session.programme != LAW:
            continue
        for person in came(exports):
            engaged[person.employee_id] = person
    for sid, people in unrecorded.items():
        for person in people:
            engaged[person.employee_id] = person
    for r in responses:
        if r.person is not None:
            engaged[r.person.employee_id] = r.person
    for employee in list(engaged.values()):
        if rng.random() < 0.6:
            net.staff_visits(employee, rng.choice([1, 1, 2, 3]), window_first.date(), window_last, busy_days)

    # Staff who only read about the week: enough of them to reach the engagement the story tells.
    headcount = [e for e in june if e.active_on(date(2025, 6, 13))]
    already = sum(1 for e in headcount if e.employee_id in engaged)
    readers = [
        e
        for e in weighted_order(rng, headcount, [DESK_BASED[e.location] for e in headcount])
        if e.employee_id not in engaged
    ][: max(0, round(0.478 * len(headcount)) - already)]
    night = readers[:2]
    for employee in readers[2:]:
        net.staff_visits(employee, rng.choice([1, 1, 1, 2]), window_first.date(), window_last, busy_days)
    # Window edges, read in local time: IIS logs UTC, so these sit on the other side of midnight there.
    for employee, when in zip(night, (datetime(2025, 5, 19, 0, 12, 5), datetime(2025, 5, 19, 0, 41, 30))):
        net.home[employee.employee_id] = ("iis", f"{NETBIOS}\\{employee.username}", f"10.20.70.{len(net.home) % 250}")
        _, user, ip = net.home[employee.employee_id]
        net.visit("iis", ip, user, BROWSERS[0], when, [LAW_PATH + "/welcome"])
    reading = {e.employee_id for e in readers}
    outsider = next(
        e
        for e in weighted_order(rng, headcount, [1.0] * len(headcount))
        if e.employee_id not in engaged and e.employee_id not in reading
    )
    net.home[outsider.employee_id] = ("iis", f"{NETBIOS}\\{outsider.username}", "10.20.71.5")
    net.visit(
        "iis",
        "10.20.71.5",
        f"{NETBIOS}\\{outsider.username}",
        BROWSERS[1],
        datetime(2025, 6, 28, 0, 20, 11),
        [LAW_PATH + "/closing-session"],
    )

    # Visits outside the window, by staff and anonymous readers; accounts that are not in the roster.
    for employee in rng.sample(headcount, 40 * scale):
        net.staff_visits(employee, 1, LOG_FIRST_DAY, window_first.date() - timedelta(days=1), {})
    for employee in rng.sample(headcount, 25 * scale):
        net.staff_visits(employee, 1, window_last + timedelta(days=1), LOG_LAST_DAY, {})
    for account, ip in (("svc_sharepoint", "10.5.0.40"), ("contractor.jpatel", "10.20.90.4")):
        for _ in range(4):
            net.visit(
                "iis",
                ip,
                f"{NETBIOS}\\{account}",
                BROWSERS[1],
                net.moment(net.day_in(window_first.date(), window_last, busy_days)),
                net.lab_pages(),
            )
    net.anonymous_visits(420 * scale, window_first.date(), window_last, busy_days)
    net.anonymous_visits(30 * scale, LOG_FIRST_DAY, window_first.date() - timedelta(days=1), {})

    # The Disability Confident pages, and everyday traffic that is not about any programme.
    for employee in rng.sample(headcount, 60 * scale):
        server, user, ip = net.visitor(employee)
        net.visit(server, ip, user, BROWSERS[2], net.moment(net.day_in(LOG_FIRST_DAY, LOG_LAST_DAY)), [DC_PATH])
    net.background(650 * scale)
    net.noise()
    garbage = {
        "access.log": [
            "10.20.4.5 - tbaker [17/Jun/2025:14:05:1",
            "logrotate: reopened log file",
            "[Mon Jun 23 02:00:01.123456 2025] [mpm_event:notice] [pid 812] AH00489: resuming normal operations",
        ],
        ROTATED_LOG: ["tail: access.log: file truncated", "10.20.3.3 - - [28/May/2025:10:1"],
        "u_ex250515.log": ["2025-06-10 09:14:02 10.0.0.5 GET /learning/law/menopause"],
    }
    return net.requests, garbage
