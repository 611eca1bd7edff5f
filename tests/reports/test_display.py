"""How figures are written: rounding, suppression, CSV safety, contact details in free text."""

from datetime import date, datetime

import pytest

from pipelines.defs.reports import display


@pytest.mark.parametrize(
    ("value", "written"),
    [(41.03, "41%"), (48.5, "49%"), (47.5, "48%"), (0.4, "0%"), (100.0, "100%"), (None, "not available")],
)
def test_percentages_are_whole_numbers_rounded_half_away_from_zero(value, written):
    assert display.pct(value) == written


@pytest.mark.parametrize(
    ("value", "written"), [(32.5, "+33"), (-2.5, "-3"), (0.0, "0"), (-0.4, "0"), (None, "not available")]
)
def test_nps_carries_its_sign(value, written):
    assert display.nps(value) == written


def test_money_is_whole_pounds_and_counts_have_thousands_commas():
    assert display.gbp(67.105) == "£67"
    assert display.gbp(1100) == "£1,100"
    assert display.gbp(12.5) == "£13"
    assert display.count(2345) == "2,345"
    assert display.decimal1(0.75) == "0.8"
    assert display.decimal1(4.1667) == "4.2"


def test_dates_are_written_as_people_write_them():
    assert display.day(date(2025, 6, 3)) == "3 June 2025"
    assert display.moment(datetime(2025, 6, 30, 18, 0)) == "30 June 2025 at 6pm"
    assert display.moment(datetime(2025, 6, 30, 9, 30)) == "30 June 2025 at 9:30am"
    # One date style everywhere (issue 14.8): the month in full, with or without the weekday and time.
    assert display.session_time(datetime(2025, 6, 3, 12, 0)) == "Tue 3 June 2025, 12pm"


def test_plural_and_sentence():
    assert display.plural(1, "visit", "visits") == "1 visit"
    assert display.plural(2000, "visit", "visits") == "2,000 visits"
    assert display.sentence("the answer … is not in the roster") == "The answer … is not in the roster."
    assert display.sentence("Over 500 people took part!") == "Over 500 people took part!"


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
        ("+44 1234", "'+44 1234"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("Adults", "Adults"),
        ("[c]", "[c]"),
        (12, "12"),
        (None, ""),
    ],
)
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(cell, safe):
    assert display.neutralise(cell) == safe


def test_a_file_is_named_by_its_folder_and_a_short_hash_never_its_name():
    name = "attendance/LAW-01/anna.ward@example.gov.uk Anna Ward E10001 10.20.30.40.csv"
    assert display.file_ref(name, "3f2a9c1b" + "0" * 56) == "attendance/, file 3f2a9c1b"


def test_slugs_are_url_safe_and_distinct():
    assert display.slugs(["Learning at Work Week 2025", "Learning at work week 2025!", "Children's"]) == {
        "Learning at Work Week 2025": "learning-at-work-week-2025",
        "Learning at work week 2025!": "learning-at-work-week-2025-2",
        "Children's": "children-s",
    }


def test_ten_things_values_are_written_as_their_kind_of_figure():
    assert display.figure_value(52.5, "engaged_pct") == "53%"
    assert display.figure_value(40.0, "nps") == "+40"
    assert display.figure_value(67.105, "cost_per_participant_gbp") == "£67"
    assert display.figure_value(4.1667, "avg_rating") == "4.2"
    assert display.figure_value(537.0, "participants") == "537"
    assert display.figure_name("repeat_attenders") == "Repeat attenders (two or more sessions)"
    assert display.figure_name("a_new_figure") == "A new figure"
