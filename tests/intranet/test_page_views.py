"""Page views, visitors and visits (SPEC section 3 "Intranet"), hand-counted on small logs."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.intranet.conftest import CHROME, FIREFOX, apache, build, hashed, load, rows

UTC = UTC
DAY = "03/Jun/2025"


def test_page_view_rule(warehouse, tmp_path):
    lines = [
        apache(f"{DAY}:10:00:00 +0100", "/learning/law/coaching?utm_source=bulletin"),  # 1 query dropped
        apache(f"{DAY}:10:00:01 +0100", "/Learning/Law/Coaching/"),  # 2 case and trailing slash
        apache(f"{DAY}:10:00:02 +0100", "/"),  # 3 the home page stays '/'
        apache(f"{DAY}:10:00:03 +0100", "/static/site.css"),  # 4 static
        apache(f"{DAY}:10:00:04 +0100", "/images/LOGO.PNG"),  # 5 static, upper case
        apache(f"{DAY}:10:00:05 +0100", "/learning/law", status=304),  # 6 not modified: a view
        apache(f"{DAY}:10:00:06 +0100", "/learning/law", status=404),  # 7 error
        apache(f"{DAY}:10:00:07 +0100", "/learning/law", method="POST"),  # 8 a form sent
        apache(f"{DAY}:10:00:08 +0100", "/learning/law", status=500),  # 9 error
        apache(f"{DAY}:10:00:09 +0100", "/learning/law", status=301),  # 10 redirect: a view
        apache(f"{DAY}:10:00:10 +0100", "/learning/law", agent="Mozilla/5.0 (compatible; Googlebot/2.1)"),  # 11 robot
        apache(f"{DAY}:10:00:11 +0100", "/learning/law", method="HEAD"),  # 12 not a GET
        apache(f"{DAY}:10:00:12 +0100", "/learning/law?a=1&b=2"),  # 13
        apache(f"{DAY}:10:00:13 +0100", "/learning/law//"),  # 14 every trailing slash goes
    ]
    load(warehouse, tmp_path, "access.log", lines)
    build(warehouse)

    assert rows(warehouse, "select line, path from core.page_views order by line") == [
        (1, "/learning/law/coaching"),
        (2, "/learning/law/coaching"),
        (3, "/"),
        (6, "/learning/law"),
        (10, "/learning/law"),
        (13, "/learning/law"),
        (14, "/learning/law"),
    ]


def test_robots_are_not_page_views(warehouse, tmp_path):
    robots = [
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "msnBOT/1.1",
        "Baiduspider/2.0",
        "Mozilla/5.0 (compatible; Yahoo! Slurp)",
        "SiteCrawler/3.1",
        "Site24x7 Monitor",
        "UptimeRobot/2.0",
        "curl/8.5.0",
        "Wget/1.21.4",
        "python-requests/2.32.3",
    ]
    lines = [
        apache(f"{DAY}:10:00:{second:02d} +0100", "/learning/law", agent=agent) for second, agent in enumerate(robots)
    ]
    lines.append(apache(f"{DAY}:10:01:00 +0100", "/learning/law", agent="Mozilla/5.0 (iPhone; CPU iPhone OS 17_5)"))
    load(warehouse, tmp_path, "access.log", lines)
    build(warehouse)

    assert rows(warehouse, "select line from core.page_views") == [(11,)]


@pytest.mark.parametrize(
    ("path", "is_page"),
    [
        ("/s/a.css", False),
        ("/s/a.js", False),
        ("/s/a.png", False),
        ("/s/a.jpg", False),
        ("/s/a.jpeg", False),
        ("/s/a.gif", False),
        ("/s/a.svg", False),
        ("/favicon.ico", False),
        ("/s/a.woff", False),
        ("/s/a.woff2", False),
        ("/s/a.ttf", False),
        ("/s/a.js.map", False),
        ("/s/app.js?v=3", False),
        ("/learning/law/handbook.pdf", True),
        ("/learning/js", True),
    ],
)
def test_static_assets(warehouse, tmp_path, path, is_page):
    load(warehouse, tmp_path, "access.log", [apache(f"{DAY}:10:00:00 +0100", path)])
    build(warehouse)

    assert rows(warehouse, "select count(*) from core.page_views") == [(1 if is_page else 0,)]


def test_visitors_are_salted_hashes_and_users_their_employees_keys(warehouse, tmp_path):
    warehouse.execute("insert into staging.person_identifiers values ('P7', 'username', 'tbaker')")
    lines = [
        apache(f"{DAY}:10:00:00 +0100", "/a", client="10.0.0.1", agent=CHROME),
        apache(f"{DAY}:10:00:01 +0100", "/a", client="10.0.0.1", agent=FIREFOX),  # same IP, another browser
        apache(f"{DAY}:10:00:02 +0100", "/a", client="10.0.0.2", user="EXAMPLE\\\\TBaker"),
        apache(f"{DAY}:10:00:03 +0100", "/a", client="10.0.0.3", user="tbaker", agent=FIREFOX),  # same person
        f'10.0.0.9 - - [{DAY}:10:00:04 +0100] "GET /a HTTP/1.1" 200 512',  # common format: no user agent
        apache(f"{DAY}:10:00:05 +0100", "/a", client="10.0.0.4", user="sam.jones@partner.org.uk"),  # links to nobody
    ]
    load(warehouse, tmp_path, "access.log", lines)
    build(warehouse)

    assert rows(warehouse, "select line, visitor, person_key, is_authenticated from core.page_views order by line") == [
        (1, hashed(f"10.0.0.1 {CHROME}"), None, False),
        (2, hashed(f"10.0.0.1 {FIREFOX}"), None, False),
        (3, hashed("tbaker"), "P7", True),
        (4, hashed("tbaker"), "P7", True),
        (5, hashed("10.0.0.9"), None, False),
        (6, hashed("sam.jones@partner.org.uk"), None, True),
    ]
    assert rows(warehouse, "select count(distinct visitor), count(*) from core.page_views") == [(5, 6)]
    assert rows(
        warehouse, "select count(*), count(person_key), count(*) filter (where is_authenticated) from core.visits"
    ) == [(5, 1, 2)]
    # The user names stay in staging, linked or not: one row per login as the log wrote it.
    assert rows(warehouse, "select login, username, person_key from staging.intranet_users order by login") == [
        ("EXAMPLE\\TBaker", "tbaker", "P7"),
        ("sam.jones@partner.org.uk", "sam.jones@partner.org.uk", None),
        ("tbaker", "tbaker", "P7"),
    ]


def at(hour: int, minute: int) -> datetime:
    """A moment of 3 June 2025, written +0100 in the log, in UTC."""
    return datetime(2025, 6, 3, hour - 1, minute, tzinfo=UTC)


def test_visits_split_on_a_gap_over_30_minutes(warehouse, tmp_path):
    lines = [
        apache(f"{DAY}:10:00:00 +0100", "/a", user="alice"),
        apache(f"{DAY}:10:29:00 +0100", "/b", user="alice"),  # 29 minutes: same visit
        apache(f"{DAY}:11:00:00 +0100", "/c", user="alice"),  # 31 minutes: a new visit
        apache(f"{DAY}:11:30:00 +0100", "/d", user="alice"),  # exactly 30: same visit
        apache(f"{DAY}:10:15:00 +0100", "/a", user="bob"),
    ]
    load(warehouse, tmp_path, "access.log", lines)
    build(warehouse)

    alice, bob = hashed("alice"), hashed("bob")
    assert rows(warehouse, "select visitor, started_at, ended_at, page_views from core.visits order by started_at") == [
        (alice, at(10, 0), at(10, 29), 2),
        (bob, at(10, 15), at(10, 15), 1),
        (alice, at(11, 0), at(11, 30), 2),
    ]
    # Every page view links to its visit.
    assert rows(
        warehouse,
        "select page_views.line, visits.started_at from core.page_views join core.visits using (visit_id)"
        " where page_views.visitor = ? order by line",
        [alice],
    ) == [(1, at(10, 0)), (2, at(10, 0)), (3, at(11, 0)), (4, at(11, 0))]

    build(warehouse, visit_gap_minutes=60)
    assert rows(warehouse, "select visitor, page_views from core.visits order by page_views desc") == [
        (alice, 4),
        (bob, 1),
    ]


def test_a_visit_spanning_two_files_is_one_visit_and_reloading_does_not_double_count(warehouse, tmp_path):
    load(warehouse, tmp_path, "access.log.1", [apache(f"{DAY}:23:50:00 +0100", "/a", user="alice")])
    load(warehouse, tmp_path, "access.log", [apache("04/Jun/2025:00:10:00 +0100", "/b", user="alice")])
    build(warehouse)
    assert rows(warehouse, "select visitor, page_views from core.visits") == [(hashed("alice"), 2)]

    load(warehouse, tmp_path, "access.log", [apache("04/Jun/2025:00:10:00 +0100", "/b", user="alice")])
    build(warehouse)
    assert rows(warehouse, "select count(*) from staging.intranet_requests") == [(2,)]
    assert rows(warehouse, "select visitor, page_views from core.visits") == [(hashed("alice"), 2)]


def test_views_at_the_same_moment_share_a_visit(warehouse, tmp_path):
    lines = [
        apache(f"{DAY}:10:00:00 +0100", "/a", user="alice"),
        apache(f"{DAY}:10:40:00 +0100", "/b", user="alice"),  # 40 minutes later, twice in the same second
        apache(f"{DAY}:10:40:00 +0100", "/c", user="alice"),
    ]
    load(warehouse, tmp_path, "access.log", lines)
    build(warehouse)

    assert rows(warehouse, "select started_at, ended_at, page_views from core.visits order by started_at") == [
        (at(10, 0), at(10, 0), 1),
        (at(10, 40), at(10, 40), 2),
    ]
