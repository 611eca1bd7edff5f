"""Realistic intranet access logs, generated from a seed: for the benchmark and the demo data.

Lines follow the Apache combined format, in time order, stamped with the
Europe/London offset of their moment (+0000 in winter, +0100 in summer time).
The mix is that of a council intranet: people reading pages in short bursts,
stylesheets and images, robots and uptime monitors, 304s, 404s, POSTs, IPv6
clients, Windows-authenticated users, and a few lines that are not requests.
"""

from __future__ import annotations

import gzip
import io
import random
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

BROWSERS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0 Safari/537.36 "
    "Edg/125.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 "
    "Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
)
ROBOTS = (
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Site24x7 uptime monitor",
    "curl/8.5.0",
    "python-requests/2.32.3",
)
STATIC = (
    "/static/site.css",
    "/static/print.css",
    "/static/app.js",
    "/static/vendor.js",
    "/static/logo.svg",
    "/static/banner.jpg",
    "/favicon.ico",
    "/static/fonts/inter.woff2",
    "/static/app.js.map",
)
OTHER_PAGES = ("/", "/news", "/news/budget-update", "/hr/pay", "/it/password", "/search?q=leave", "/directory")
QUERIES = ("utm_source=bulletin", "utm_source=email", "ref=home")


def write_combined_log(
    path: Path,
    lines: int,
    seed: int,
    start: datetime,
    end: datetime,
    paths: Sequence[str],
    users: Sequence[str],
) -> Path:
    """Write `lines` log lines between `start` and `end` (naive = London time); gzipped for a `.gz` path.

    `paths` are the pages of interest (programme pages), read as much as the
    rest of the intranet; `users` are network logins, about half of them
    written DOMAIN\\user as Windows authentication does.
    """
    rng = random.Random(seed)
    start, end = (_aware(moment) for moment in (start, end))
    visitors = _visitors(rng, users, count=max(50, lines // 40))
    active = rng.sample(visitors, min(40, len(visitors)))
    step = (end - start).total_seconds() / max(lines, 1)
    moment = start.timestamp()
    stamp_of = _stamper()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with _text_writer(path) as out:
        for _ in range(lines):
            moment += rng.expovariate(1 / step)
            if rng.random() < 0.25:  # someone new starts reading
                active[rng.randrange(len(active))] = rng.choice(visitors)
            out.write(_line(rng, rng.choice(active), stamp_of(int(moment)), paths))
    return path


def _text_writer(path: Path) -> io.TextIOWrapper:
    """UTF-8 with LF line ends; a `.gz` path gzipped with no timestamp, so a seed gives the same bytes."""
    raw = gzip.GzipFile(path, "wb", mtime=0) if path.suffix == ".gz" else open(path, "wb")
    return io.TextIOWrapper(raw, encoding="utf-8", newline="\n")


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=LONDON)


def _visitors(rng: random.Random, users: Sequence[str], count: int) -> list[tuple[str, str, str]]:
    """(client, user, agent) triples: people at desks, anonymous readers, and robots."""
    visitors = []
    for _ in range(count):
        client = (
            f"2001:db8:{rng.randrange(65536):x}::{rng.randrange(65536):x}"
            if rng.random() < 0.15
            else f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
        )
        roll = rng.random()
        if roll < 0.07:
            visitors.append((client, "-", rng.choice(ROBOTS)))
        elif roll < 0.7 and users:
            user = rng.choice(users)
            visitors.append((client, f"EXAMPLE\\\\{user}" if rng.random() < 0.5 else user, rng.choice(BROWSERS)))
        else:
            visitors.append((client, "-", rng.choice(BROWSERS)))
    return visitors


def _line(rng: random.Random, visitor: tuple[str, str, str], stamp: str, paths: Sequence[str]) -> str:
    client, user, agent = visitor
    roll = rng.random()
    if roll < 0.0005:
        return "\\x16\\x03\\x01\\x02\\x00\\x01\\x00\\x01\\xfc\\x03\\x03 garbled handshake\n"
    if roll < 0.0015:
        return f'{client} - - [{stamp}] "-" 408 - "-" "-"\n'
    method, status = "GET", 200
    if roll < 0.35:
        target = rng.choice(STATIC)
        status = 304 if rng.random() < 0.4 else 200
    else:
        target = rng.choice(paths) if paths and rng.random() < 0.5 else rng.choice(OTHER_PAGES)
        twist = rng.random()
        if twist < 0.1:
            target += ("&" if "?" in target else "?") + rng.choice(QUERIES)
        elif twist < 0.15 and "?" not in target:
            target += "/"
        elif twist < 0.18:
            target = target.upper()
        status = rng.choices((200, 304, 404, 500), weights=(90, 5, 4, 1))[0]
        if rng.random() < 0.03:
            method, status = "POST", 302
    size = "-" if status in (304, 302) else str(rng.randrange(300, 60000))
    referer = "https://intranet.example.gov.uk/" if rng.random() < 0.6 else "-"
    return f'{client} - {user} [{stamp}] "{method} {target} HTTP/1.1" {status} {size} "{referer}" "{agent}"\n'


def _stamper():
    """Apache's [03/Jun/2025:14:05:12 +0100] for a Unix second, the London offset worked out once an hour."""
    hours: dict[int, tuple[str, str]] = {}

    def stamp(second: int) -> str:
        hour = second // 3600
        if hour not in hours:
            local = datetime.fromtimestamp(hour * 3600, LONDON)
            offset = local.utcoffset() // timedelta(minutes=1)
            hours[hour] = (
                f"{local.day:02d}/{MONTHS[local.month - 1]}/{local.year}:{local.hour:02d}",
                f"{'+' if offset >= 0 else '-'}{abs(offset) // 60:02d}{abs(offset) % 60:02d}",
            )
        day_hour, zone = hours[hour]
        within = second % 3600
        return f"{day_hour}:{within // 60:02d}:{within % 60:02d} {zone}"

    return stamp
