"""Names, e-mails, Employee IDs and IP addresses stay in staging: core and marts carry salted hashes only."""

from __future__ import annotations

import duckdb
import pytest

from tests.quality.personal_data import looks_like_ip, personal_values


def test_no_value_of_core_or_marts_is_an_email_an_ip_a_roster_name_or_an_employee_id(demo):
    found, looked_at = personal_values(demo.warehouse)  # the committed demo: the generator's, seed 2025
    assert found == []
    assert looked_at > 10_000  # the scan saw the demo's keys, groups, titles and comments


def test_the_scan_finds_each_kind_of_personal_value(tmp_path):
    warehouse = tmp_path / "planted.duckdb"
    with duckdb.connect(str(warehouse)) as connection:
        connection.execute("create schema staging; create schema core; create schema marts")
        connection.execute(
            "create table staging.roster as select * from (values ('E01234', 'Ngozi Okafor')) as roster(employee_id,"
            " name)"
        )
        connection.execute(
            "create table core.clean as select * from (values ('0123456789abcdef0123', 'Civic Centre', 41.03,"
            " '10:00:00')) "
            "as t(person_key, location, share, clock)"
        )
        connection.execute("create table core.visits as select '10.30.0.181 Mozilla/5.0' as visitor, 'x' as other")
        connection.execute(
            "create table marts.people as select 'ngozi okafor' as who, ['a',"
            " 'ngozi.okafor@example.gov.uk'] as emails, 'e01234' as id"
        )
    found, looked_at = personal_values(warehouse)
    assert found == [
        ("core.visits", "visitor", "an IP address: 10.30.0.181 Mozilla/5.0"),
        ("marts.people", "emails", "an e-mail: [a, ngozi.okafor@example.gov.uk]"),
        ("marts.people", "id", "an Employee ID: e01234"),
        ("marts.people", "who", "a roster name: ngozi okafor"),
    ]
    assert looked_at == 8  # the text columns only: 3 + 2 + 3 values


@pytest.mark.parametrize(
    ("text", "is_ip"),
    [
        ("10.0.0.1", True),
        ("client 2001:db8::7 said", True),
        ("::1", True),
        ("10:00:00", False),
        ("41.03", False),
        ("2025-06-03 14:00:00", False),
        ("1.2.3", False),
        ("LAW-07", False),
    ],
)
def test_what_counts_as_an_ip_address(text, is_ip):
    assert looks_like_ip(text) is is_ip
