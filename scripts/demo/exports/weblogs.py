"""Intranet logs: Apache combined (plain and rotated .gz) and IIS W3C in UTC."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from pathlib import Path

from scripts.demo.council import BST, LOG_FIRST_DAY, LOG_ROTATED, ROTATED_LOG
from scripts.demo.files import gzip_bytes
from scripts.demo.intranet import BROWSERS, OTHER_PAGES, STATIC
from scripts.demo.model import Model, Request


def _apache_line(r: Request) -> str:
    stamp = (r.when).strftime("%d/%b/%Y:%H:%M:%S") + " +0100"
    request = "-" if r.method == "-" else f"{r.method} {r.target} HTTP/1.1"
    size = "-" if r.size is None or r.status == 304 else str(r.size)
    return f'{r.ip} - {r.user or "-"} [{stamp}] "{request}" {r.status} {size} "{r.referer or "-"}" "{r.agent}"'


IIS_FIELDS_OLD = (
    "date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) "
    "cs(Referer) sc-status sc-substatus sc-win32-status time-taken"
)
IIS_FIELDS_NEW = "date time c-ip cs-username cs-method cs-uri-stem cs-uri-query sc-status cs(User-Agent)"
IIS_RESTARTS = (datetime(2025, 6, 4, 5, 12, 33), datetime(2025, 6, 20, 4, 2, 10))  # UTC; fields change at the first


def _iis_line(r: Request, fields: str, rng: random.Random) -> str:
    utc = r.when - BST
    stem, _, query = r.target.partition("?")
    agent = r.agent.replace(" ", "+")
    if fields == IIS_FIELDS_OLD:
        referer = r.referer or "-"
        return (
            f"{utc:%Y-%m-%d %H:%M:%S} 10.0.0.5 {r.method} {stem} {query or '-'} 443 {r.user or '-'} {r.ip} "
            f"{agent} {referer} {r.status} 0 0 {rng.randint(15, 400)}"
        )
    return f"{utc:%Y-%m-%d %H:%M:%S} {r.ip} {r.user or '-'} {r.method} {stem} {query or '-'} {r.status} {agent}"


def intranet_files(model: Model, log_lines: int | None, out: Path | None) -> dict[str, bytes]:
    """Apache: up to mid-June in a rotated .gz, the rest in access.log; a second server logs IIS in UTC."""
    rng = random.Random(f"{model.seed}:logs")
    log_start = datetime.combine(LOG_FIRST_DAY, time())  # both servers started new files then (UTC for IIS)
    ordered = sorted(
        (r for r in model.requests if r.when - (BST if r.server == "iis" else timedelta()) >= log_start),
        key=lambda r: r.when,
    )
    rotated = [_apache_line(r) for r in ordered if r.server == "apache" and r.when.date() < LOG_ROTATED]
    current = [_apache_line(r) for r in ordered if r.server == "apache" and r.when.date() >= LOG_ROTATED]
    rotated = _sprinkle(rotated, model.garbage[ROTATED_LOG], rng)
    current = _sprinkle(current, model.garbage["access.log"], rng)

    iis = []
    fields, restarts = IIS_FIELDS_OLD, list(IIS_RESTARTS)
    iis += _iis_header(datetime(2025, 5, 15), fields)
    for r in ordered:
        if r.server != "iis" or r.method == "-":
            continue
        while restarts and r.when - BST >= restarts[0]:
            fields = IIS_FIELDS_NEW
            iis += _iis_header(restarts.pop(0), fields)
        iis.append(_iis_line(r, fields, rng))
    iis = iis[:4] + _sprinkle(iis[4:], model.garbage["u_ex250515.log"], rng)

    files = {
        f"intranet/{ROTATED_LOG}": gzip_bytes("".join(line + "\n" for line in rotated).encode("utf-8")),
        "intranet/u_ex250515.log": "".join(line + "\r\n" for line in iis).encode("utf-8"),
    }
    if log_lines is None:
        files["intranet/access.log"] = "".join(line + "\n" for line in current).encode("utf-8")
    else:  # streamed: millions of lines never sit in memory at once
        _write_padded_log(out / "intranet/access.log", current, log_lines, rng)
    return files


def _iis_header(moment: datetime, fields: str) -> list[str]:
    return [
        "#Software: Microsoft Internet Information Services 10.0",
        "#Version: 1.0",
        f"#Date: {moment:%Y-%m-%d %H:%M:%S}",
        f"#Fields: {fields}",
    ]


def _sprinkle(lines: list[str], garbage: list[str], rng: random.Random) -> list[str]:
    out = list(lines)
    for junk in garbage:
        out.insert(rng.randrange(1, len(out)), junk)
    return out


def _write_padded_log(path: Path, lines: list[str], total: int, rng: random.Random):
    """The June log padded with anonymous everyday traffic to `total` lines, for the intranet benchmark.

    Padding reads pages outside every programme from addresses no one else uses, so the
    programme figures do not change; only the volume does. Written as a stream.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    timed, previous = [], datetime.combine(LOG_ROTATED, time())
    for line in lines:  # a garbage line keeps the time of the line before it
        previous = _apache_time(line) or previous
        timed.append((previous, line))
    extra = max(0, total - len(lines))
    start = datetime.combine(LOG_ROTATED, time())
    step = (datetime(2025, 7, 1) - start).total_seconds() / max(1, extra)
    position = 0
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for number in range(extra):
            when = start + timedelta(seconds=int(number * step))
            while position < len(timed) and timed[position][0] <= when:
                out.write(timed[position][1] + "\n")
                position += 1
            page = OTHER_PAGES[number % len(OTHER_PAGES)] if number % 3 else STATIC[number % len(STATIC)]
            out.write(
                f"10.99.{number // 62500 % 250}.{number // 250 % 250 + 2} - - [{when:%d/%b/%Y:%H:%M:%S} +0100] "
                f'"GET {page} HTTP/1.1" 200 {4000 + number % 9000} "-" "{BROWSERS[number % len(BROWSERS)]}"\n'
            )
        for _, line in timed[position:]:
            out.write(line + "\n")


def _apache_time(line: str) -> datetime | None:
    try:
        return datetime.strptime(line.split("[", 1)[1][:20], "%d/%b/%Y:%H:%M:%S")
    except (IndexError, ValueError):
        return None
