"""Equality monitoring (SPEC section 5) on a hand-counted workforce of 400, on calendar years.

Sex: 263 Male (81 took part), 134 Female (60; written "Female", "female" or " Female "), 3 Non-binary (all 3
took part). Disability: 40 Yes (20), 350 No (121), 10 blank (3). 144 of 400 took part: 36%.
No Age Band or other equality column: those breakdowns are not there.
Directorates: Resources 200 (80 took part), Place 100 (40): the same 40%; Adults 97 (21); Health 3 (the three
non-binary people, all took part).
"""

from __future__ import annotations

import math

import pytest

from tests.attendance.scenario import materialise
from tests.conftest import query

HEADER = (
    "Employee ID,First Name,Last Name,Email,Directorate,Service,Grade,Is Manager,Location,Start Date,Leave Date,"
    "Sex,Disability\r\n"
)
SEXES = (
    ["Male"] * 263
    + ["Female" if n % 3 == 0 else "female" if n % 3 == 1 else " Female " for n in range(134)]
    + ["Non-binary"] * 3
)
CAME_BY_SEX = {"Male": 81, "Female": 60, "Non-binary": 3}


def workforce() -> tuple[str, list[int]]:
    """The roster, and who came: the first 81 men, the first 60 women, every non-binary person."""
    seen, came = {"Male": 0, "Female": 0, "Non-binary": 0}, []
    for n, written in enumerate(SEXES):
        sex = written.strip().capitalize()
        if seen[sex] < CAME_BY_SEX[sex]:
            came.append(n)
        seen[sex] += 1
    stayed = [n for n in range(400) if n not in set(came)]
    disability = dict(zip(came, ["Yes"] * 20 + ["No"] * 121 + [""] * 3))
    disability.update(zip(stayed, ["Yes"] * 20 + ["No"] * 229 + [""] * 7))
    directorate = dict(zip(came, ["Resources"] * 80 + ["Place"] * 40 + ["Adults"] * 21 + ["Health"] * 3))
    directorate.update(zip(stayed, ["Resources"] * 120 + ["Place"] * 60 + ["Adults"] * 76))
    rows = [
        f"P{n:03d},First{n},Last{n},p{n:03d}@council.gov.uk,{directorate[n]},Service,SO1,N,Civic Centre,"
        f"2015-01-05,,{SEXES[n]},{disability[n]}\r\n"
        for n in range(400)
    ]
    return HEADER + "".join(rows), came


ROSTER, CAME = workforce()
FILES = {
    "roster/roster_2025-01-01.csv": ROSTER,
    "sessions/catalogue.csv": (
        "Session ID,Programme,Title,Start,End,Location,Format,Audience,Capacity,Cost (GBP),Intranet Path,Topic\r\n"
        "EQ-01,Equality essentials,Equality essentials,2025-03-10 10:00,2025-03-10 12:00,Civic Centre,in person,"
        "All staff,400,0,,EDI\r\n"
    ),
    "attendance/EQ-01 sign in.csv": "Session ID,Employee ID\r\n" + "".join(f"EQ-01,P{n:03d}\r\n" for n in CAME),
}
CONFIG = '[refresh]\nas_of = "2025-06-30T18:00:00"\n\n[periods]\nyear_starts = "01-01"\n'


@pytest.fixture(scope="module")
def workforce_2025(tmp_path_factory):
    return materialise(tmp_path_factory.mktemp("equality"), FILES, CONFIG)


def groups(root, dimension: str, columns: str) -> dict[str, tuple]:
    rows = query(root, f"select group_name, {columns} from marts.equality_monitoring where dimension = ?", [dimension])
    return {row[0]: tuple(row[1:]) for row in rows}


def test_a_calendar_year_is_labelled_by_its_year(workforce_2025):
    figures = query(workforce_2025, "select period, headcount, participants, participation_pct from marts.period_reach")
    assert figures == [("2025", 400, 144, 36.0)]


def test_spellings_are_one_group_and_a_group_of_three_is_hidden_with_its_secondary_cell(workforce_2025):
    assert groups(workforce_2025, "sex", "headcount, participants, suppressed, headcount_suppressed") == {
        "Female": (134, 60, True, False),  # the shown group with the fewest participants: it would give Non-binary away
        "Male": (263, 81, False, False),
        "Non-binary": (3, 3, True, True),
    }


def test_a_blank_is_not_known_and_a_missing_column_is_no_breakdown(workforce_2025):
    assert groups(workforce_2025, "disability", "headcount, participants, suppressed") == {
        "No": (350, 121, False),
        "Not known": (10, 3, True),
        "Yes": (40, 20, True),
    }
    dimensions = [row[0] for row in query(workforce_2025, "select distinct dimension from marts.equality_monitoring")]
    assert sorted(dimensions) == ["directorate", "disability", "grade", "location", "manager", "sex"]


def test_shares_ratio_and_findings(workforce_2025):
    female = groups(
        workforce_2025,
        "sex",
        "workforce_share_pct, participant_share_pct, participation_pct, representation_ratio, finding",
    )["Female"]
    assert female[:3] == pytest.approx((33.5, 100 * 60 / 144, 100 * 60 / 134))
    assert female[3] == pytest.approx((100 * 60 / 134) / 36)
    # Female 60/134: Wilson 36.6%-53.2%, wholly over 36%: higher. Male 81/263: 25.5%-36.6%, holds 36%: in line.
    assert female[4] == "higher"
    assert groups(workforce_2025, "sex", "finding")["Male"] == ("in line",)
    assert groups(workforce_2025, "disability", "finding") == {
        "No": ("in line",),
        "Not known": ("in line",),
        "Yes": ("in line",),
    }


def test_the_wilson_interval_matches_the_published_value(workforce_2025):
    """81 of 263: Newcombe (1998), "Two-sided confidence intervals for the single proportion: comparison of seven
    methods", Statistics in Medicine 17, 857-872, example (c), method 3 (Wilson score, no continuity correction):
    0.2553 to 0.3662. The SPEC's formula gives the same to four places."""
    low, high = groups(workforce_2025, "sex", "ci_low_pct, ci_high_pct")["Male"]
    assert (round(low / 100, 4), round(high / 100, 4)) == (0.2553, 0.3662)
    z, n, p = 1.959964, 263, 81 / 263
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    assert (low, high) == pytest.approx((100 * (centre - half), 100 * (centre + half)))


def test_directorates_are_ranked_among_those_shown_ties_sharing_a_rank(workforce_2025):
    assert query(
        workforce_2025,
        "select directorate, headcount, participants, participation_pct, suppressed, rank, "
        "directorates_shown from marts.period_directorates order by directorate",
    ) == [
        ("Adults", 97, 21, 100 * 21 / 97, True, None, 2),  # the secondary cell: it would give Health away
        ("Health", 3, 3, 100.0, True, None, 2),
        ("Place", 100, 40, 40.0, False, 1, 2),
        ("Resources", 200, 80, 40.0, False, 1, 2),
    ]
    place = (workforce_2025 / "reports" / "directorates" / "place.html").read_text(encoding="utf-8")
    assert "40% of Place (40 of 100 employees)" in place and "it ranks 1 of the 2 directorates" in place
