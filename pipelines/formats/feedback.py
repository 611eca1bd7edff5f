"""Feedback form exports (SPEC section 2 `feedback/`, section 3 "Feedback"): one record per response.

Three tools write them: Microsoft Forms (XLSX, or CSV saved from Excel in
Windows-1252), Google Forms (CSV, every field quoted) and SurveyMonkey (CSV with
two header rows, a question's text carried across the blank cells of its options).
The tool is told from the header, never from the file name. Each form is worded
by whoever made it, so which column asks for the session, the rating and the
likelihood to recommend is recognised from whole words of its wording
(`classify_questions`), and settings can name the column outright.

A question that asks for personal details (a name, an e-mail, a phone or an
employee number) is recognised from its words too: its answers are dropped, never
stored, and only the tool's own e-mail column identifies a respondent.

An answer that cannot be read (a sending time included) is quarantined alone
(`Reject(whole_row=False)`) and the rest of the response still counts; a row is
rejected whole only when it is not a response at all. A rating written with its
label ("4 (Exceeds expectations)") is its number; "Not applicable" is no answer.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipelines.formats import dates
from pipelines.formats.tables import NotATable, Parsed, Reject, column_key, read_grid, text_of

COLUMNS = (
    "row response_key submitted_text email name session_answer rating recommend comments answers_fingerprint"
).split()
ROLES = ("session", "recommend", "rating")
SESSION_WORDS = {"session", "lab", "event", "workshop"}
RATING_WORDS = {"rate", "rating", "overall"}
LIKERT = {
    "very poor": 1,
    "poor": 2,
    "average": 3,
    "good": 4,
    "excellent": 5,
    "strongly disagree": 1,
    "disagree": 2,
    "neither agree nor disagree": 3,
    "neutral": 3,
    "agree": 4,
    "strongly agree": 5,
}
RATING_HELP = "a rating from 1 to 5 (a number, Very poor … Excellent, or Strongly disagree … Strongly agree)"
NOT_APPLICABLE = {"not applicable", "n/a", "na"}
_LABELLED = re.compile(r"^\s*(?P<number>\d+(?:\.\d+)?)\s*\((?P<label>[^()]*)\)\s*$")  # "4 (Exceeds expectations)"

# What the tools record about a respondent rather than ask: never a question, never a comment.
# Names are here too, so that a "Name" a form asks for is never published as a quote.
_METADATA = re.compile(
    r"id|starttime|completiontime|lastmodifiedtime|email|emailaddress|name|fullname|yourname"
    r"|timestamp|score|totalpoints|quizfeedback"
    r"|respondentid|collectorid|startdate|enddate|ipaddress|firstname|lastname|customdata\d*"
)
_EMAIL_KEYS = ("email", "emailaddress")
_PHONE_WORDS = {"phone", "telephone", "mobile", "tel"}
_NUMBER_WORDS = {"number", "no", "id", "ref", "reference"}
_PERSON_WORDS = {"employee", "staff", "payroll", "personnel"}
_NAME_KEYS = ("name", "fullname", "yourname", "firstname", "lastname")
_OPEN_ENDED = "open-endedresponse"  # SurveyMonkey's label of a free-text answer; "Response" is a choice


@dataclass(frozen=True)
class Layout:
    """Where one tool keeps its own fields, by column key."""

    format: str
    key: str | None  # the tool's own response ID
    submitted: str  # when the response was sent
    stamps: tuple[str, ...]  # every date column, to tell the file's date order


MSFORMS = Layout("msforms", "id", "completiontime", ("starttime", "completiontime"))
GOOGLE_FORMS = Layout("google-forms", None, "timestamp", ("timestamp",))
SURVEYMONKEY = Layout("surveymonkey", "respondentid", "enddate", ("startdate", "enddate"))


@dataclass
class Question:
    """One question of the form: its wording and its columns (several for a SurveyMonkey multi-choice)."""

    wording: str
    columns: list[int] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)  # SurveyMonkey's second header row
    closed: bool = False  # a choice, not free text: never a comment

    def answer(self, cells: list[str]) -> str:
        return ";".join(cells[index].strip() for index in self.columns if cells[index].strip())


def parse_feedback(path: Path, overrides: Mapping[str, str | Iterable[str]] | None = None) -> Parsed:
    """One record per response of a Microsoft Forms, Google Forms or SurveyMonkey export.

    `overrides` ({'session': 'Which lab…', 'rating': …, 'recommend': …}, from the
    `[feedback]` settings) names a question by its exact wording and wins over the word rules.
    Raises NotATable for a file that is none of these exports.
    """
    grid = read_grid(path)
    top = next((index for index, cells in enumerate(grid) if _filled(cells)), None)
    if top is None:
        raise NotATable("the file has no header row")
    header = [cell.strip() for cell in grid[top]]
    keys = [column_key(cell) for cell in header]
    layout = _detect(keys)
    position = {key: index for index, key in reversed(list(enumerate(keys)))}  # a repeated name: its first column
    labels = _labels(grid, top, position) if layout is SURVEYMONKEY else []
    width = max(len(cells) for cells in grid)
    rows = [
        (number + 1, cells, cells + [""] * (width - len(cells)))
        for number, cells in enumerate(grid)
        if number > top + bool(labels) and _filled(cells)
    ]
    questions = _questions(header, labels, [padded for _, _, padded in rows])
    # A question spanning several columns is a multi-choice: it counts in the fingerprint only.
    single: dict[str, Question] = {}
    for question in questions:
        if len(question.columns) == 1:
            single.setdefault(question.wording, question)
    roles = classify_questions(
        single, overrides, closed=[wording for wording, question in single.items() if question.closed]
    )
    role_of = {role: single.get(roles[role]) for role in ROLES}
    comments = [single[wording] for wording in roles["comments"]]
    # Personal details are dropped here: not a comment, not even in the fingerprint.
    questions = [
        question
        for question in questions
        if not (is_personal(question.wording) and question.wording not in roles.values())
    ]
    submitted_title = header[position[layout.submitted]]

    def cell(cells: list[str], key: str) -> str:
        return cells[position[key]].strip() if key in position else ""

    records, rejects, stamps = [], [], []
    for number, original, cells in rows:
        raw = text_of(original)
        submitted = cell(cells, layout.submitted) or None
        answers = [question.answer(cells) for question in questions]
        if submitted is None and not any(answers):
            reason = f"line {number} has no {submitted_title} and no answers, so it is not a response"
            rejects.append(Reject(number, submitted_title, reason, raw))
            continue
        if submitted is not None and (problem := dates.timestamp_problem(submitted, submitted_title)):
            rejects.append(Reject(number, submitted_title, problem, raw, whole_row=False))
            submitted = None

        session = role_of["session"].answer(cells).rstrip(";").strip() if role_of["session"] else ""
        response_id = cell(cells, layout.key) if layout.key else ""
        records.append(
            {
                "row": number,
                "response_key": f"{layout.format}:{response_id}" if response_id else None,
                "submitted_text": submitted,
                "email": _email(next((cell(cells, key) for key in _EMAIL_KEYS if key in position), "")),
                "name": _name([cell(cells, key) for key in _NAME_KEYS]),
                "session_answer": session or None,
                "rating": _score(role_of["rating"], parse_rating, cells, number, raw, rejects),
                "recommend": _score(role_of["recommend"], parse_recommend, cells, number, raw, rejects),
                "comments": " | ".join(text for question in comments if (text := question.answer(cells))) or None,
                "answers_fingerprint": _fingerprint(questions, cells),
            }
        )
        stamps.extend(cell(cells, key) for key in layout.stamps)
    meta = {"questions": roles, "date_order": dates.date_order(stamps)}
    return Parsed(layout.format, _frame(records), rejects, len(rows), meta)


def classify_questions(
    columns: Iterable[str],
    overrides: Mapping[str, str | Iterable[str]] | None = None,
    closed: Iterable[str] = (),
) -> dict:
    """Which question is the session, the rating, the likelihood to recommend; the rest are comments.

    SPEC section 3: whole words of the wording decide — "recommend" (which wins
    over the rest); "which" with session/lab/event/workshop; "rate"/"rating"/
    "overall" (the one saying "overall" among several, else the first). An
    override gives a question's exact wording (case- and space-insensitive, one
    wording or a list of them, as the settings apply to every form) and wins;
    one that names no column here leaves the word rule to decide.
    Comments are the other questions: not one the word rules recognise (a second
    rating, of the venue say, is not free text), not a `closed` one (a choice),
    not a column the tools fill themselves (ID, times, e-mail, name), and not one
    asking for personal details (`is_personal`).
    Returns {'session', 'rating', 'recommend': wording or None, 'comments': [wordings]}.
    """
    wordings = [
        wording
        for wording in dict.fromkeys(str(column).strip() for column in columns)
        if wording and not _METADATA.fullmatch(column_key(wording))
    ]
    found: dict[str, str | None] = {role: None for role in ROLES}
    for role, wanted in (overrides or {}).items():
        if role not in ROLES:
            raise ValueError(f"feedback setting '{role}' is not one of {', '.join(ROLES)}")
        wanted_keys = {column_key(wording) for wording in ([wanted] if isinstance(wanted, str) else wanted)}
        found[role] = next((wording for wording in wordings if column_key(wording) in wanted_keys), None)
    words = {wording: set(re.findall(r"[^\W_]+", wording.casefold())) for wording in wordings}
    rules = {
        "recommend": lambda asked: "recommend" in asked,
        "session": lambda asked: "which" in asked and bool(asked & SESSION_WORDS) and "recommend" not in asked,
        "rating": lambda asked: bool(asked & RATING_WORDS) and "recommend" not in asked,
    }

    def unclaimed(rule: Callable[[set[str]], bool]) -> list[str]:
        return [wording for wording in wordings if wording not in found.values() and rule(words[wording])]

    for role, rule in rules.items():
        if found[role] is None:
            candidates = unclaimed(rule)
            preferred = [wording for wording in candidates if role == "rating" and "overall" in words[wording]]
            found[role] = next(iter(preferred + candidates), None)
    closed_keys = {column_key(column) for column in closed}
    others = unclaimed(lambda asked: not any(rule(asked) for rule in rules.values()))
    comments = [wording for wording in others if column_key(wording) not in closed_keys and not is_personal(wording)]
    return {**found, "comments": comments}


def is_personal(wording: str) -> bool:
    """True for a question asking for a name, an e-mail, a phone or an employee number (whole words).

    "What is your name?", "Employee Name", "Evaluator Name", "What is your complete email?",
    "Mobile phone", "Staff number". A wording that starts with the verb "Name" ("Name one thing
    you learnt") asks for a comment, not a name.
    """
    words = re.findall(r"[^\W_]+", wording.casefold())
    if not words:
        return False
    asks_name = "name" in words and (len(words) == 1 or words[0] != "name")
    asks_email = (
        "email" in words or "emailaddress" in words or any(a == "e" and b == "mail" for a, b in zip(words, words[1:]))
    )
    asks_number = bool(_PERSON_WORDS & set(words) and _NUMBER_WORDS & set(words))
    return asks_name or asks_email or bool(_PHONE_WORDS & set(words)) or asks_number


def parse_rating(text: object) -> int | None:
    """A 1–5 rating from a number or a Likert word; None when blank, ValueError when unreadable."""
    text = _unlabelled(text)
    words = _words(text)
    if not words:
        return None
    if words in LIKERT:
        return LIKERT[words]
    return _whole_number(text, 1, 5, RATING_HELP)


def parse_recommend(text: object) -> int | None:
    """Likelihood to recommend, a whole number 0–10; None when blank, ValueError when unreadable."""
    text = _unlabelled(text)
    if not _words(text):
        return None
    return _whole_number(text, 0, 10, "a score from 0 to 10")


def _unlabelled(text: object) -> str | None:
    """'4 (Exceeds expectations)' -> '4'; 'Not applicable' and '0 (Not applicable)' -> None (no answer)."""
    if _words(text) in NOT_APPLICABLE:
        return None
    labelled = _LABELLED.match(str(text or ""))
    if labelled:
        return None if _words(labelled["label"]) in NOT_APPLICABLE else labelled["number"]
    return None if text is None else str(text)


def _whole_number(text: object, low: int, high: int, expected: str) -> int:
    try:
        number = float(str(text).strip())
    except ValueError:
        number = float("nan")
    if not number.is_integer() or not low <= number <= high:
        raise ValueError(f"'{str(text).strip()}' is not {expected}")
    return int(number)


def _frame(records: list[dict]) -> pd.DataFrame:
    """The records with the contract's types: scores as Int64, a missing text as None (not NaN)."""
    frame = pd.DataFrame.from_records(records, columns=COLUMNS)
    for column in COLUMNS:
        if column == "row":
            frame[column] = frame[column].astype(int)
        elif column in ("rating", "recommend"):
            frame[column] = frame[column].astype("Int64")
        else:
            frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


def _detect(keys: list[str]) -> Layout:
    """The tool, from the columns it always writes (Google Forms always starts with Timestamp)."""
    present = set(keys)
    if {"respondentid", "enddate"} <= present:
        return SURVEYMONKEY
    if {"id", "starttime", "completiontime"} <= present:
        return MSFORMS
    if keys[0] == "timestamp" and any(key and not _METADATA.fullmatch(key) for key in keys):
        return GOOGLE_FORMS
    raise NotATable(
        "it is not a Microsoft Forms, Google Forms or SurveyMonkey export (its header has none of their columns)"
    )


def _labels(grid: list[list[str]], top: int, position: dict[str, int]) -> list[str]:
    """SurveyMonkey's second header row ("Response", option labels), recognised by its blank Respondent ID."""
    if top + 1 >= len(grid):
        return []
    cells = grid[top + 1]
    index = position["respondentid"]
    is_labels = _filled(cells) and (index >= len(cells) or not cells[index].strip())
    return [cell.strip() for cell in cells] if is_labels else []


def _questions(header: list[str], labels: list[str], rows: list[list[str]]) -> list[Question]:
    """The form's questions in column order, a SurveyMonkey question carried across its blank header cells."""
    questions: list[Question] = []
    current: Question | None = None
    for index, title in enumerate(header):
        if title:
            current = None if _METADATA.fullmatch(column_key(title)) else Question(title)
            if current:
                questions.append(current)
        if current is None or (not title and not labels):
            continue
        current.columns.append(index)
        current.labels.append(labels[index] if index < len(labels) else "")
    for question in questions:
        values = [row[index].strip() for row in rows for index in question.columns if row[index].strip()]
        label = question.labels[0]
        question.closed = (
            len(question.columns) > 1
            or (bool(label) and column_key(label) != _OPEN_ENDED)  # SurveyMonkey "Response" or an option
            or (bool(values) and all(value.endswith(";") for value in values))  # Microsoft Forms multi-select
        )
    return questions


def _score(
    question: Question | None,
    reader: Callable[[str], int | None],
    cells: list[str],
    number: int,
    raw: str,
    rejects: list[Reject],
) -> int | None:
    """The answer read on its scale; an unreadable one is quarantined alone and the response keeps None."""
    try:
        return reader(question.answer(cells) if question else "")
    except ValueError as problem:
        rejects.append(Reject(number, question.wording, f"{question.wording}: {problem}", raw, whole_row=False))
        return None


def _email(text: str) -> str | None:
    """Lower-cased address; Microsoft Forms writes "anonymous" and the others leave it blank."""
    text = text.strip().lower()
    return None if text in ("", "anonymous") else text


def _name(parts: list[str]) -> str | None:
    name = " ".join(part for part in parts if part)
    return None if name.lower() in ("", "anonymous") else name


def _fingerprint(questions: list[Question], cells: list[str]) -> str:
    """A stable hash of the answers, so that one response in two exports without IDs is found again.

    Answers are keyed by question wording (and option label), not position, so a
    re-export with columns moved or added-but-blank gives the same hash. The sending
    time is compared apart, as a time (a CSV's text and an XLSX's date cell are equal).
    """
    answers = sorted(
        (column_key(f"{question.wording} {label}"), _words(cells[index]))
        for question in questions
        for index, label in zip(question.columns, question.labels)
        if cells[index].strip()
    )
    return hashlib.sha256(json.dumps(answers, ensure_ascii=False).encode("utf-8")).hexdigest()[:20]


def _words(text: object) -> str:
    return " ".join(str(text).split()).casefold() if text is not None else ""


def _filled(cells: list[str]) -> bool:
    return any(cell.strip() for cell in cells)
