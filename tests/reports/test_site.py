"""The published pages built from the hand-counted fixture warehouse: figures, suppression, escaping,
CSV safety, no personal data, and sections that say "not available" when a mart is missing."""

import csv
import io
from pathlib import Path

import duckdb
import pytest

from pipelines.defs.reports.site import build_site
from pipelines.settings import Settings
from tests.reports.pages import read, tables, text
from tests.reports.warehouse import AS_OF, EVIL_TITLE, OPTIONAL, PERSONAL, build_warehouse

LAW_PAGE = "learning-at-work-week-2025/index.html"


def build(tmp_path: Path, without=()) -> Path:
    settings = Settings(
        tmp_path / "raw", tmp_path / "warehouse" / "uptake.duckdb", tmp_path / "reports", tmp_path / "uptake.toml"
    )
    with duckdb.connect(str(build_warehouse(settings.warehouse, settings, without))) as connection:
        build_site(connection, settings.reports_dir, AS_OF, settings)
    return settings.reports_dir


@pytest.fixture
def site(fixture_site) -> Path:
    return fixture_site


def test_every_page_and_file_is_written(site):
    written = sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())
    assert written == [
        "action-learning-sets-2025/index.html",
        "action-learning-sets-2025/reach_by_group.csv",
        "action-learning-sets-2025/sessions.csv",
        "action-learning-sets-2025/ten-things.html",
        "assets/plotly.min.js",
        "assets/present.html",
        "data-quality.html",
        "directorates/adults.html",
        "directorates/children-s.html",
        "directorates/cmd-c-calc-a0.html",
        "directorates/resources.html",
        "index.html",
        "learning-at-work-week-2025/index.html",
        "learning-at-work-week-2025/reach_by_group.csv",
        "learning-at-work-week-2025/reach_by_week.csv",
        "learning-at-work-week-2025/sessions.csv",
        "learning-at-work-week-2025/ten-things.html",
        "learning-at-work-week-2025/visits_by_day.csv",
    ]


def test_pages_load_plotly_from_beside_them_and_nothing_from_elsewhere(site):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "http://" not in html and "https://" not in html and "//cdn" not in html, page
        if 'class="chart-plot"' in html:
            prefix = "../" if page.parent != site else ""
            assert (
                f'script.src = "{prefix}assets/plotly.min.js";' in html and f'src="{prefix}assets/present.html"' in html
            ), page


def chart_data(html: str, div_id: str) -> str:
    """The JSON figure a chart is drawn from."""
    start = html.index(f'<script type="application/json" id="{div_id}-figure">')
    return html[start : html.index("</script>", start)]


def test_index_has_every_programme_with_its_headline_figures_and_the_as_of_date(site):
    page = text(read(site, "index.html"))
    assert "Figures as of 30 June 2025 at 6pm" in page
    assert (
        "Learning at Work Week 2025 4 sessions delivered, 2 June 2025 to 11 June 2025. Headcount of 40 from the HR "
        "roster of 1 May 2025. "
        "participants 19 of the workforce took part 48% got involved in some way 53% attendances 27 intranet visits "
        "per session at least 0.8 "
        "Net Promoter Score +40 cost per participant £67"
    ) in page
    assert (
        "Action Learning Sets 2025 2 sessions delivered, 5 June 2025 to 6 June 2025. Headcount of 9 from the HR "
        "roster of 1 May 2025. "
        "participants 6 of managers took part 67% got involved in some way 67% attendances 11 intranet visits per "
        "session none: no intranet pages "
        "Net Promoter Score not available cost per participant £100"
    ) in page


def test_headline_figures_say_how_they_are_counted_and_from_which_data(site):
    page = text(read(site, LAW_PAGE))
    for figure in [
        "19 participants Employees who attended all or part of at least one session, each counted once. "
        "Data: attendance files for 3 of 4 delivered sessions.",
        "48% of the workforce took part 19 participants out of a headcount of 40 employees in post on 11 June 2025. "
        "Data: HR roster of 1 May 2025.",
        "53% got involved in some way 21 of the 40 took part, gave feedback with their name or visited the programme's "
        "intranet pages signed in.",
        "27 attendances People present for all or part of a session, once per session,"
        " including 1 guest not on the HR roster.",
        # The logs cover 6 of the window's 38 days: the visits read "at least" and say what the logs cover.
        "at least 0.8 intranet visits per session At least 3 visits to the programme's pages over 4 sessions. A visit "
        "is one "
        "person's page views with no gap over 30 minutes; robots left out. Data: intranet logs,"
        " 19 May 2025 to 25 June 2025 "
        "(14 days either side of the sessions); logs cover 30 May 2025 to 4 June 2025; 32 days of the window have no "
        "log: "
        "the visits are at least those shown.",
        "+40 Net Promoter Score",
        "Data: 6 feedback responses (22% of attendances).",
        "£67 cost per participant The cost of the delivered sessions, £1,275, over 19 participants.",
    ]:
        assert figure in page


def test_the_dashboard_says_what_moved_since_the_last_published_refresh(site):
    assert (
        "Since the last published refresh (figures as of 23 June 2025 at 6pm): 19 participants (up 4) 27 attendances "
        "(up 7) "
        "3 intranet visits (no change) 6 feedback responses (down 1)"
    ) in text(read(site, LAW_PAGE))
    assert "Since the last published refresh" not in text(
        read(site, "action-learning-sets-2025/index.html")
    )  # new this week


def test_breakdowns_hide_participant_figures_as_c_and_a_headcount_only_under_min_cell(site):
    found = tables(read(site, LAW_PAGE))
    # Resources (10 people, 3 took part) keeps its headcount; =cmd (3 people) hides it too.
    assert found["Participation by directorate (the chart as a table)"] == [
        ["Directorate", "Headcount", "Participants", "Participation"],
        ["=cmd|' /C calc'!A0", "[c]", "[c]", "[c]"],
        ["Adults", "15", "8", "53%"],
        ["Children's", "12", "6", "50%"],
        ["Resources", "10", "[c]", "[c]"],
    ]
    # Grades in the mart's pay order, not alphabetically.
    assert found["Participation by grade (the chart as a table)"] == [
        ["Grade", "Headcount", "Participants", "Participation"],
        ["SO2", "18", "[c]", "[c]"],
        ["PO3", "20", "11", "55%"],
        ["Chief <b>Officer</b>", "[c]", "[c]", "[c]"],
    ]
    assert found["Participation by sex"][1:] == [["Female", "25", "12", "48%"], ["Male", "15", "7", "47%"]]


def test_charts_mark_hidden_groups_and_rank_only_the_groups_shown(site):
    html = read(site, LAW_PAGE)
    directorate_chart = chart_data(html, "chart-directorate")
    assert '"text":["[c]","53%","50%","[c]"]' in directorate_chart
    assert '","Adults","Children\'s","Resources"]' in directorate_chart
    assert (
        "Of the groups large enough to show, highest participation: Adults (53%). Lowest: Children's (50%). "
        "Across the whole organisation: 48%. 2 groups are too small to show ([c])."
    ) in text(html)
    # Nothing hidden: no caveat needed.
    assert "Highest participation: Adults (67%)." in text(read(site, "action-learning-sets-2025/index.html"))


def test_text_from_the_data_is_escaped_everywhere(site):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<b>Officer" not in html, page
    html = read(site, LAW_PAGE)
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Co" in html  # in the sessions table
    assert (
        '["&lt;script&gt;alert(\\"x\\")&lt;\\u002fscript&gt; &amp; Co",' in html
    )  # in the chart, where plotly reads markup
    assert EVIL_TITLE in text(html)


def test_sessions_table(site):
    html = read(site, LAW_PAGE)
    assert tables(html)["Sessions delivered (the chart as a table)"] == [
        ["Session", "Date", "Attendances", "Capacity", "Fill", "No-shows", "Feedback", "Average rating"],
        ["Coaching conversations Online", "Mon 2 June 2025, 10am", "14", "40", "35%", "1", "4", "4.5"],
        [f"{EVIL_TITLE} Civic Centre", "Tue 3 June 2025, 2pm", "8", "20", "40%", "not known", "2", "4.0"],
        ["Resilience lab Depot", "Tue 10 June 2025, 9:30am", "no data", "30", "–", "not known", "0", "–"],
        ["Menopause awareness Online", "Wed 11 June 2025, 12pm", "5", "25", "20%", "not known", "0", "–"],
    ]
    # Only LAW-01 had booking data: the total says so rather than counting the others' unknowns as 0.
    assert (
        "they are known only where there is booking data (an Eventbrite export,"
        " or a sign-in sheet with a Status column): "
        "1 of 4 sessions, where 1 of 3 bookings were no-shows (33%)."
    ) in text(html)
    assert (
        "Busiest: Coaching conversations on 2 June 2025 with 14 attendances. Quietest: Menopause awareness with 5."
        in text(html)
    )


def test_visits_ratings_and_weeks_have_their_tables_and_summaries(site):
    html = read(site, LAW_PAGE)
    found, page = tables(html), text(html)
    assert found["Visits to the programme's intranet pages per day (the chart as a table)"][3:5] == [
        ["Sun 1 June 2025", "0", "1", "1", "1"],
        ["Mon 2 June 2025", "1", "1", "3", "2"],
    ]
    assert (
        "3 visits to the programme's intranet pages from 30 May 2025 to 4 June 2025. Busiest day: 1 June 2025 with 1 "
        "visit." in page
    )
    assert found["Overall rating: responses per score (the chart as a table)"][3:] == [
        ["3", "1", "16.7%"],
        ["4", "3", "50.0%"],
        ["5", "2", "33.3%"],
    ]
    assert found["How likely people are to recommend it: responses per score (the chart as a table)"][-2:] == [
        ["9", "promoter", "2", "40.0%"],
        ["10", "promoter", "1", "20.0%"],
    ]
    # NPS shares to one decimal, so that the sum a reader checks comes out.
    assert (
        "The most given score was 9 (40.0% of answers). 60.0% would recommend it (9 or 10),"
        " 20.0% were neutral (7 or 8) "
        "and 20.0% would not (0 to 6): Net Promoter Score 60.0% − 20.0% = +40."
    ) in page
    assert "6 feedback responses (22% of attendances). Average rating 4.2 out of 5. Net Promoter Score +40" in page
    assert found["Participants week by week (the chart as a table)"][1:] == [
        ["Week 1: 2 June 2025", "2", "22", "16", "16", "40%"],
        ["Week 2: 9 June 2025", "2", "5", "3", "19", "48%"],
    ]
    assert "By the end of week 2 (beginning 9 June 2025), 19 employees had taken part, 48% of the headcount." in page
    assert html.count('class="chart-plot"') == 7  # directorate, grade, sessions, visits, rating, recommend, weeks


def test_a_programme_without_intranet_pages_feedback_or_weeks_says_so(site):
    html = read(site, "action-learning-sets-2025/index.html")
    page = text(html)
    assert "This programme has no intranet pages" in page
    assert "none intranet visits per session The programme has no intranet pages" in page
    assert "Data: the event catalogue and the settings." in page
    assert (
        "not available Net Promoter Score No feedback response said how likely they are to recommend it. Data: 0 "
        "feedback responses" in page
    )
    assert (
        "11 attendances People present for all or part of a session, once per session; all of them on the HR roster."
        in page
    )
    assert "No feedback was received for this programme." in page
    assert "Reach week by week" not in page  # two days long
    assert tables(html)["Cohorts"] == [
        ["Cohort", "Meetings held", "Members", "Completed", "Completion"],
        ["Set 1", "2", "6", "5", "83%"],
    ]


def test_reach_by_group_csv_hides_small_cells_and_neutralises_formulas(site):
    raw = (site / "learning-at-work-week-2025" / "reach_by_group.csv").read_bytes()
    assert raw.startswith("\ufeff".encode()) and b"\r\n" in raw  # opens in Excel with its accents
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    law = "Learning at Work Week 2025"
    assert rows == [
        ["programme", "dimension", "group", "headcount", "participants", "participation_pct"],
        [law, "directorate", "'=cmd|' /C calc'!A0", "[c]", "[c]", "[c]"],
        [law, "directorate", "Adults", "15", "8", "53.3"],
        [law, "directorate", "Children's", "12", "6", "50.0"],
        [law, "directorate", "Resources", "10", "[c]", "[c]"],
        [law, "grade", "SO2", "18", "[c]", "[c]"],
        [law, "grade", "PO3", "20", "11", "55.0"],
        [law, "grade", "Chief <b>Officer</b>", "[c]", "[c]", "[c]"],
        [law, "manager", "Manager", "8", "[c]", "[c]"],
        [law, "manager", "Not a manager", "32", "[c]", "[c]"],
        [law, "sex", "Female", "25", "12", "48.0"],
        [law, "sex", "Male", "15", "7", "46.7"],
    ]


def test_ten_things_has_copy_ready_sentences_and_one_plain_text_block(site):
    html = read(site, "learning-at-work-week-2025/ten-things.html")
    assert "<li>19 people took part.</li>" in html
    block = html[html.index('<textarea id="bulletin"') :]
    block = block[block.index(">") + 1 : block.index("</textarea>")]
    assert block == (  # a browser drops the newline that follows <textarea>
        "\n3 things we learnt from Learning at Work Week 2025\n\n"
        "1. 19 people took part.\n"
        "2. An estimated 53% of the workforce got involved in some way.\n"
        "3. The Net Promoter Score was +40.\n\n"
        "Figures as of 30 June 2025.\n"
    )
    assert tables(html)["The figures"][1:] == [
        ["1", "Participants", "19"],
        ["2", "Engaged (% of headcount)", "53%"],
        ["3", "Net Promoter Score", "+40"],
    ]
    assert "There are no figures to report for this programme yet." in text(
        read(site, "action-learning-sets-2025/ten-things.html")
    )


def test_directorate_page_puts_the_directorate_next_to_the_organisation(site):
    html = read(site, "directorates/adults.html")
    assert tables(html)["Adults and the whole organisation, by programme (the chart as a table)"][2:] == [
        ["Learning at Work Week 2025 2 June 2025 to 11 June 2025", "15", "8", "53%", "19", "48%"],
        ["Action Learning Sets 2025 5 June 2025 to 6 June 2025", "9", "6", "67%", "6", "67%"],
    ]
    assert "Learning at Work Week 2025: 53% of Adults took part, against 48% across the organisation." in text(html)
    small = read(site, "directorates/resources.html")
    assert tables(small)["Resources and the whole organisation, by programme (the chart as a table)"][2] == [
        "Learning at Work Week 2025 2 June 2025 to 11 June 2025",
        "10",
        "[c]",
        "[c]",
        "19",
        "48%",
    ]
    assert 'class="chart-plot"' not in small and "too small to show for every programme" in text(small)


def test_data_quality_page_lists_files_reasons_sessions_and_checks_without_personal_data(site):
    html = read(site, "data-quality.html")
    found, page = tables(html), text(html)
    # Files by folder and a short hash of their content (audit.files.sha256), never by name.
    assert found["Files read, with their rows kept and set aside"][1:] == [
        ["attendance/, file teams-sh", "teams", "16", "15", "1"],
        ["roster/, file roster-s", "roster csv", "50", "49", "1"],
    ]
    assert found["Files not read, and why"][1:] == [
        ["attendance/, file notes-sh", "not read: the columns are not those of an attendance export"]
    ]
    assert found["Reasons records were set aside"][1:] == [
        [
            "'…' in 3. In-Meeting Activities is not listed once in 2. Participants, so this join was not used.",
            "attendance files",
            "1",
            "attendance/, file teams-sh, row 11, column Name",
        ],
        [
            "Join Time '…' is not a real date.",
            "attendance files",
            "1",
            "attendance/, file teams-sh, row 9, column Join Time",
        ],
        [
            "Overall: '…' is not a rating from 1 to 5; call … or ….",
            "feedback forms",
            "1",
            "feedback/, row 5, column Overall",
        ],
        ["The answer … is not in the roster.", "feedback forms", "1", "feedback/, row 4, column Email"],
        [
            "Employee ID … appears again in the … snapshot; the first row was kept.",
            "HR roster",
            "1",
            "roster/, file roster-s, row 12, column Employee ID",
        ],
    ]
    assert "teams.csv" not in html and "roster-2025-05-01.csv" not in html
    assert (
        "LAW-03 Resilience lab (Learning at Work Week 2025) took place on 10 June 2025 but no attendance file was "
        "found." in page
    )
    # The checks' examples quote the exports: they stay in audit.checks.
    assert found["Checks that failed or warned"][1:] == [
        ["Sessions have a capacity Every session has a capacity", "core.sessions", "warning", "1"],
        ["Emails are unique No two employees share an e-mail", "staging.roster", "warning", "1"],
    ]
    assert found["Checks that passed"][1:] == [
        ["Employee ids are unique Each employee appears once per snapshot", "staging.roster", "passed", "0"]
    ]


def test_no_published_file_holds_personal_data(site):
    for path in site.rglob("*"):
        if path.is_file() and path.name != "plotly.min.js":
            content = path.read_text(encoding="utf-8-sig").lower()
            for personal in PERSONAL:
                assert personal.lower() not in content, f"{personal} in {path.relative_to(site)}"


def test_pages_say_not_available_when_marts_are_missing(tmp_path):
    site = build(tmp_path, without=OPTIONAL)
    law = text(read(site, LAW_PAGE))
    assert "Participation by group is not available" in law
    assert "Intranet figures are not available" in law
    assert "Feedback figures are not available" in law
    assert "19 participants" in law and "Reach week by week" in law
    assert "The ten figures are not available" in text(read(site, "learning-at-work-week-2025/ten-things.html"))
    assert "No checks recorded." in text(read(site, "data-quality.html"))
    assert not (site / "learning-at-work-week-2025" / "reach_by_group.csv").exists()
    assert not (site / "directorates").exists()


def test_intranet_figures_say_what_the_logs_cover_and_the_data_quality_page_lists_each_day(site):
    law = text(read(site, LAW_PAGE))
    assert (
        "The intranet logs do not cover the whole window: logs cover 30 May 2025 to 4 June 2025; 32 days of the "
        "window have "
        "no log. The visits below are at least those shown"
    ) in law
    assert (
        "At least 3 different visitors made 3 visits and 5 page views over the days of the window the logs cover."
        in law
    )
    html = read(site, "data-quality.html")
    days = tables(html)["Intranet log lines per day of Learning at Work Week 2025's window"]
    assert (
        len(days) == 1 + 38
        and days[1] == ["Mon 19 May 2025", "0", "no log"]
        and days[12] == ["Fri 30 May 2025", "10", "yes"]
    )
    # Action Learning Sets has no intranet pages: no coverage to list.
    assert "Intranet log lines per day of Action Learning Sets 2025's window" not in tables(html)
    assert (
        "Learning at Work Week 2025 Logs cover 30 May 2025 to 4 June 2025; 32 days of the window have no log."
        in text(html)
    )


def test_each_dashboard_table_downloads_as_csv_with_the_injection_guard(site):
    folder = site / "learning-at-work-week-2025"
    rows = list(csv.reader(io.StringIO((folder / "sessions.csv").read_bytes().decode("utf-8-sig"))))
    assert rows[0] == [
        "session_id",
        "title",
        "start",
        "location",
        "attendances",
        "capacity",
        "fill_rate_pct",
        "registrations",
        "no_shows",
        "feedback_responses",
        "avg_rating",
    ]
    assert rows[1][:2] + rows[1][4:] == ["LAW-01", "Coaching conversations", "14", "40", "35.0", "3", "1", "4", "4.5"]
    # No booking data: registrations and no-shows are empty, never 0; no attendance data: no fill rate.
    assert rows[2][4:] == ["8", "20", "40.0", "", "", "2", "4.0"]
    assert rows[3][:2] + rows[3][4:] == ["LAW-03", "Resilience lab", "0", "30", "", "", "", "0", ""]
    assert rows[2][1] == EVIL_TITLE  # text, never a formula (the title does not start with one)
    days = list(csv.reader(io.StringIO((folder / "visits_by_day.csv").read_bytes().decode("utf-8-sig"))))
    assert days[0] == ["day", "sessions_delivered", "programme_visits", "page_views", "unique_visitors"]
    assert days[3:5] == [["2025-06-01", "0", "1", "1", "1"], ["2025-06-02", "1", "1", "3", "2"]]
    weeks = list(csv.reader(io.StringIO((folder / "reach_by_week.csv").read_bytes().decode("utf-8-sig"))))
    assert weeks[1:] == [
        ["2025-06-02", "1", "2", "22", "16", "16", "40.0"],
        ["2025-06-09", "2", "2", "5", "3", "19", "47.5"],
    ]
    html = read(site, LAW_PAGE)
    for name in ("sessions.csv", "visits_by_day.csv", "reach_by_week.csv", "reach_by_group.csv"):
        assert f'href="{name}"' in html
    assert not (site / "action-learning-sets-2025" / "visits_by_day.csv").exists()  # no intranet pages, no table
