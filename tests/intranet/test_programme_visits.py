"""Programme page views, visits and visitors inside the programme window (SPEC section 3 "Intranet").

The catalogue tables are made by hand here, as the catalogue asset writes them:
Learning at Work Week's delivered sessions run from Monday 2 to Wednesday 4 June
2025, so its window is 00:00 on 19 May to the end of 18 June, London summer time:
2025-05-18 23:00 UTC (inclusive) to 2025-06-18 23:00 UTC (exclusive).
"""

from __future__ import annotations

import pytest

from tests.intranet.conftest import CHROME, apache, build, hashed, iis, load, rows

LAW = "Learning at Work Week"

CATALOGUE = f"""
create or replace table core.sessions as
select * from (values
    ('LAW-01', '{LAW}', 'Coaching', timestamp '2025-06-02 10:00', timestamp '2025-06-02 11:00',
        true, '/learning/law/coaching'),
    ('LAW-02', '{LAW}', 'Wellbeing', timestamp '2025-06-04 14:00', timestamp '2025-06-04 15:00',
        true, '/learning/law/wellbeing'),
    ('LAW-03', '{LAW}', 'Coaching again', timestamp '2025-06-04 10:00', timestamp '2025-06-04 11:00',
        true, '/learning/law/coaching'),
    ('LAW-04', '{LAW}', 'Cancelled', timestamp '2025-06-20 10:00', timestamp '2025-06-20 11:00',
        false, '/learning/law/cancelled'),
    ('LEAD-01', 'Leadership', 'Set 1', timestamp '2025-03-20 09:00', timestamp '2025-03-20 12:00',
        true, '/learning/leadership/set-1')
) as sessions(session_id, programme, title, start_at, end_at, delivered, intranet_path);

create or replace table core.programmes as
select * from (values
    ('{LAW}', timestamptz '2025-05-18 23:00:00+00', timestamptz '2025-06-18 23:00:00+00'),
    -- 00:00 GMT on 6 March to the end of 3 April, by then summer time
    ('Leadership', timestamptz '2025-03-06 00:00:00+00', timestamptz '2025-04-03 23:00:00+00'),
    ('Dormant', null, null)
) as programmes(programme, window_start, window_end);

create or replace table core.programme_paths as
select programme, session_id, intranet_path as path from core.sessions
union all
select * from (values ('{LAW}', null, '/learning/law'), ('Leadership', null, '/learning/leadership'))
"""

PEOPLE = """
create or replace table staging.person_identifiers as
select * from (values
    ('P1', 'employee_id', 'E1'), ('P1', 'username', 'alice'),
    ('P1', 'email', 'alice.smith@council.gov.uk'), ('P1', 'email_local', 'alice.smith'),
    ('P3', 'employee_id', 'E3'), ('P3', 'email', 'carol@council.gov.uk'), ('P3', 'email_local', 'carol'),
    ('P4', 'employee_id', 'E4'), ('P4', 'email', 'carol@school.org.uk'), ('P4', 'email_local', 'carol'),
    ('P5', 'employee_id', 'E5'), ('P5', 'email', 'erin@council.gov.uk'), ('P5', 'email_local', 'erin')
) as identifiers(person_key, kind, value);

create or replace table staging.corrections (row bigint, kind varchar, value varchar, maps_to varchar, file varchar)
"""

APACHE = [
    apache("18/Jun/2025:23:59:00 +0100", "/learning/law/coaching", user="alice"),  # 1 last minute of the window
    apache("19/Jun/2025:00:00:00 +0100", "/learning/law/coaching", user="bob"),  # 2 just after it
    apache("19/May/2025:00:00:00 +0100", "/learning/law", user="EXAMPLE\\\\carol"),  # 3 first moment
    apache("18/May/2025:23:59:59 +0100", "/learning/law", user="dave"),  # 4 just before it
    apache("05/Jun/2025:12:00:00 +0100", "/learning/lawyers", user="gina"),  # 5 not under /learning/law
    apache("04/Jun/2025:10:00:00 +0100", "/learning/law/wellbeing/agenda", user="alice"),  # 6 LAW-02's page
    apache("04/Jun/2025:10:05:00 +0100", "/learning/law/Coaching/?from=agenda", user="alice"),  # 7 same visit
    apache("05/Jun/2025:12:00:00 +0100", "/learning/law", client="10.9.9.9", agent=CHROME),  # 8 anonymous
    apache("04/Jun/2025:10:06:00 +0100", "/static/law.css", user="alice"),  # 9 not a page view
    apache("20/Mar/2025:09:00:00 +0000", "/learning/leadership/set-1", user="hank"),  # 10 Leadership, GMT
]
IIS = iis(
    [
        "2025-06-18 22:59:00 10.0.0.5 EXAMPLE\\erin GET /learning/law/coaching 200 Mozilla/5.0",  # 23:59 BST: in
        "2025-06-18 23:00:00 10.0.0.6 EXAMPLE\\frank GET /learning/law/coaching 200 Mozilla/5.0",  # 00:00 BST: out
    ]
)


@pytest.fixture
def programme_warehouse(warehouse, tmp_path):
    warehouse.execute(CATALOGUE)
    warehouse.execute(PEOPLE)
    load(warehouse, tmp_path, "access.log", APACHE)
    load(warehouse, tmp_path, "u_ex250618.log", IIS)
    build(warehouse, through="intranet_engaged.sql")
    return warehouse


def test_programme_page_views_inside_the_window(programme_warehouse):
    assert rows(
        programme_warehouse,
        "select file_id, line, session_id, visitor, path from core.programme_page_views"
        " where programme = ? order by viewed_at, file_id, line",
        [LAW],
    ) == [
        ("access.log", 3, None, hashed("carol"), "/learning/law"),
        ("access.log", 6, "LAW-02", hashed("alice"), "/learning/law/wellbeing/agenda"),
        ("access.log", 7, "LAW-01", hashed("alice"), "/learning/law/coaching"),
        ("access.log", 8, None, hashed(f"10.9.9.9 {CHROME}"), "/learning/law"),
        # 23:59 on 18 June, London time, written two ways
        ("access.log", 1, "LAW-01", hashed("alice"), "/learning/law/coaching"),
        ("u_ex250618.log", 3, "LAW-01", hashed("erin"), "/learning/law/coaching"),
    ]
    # carol's user name is two employees' e-mail local part: she links to nobody.
    assert rows(
        programme_warehouse,
        "select line, person_key, is_authenticated from core.programme_page_views where programme = ? and file_id = "
        "'access.log'"
        " order by line",
        [LAW],
    ) == [(1, "P1", True), (3, None, True), (6, "P1", True), (7, "P1", True), (8, None, False)]


def test_programme_figures(programme_warehouse):
    assert rows(
        programme_warehouse,
        "select programme, page_views, programme_visits, unique_visitors, authenticated_visitors"
        " from core.programme_intranet order by programme",
    ) == [
        ("Dormant", 0, 0, 0, 0),
        ("Leadership", 1, 1, 1, 1),
        # alice twice (4 and 18 June), carol, erin, the anonymous reader
        (LAW, 6, 5, 4, 3),
    ]


def test_session_visits_are_those_under_its_own_path(programme_warehouse):
    assert rows(
        programme_warehouse,
        "select session_id, page_views, programme_visits from core.session_intranet order by session_id",
    ) == [
        ("LAW-01", 3, 3),  # alice on 4 and 18 June, erin
        ("LAW-02", 1, 1),
        ("LAW-03", 3, 3),  # shares LAW-01's page: the same visits count for both
        ("LAW-04", 0, 0),
        ("LEAD-01", 1, 1),
    ]


def test_engaged_people_link_by_username_email_or_correction(programme_warehouse):
    # alice by username, erin by the part of her e-mail before the @; carol's is two people's; hank no one's.
    assert rows(programme_warehouse, "select programme, person_key from core.intranet_engaged order by all") == [
        (LAW, "P1"),
        (LAW, "P5"),
    ]

    programme_warehouse.execute(
        "insert into staging.corrections values (2, 'person', 'EXAMPLE\\carol', 'E3', 'corrections/fixes.csv')"
    )
    build(programme_warehouse, through="intranet_engaged.sql")
    assert rows(programme_warehouse, "select programme, person_key from core.intranet_engaged order by all") == [
        (LAW, "P1"),
        (LAW, "P3"),
        (LAW, "P5"),
    ]


PUBLIC_INTRANET_TABLES = (
    "core.page_views",
    "core.visits",
    "core.programme_page_views",
    "core.programme_intranet",
    "core.session_intranet",
    "core.intranet_engaged",
)


def test_no_core_intranet_column_holds_a_user_name_an_ip_address_or_a_user_agent(programme_warehouse, tmp_path):
    load(
        programme_warehouse,
        tmp_path,
        "more.log",
        [
            apache(
                "03/Jun/2025:10:00:00 +0100", "/learning/law", client="192.168.7.21", user="alice.smith@council.gov.uk"
            ),
            apache("03/Jun/2025:10:00:00 +0100", "/learning/law", client="2001:db8::7", user="-"),
        ],
    )
    build(programme_warehouse, through="intranet_engaged.sql")
    assert rows(
        programme_warehouse,
        "select person_key from staging.intranet_users where username = 'alice.smith@council.gov.uk'",
    ) == [("P1",)]

    personal = ["@", "192.168.", "2001:db8", "10.0.0.", "10.9.9.9", "Mozilla", "alice", "carol", "erin", "example"]
    found = []
    for table in PUBLIC_INTRANET_TABLES:
        schema, name = table.split(".")
        columns = [
            column
            for (column,) in rows(
                programme_warehouse,
                "select column_name from information_schema.columns where table_schema = ? and table_name = ?",
                [schema, name],
            )
        ]
        for column in columns:
            values = {
                value for (value,) in rows(programme_warehouse, f'select distinct "{column}"::varchar from {table}')
            }
            found += [(table, column, value) for value in values if value and any(part in value for part in personal)]
    assert found == []
    # Still every visitor counted apart: 9 before (7 in access.log, 2 in the IIS log), the e-mail user (another
    # visitor than 'alice', but the same employee P1) and the IPv6 reader; employees P1 and P5.
    assert rows(
        programme_warehouse, "select count(distinct visitor), count(distinct person_key) from core.page_views"
    ) == [(11, 2)]


def test_rebuilding_gives_the_same_figures(programme_warehouse, tmp_path):
    load(programme_warehouse, tmp_path, "access.log", APACHE)
    build(programme_warehouse, through="intranet_engaged.sql")

    assert rows(
        programme_warehouse,
        "select page_views, programme_visits from core.programme_intranet where programme = ?",
        [LAW],
    ) == [(6, 5)]


def test_a_build_runs_again_only_when_what_it_reads_has_changed(programme_warehouse, tmp_path):
    from pipelines.defs.intranet.assets import BUILDS, _build

    def rebuilt(visit_gap_minutes: int = 30, salt: str = "salt") -> list[str]:
        parameters = {"visit_gap_minutes": visit_gap_minutes, "salt": salt}
        return [build.name for build in BUILDS if _build(programme_warehouse, build, parameters)]

    everything = ["intranet users", "page views and visits", "programme visits"]
    assert rebuilt() == everything  # no build recorded yet
    assert rebuilt() == []
    # A longer visit gap merges none of these visits: new page views table, the same rows, nothing downstream.
    assert rebuilt(visit_gap_minutes=45) == ["page views and visits"]
    assert rebuilt(visit_gap_minutes=45, salt="another") == ["page views and visits", "programme visits"]
    # carol's correction links her: her page views now carry a person_key, and she is engaged.
    programme_warehouse.execute(
        "insert into staging.corrections values (2, 'person', 'EXAMPLE\\carol', 'E3', 'corrections/fixes.csv')"
    )
    assert rebuilt(visit_gap_minutes=45, salt="another") == everything
    assert rows(
        programme_warehouse, "select person_key from core.intranet_engaged where programme = ? order by all", [LAW]
    ) == [("P1",), ("P3",), ("P5",)]
    load(programme_warehouse, tmp_path, "more.log", [apache("05/Jun/2025:09:00:00 +0100", "/learning/law", user="zoe")])
    assert rebuilt(visit_gap_minutes=45, salt="another") == everything
    assert rows(
        programme_warehouse,
        "select page_views, unique_visitors from core.programme_intranet where programme = ?",
        [LAW],
    ) == [(7, 5)]
