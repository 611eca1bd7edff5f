"""Attendance exports downloaded in another language are skipped with what they are (issue 13.10)."""

import codecs

import pytest

from pipelines.formats.attendance import parse_attendance
from pipelines.formats.tables import NotATable
from tests.conftest import SAMPLES


@pytest.mark.parametrize(
    ("name", "said"),
    [
        (
            "teams_french_utf16le.csv",
            "a Teams attendance report in French; download it again with Teams set to English",
        ),
        (
            "teams_portuguese_utf16le.csv",
            "a Teams attendance report in Portuguese; download it again with Teams set to English",
        ),
        ("zoom_japanese.csv", "a Zoom participants report in Japanese; download it again with Zoom set to English"),
    ],
)
def test_an_export_in_another_language_says_what_it_is(name, said):
    with pytest.raises(NotATable) as raised:
        parse_attendance(SAMPLES / name)

    assert str(raised.value) == f"{said}, the language Uptake reads"


def test_a_french_teams_log_is_not_half_read(tmp_path):
    # The old Joined/Left log in French: no English column at all.
    text = "Nom complet\tAction de l'utilisateur\tHorodatage\r\nTom Baker\tA rejoint\t03/06/2025 14:00:05\r\n"
    path = tmp_path / "journal.csv"
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))

    with pytest.raises(NotATable, match="a Teams attendance report in French"):
        parse_attendance(path)


@pytest.mark.parametrize(
    "name",
    [
        "teams_3section_utf16le.csv",
        "teams_meeting_summary_2022_utf16le.csv",
        "zoom_participants_meeting_block.csv",
        "zoom_several_meetings.csv",
        "eventbrite_uk.csv",
    ],
)
def test_english_exports_are_not_taken_for_another_language(name):
    assert parse_attendance(SAMPLES / name).rows_read > 0
