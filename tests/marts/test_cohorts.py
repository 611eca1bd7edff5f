"""marts.cohort_members and marts.cohort_summary: who stayed the course (SPEC section 3 "Cohorts")."""

from __future__ import annotations

from tests.marts.scenario import ALS, BRIEFED, MB, NOT_A_MANAGER, SET_1, SET_2, employee_id, query


def members(warehouse, programme: str) -> dict[str, tuple]:
    """Each member's (cohort, meetings attended, meetings held, completed), by Employee ID."""
    rows = query(
        warehouse,
        """select roster.employee_id, members.cohort, members.meetings_attended, members.meetings_held,
                  members.completed
           from marts.cohort_members as members
           join (select distinct employee_id, person_hash(?, employee_id) as person_key from staging.roster) as roster
               using (person_key)
           where members.programme = ?""",
        [(warehouse.parent / "person_key.salt").read_text().strip(), programme],
    )
    return {employee: tuple(rest) for employee, *rest in rows}


def test_cohort_summary(warehouse):
    assert query(
        warehouse,
        "select programme, cohort, members, meetings_held, completed_members, completion_pct from marts.cohort_summary",
    ) == [
        # Set 1: 8 booked, one cancelled every booking (no member); 4 came to all 5, one to 4 of 5 (80%).
        (ALS, "Set 1", 7, 5, 5, 100 * 5 / 7),
        # Set 2: ALS-23 was cancelled and ALS-25 is after the refresh: 3 meetings held.
        (ALS, "Set 2", 4, 3, 2, 50.0),
        # No Cohort value and every session for managers: the whole programme is one cohort.
        (MB, MB, 4, 2, 3, 75.0),
    ]


def test_action_learning_set_members(warehouse):
    assert members(warehouse, ALS) == {
        employee_id(SET_1[0]): ("Set 1", 5, 5, True),
        employee_id(SET_1[1]): ("Set 1", 5, 5, True),
        employee_id(SET_1[2]): ("Set 1", 5, 5, True),
        employee_id(SET_1[3]): ("Set 1", 5, 5, True),
        employee_id(SET_1[4]): ("Set 1", 4, 5, True),  # exactly 80%
        employee_id(SET_1[5]): ("Set 1", 3, 5, False),
        employee_id(SET_1[6]): ("Set 1", 0, 5, False),  # booked, never came: a member all the same
        employee_id(SET_2[0]): ("Set 2", 3, 3, True),
        employee_id(SET_2[1]): ("Set 2", 3, 3, True),
        employee_id(SET_2[2]): ("Set 2", 2, 3, False),  # 67%
        employee_id(SET_2[3]): ("Set 2", 1, 3, False),  # booked for two more, not marked: no-shows
    }
    assert employee_id(SET_1[7]) not in members(warehouse, ALS)  # cancelled bookings count nowhere
    assert employee_id(NOT_A_MANAGER) not in members(warehouse, ALS)  # came, but not in a managers' headcount


def test_a_managers_programme_without_cohorts_is_one(warehouse):
    assert members(warehouse, MB) == {
        **{employee_id(person): (MB, 2, 2, True) for person in BRIEFED[:3]},
        employee_id(BRIEFED[3]): (MB, 1, 2, False),
    }


def test_a_programme_for_all_staff_has_no_cohort(warehouse):
    assert query(warehouse, "select count(*) from marts.cohort_members where programme like 'Learning%'") == [(0,)]


def test_cohort_summary_says_what_publication_hides(warehouse):
    # min_cell 5: Set 1 (7 members, 5 completed) is shown; Set 2 (4 members) and MB (4 members) are hidden whole.
    assert query(warehouse, "select cohort, members_suppressed, completed_suppressed from marts.cohort_summary") == [
        ("Set 1", False, False),
        ("Set 2", True, True),
        (MB, True, True),
    ]
