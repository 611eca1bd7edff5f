"""Attendance exports downloaded in another language: told apart by their words, so they are never half read.

Teams and Zoom write their reports in the language the user's app is set to. Uptake reads
the English ones; a French Teams report would otherwise look like the English one (its
"2. Participants" section has the same word) and lose every name. `describe` says what such
a file is, from the header and summary words only that language's export writes, so the
officer can download it again in English (SPEC section 2: a file in another language is
skipped with a reason that says what it looks like).
"""

from __future__ import annotations

import re

from pipelines.formats.tables import column_key

# (tool, language, words only that language's export writes), compared case- and space-insensitively.
EXPORTS = [
    (
        "Teams",
        "French",
        [
            "Résumé",
            "Titre de la réunion",
            "Participants présents",
            "Heure de début",
            "Heure de fin",
            "Durée de la réunion",
            "Nom",
            "Nom complet",
            "Première participation",
            "Dernier départ",
            "Durée dans la réunion",
            "ID du participant (UPN)",
            "Rôle",
            "Activités dans la réunion",
            "Heure d'arrivée",
            "Heure de départ",
            "Action de l'utilisateur",
            "Horodatage",
        ],
    ),
    (
        "Teams",
        "Portuguese",
        [
            "Resumo",
            "Título da reunião",
            "Participantes presentes",
            "Hora de início",
            "Hora de término",
            "Duração da reunião",
            "Participantes",
            "Nome",
            "Nome completo",
            "Primeira entrada",
            "Última saída",
            "Duração na reunião",
            "ID do participante (UPN)",
            "Função",
            "Atividades na reunião",
            "Hora de entrada",
            "Hora de saída",
            "Ação do usuário",
            "Carimbo de data/hora",
        ],
    ),
    (
        "Zoom",
        "Japanese",
        [
            "ミーティングID",
            "トピック",
            "開始時刻",
            "終了時刻",
            "ユーザーのメール",
            "時間（分）",
            "参加者",
            "名前（元の名前）",
            "参加時刻",
            "退出時刻",
            "期間（分）",
            "ゲスト",
            "録画の同意",
            "待機室内",
        ],
    ),
]
ENOUGH = 3  # distinct words of one language before a file is said to be in it
LINES = 40  # the header and summary words are all near the top

_SECTION_NUMBER = re.compile(r"^\s*\d+\s*\.\s*")  # "1. Résumé" -> "Résumé"
_WORDS = [(tool, language, {column_key(word) for word in words}) for tool, language, words in EXPORTS]


def describe(grid: list[list[str]]) -> str | None:
    """'a Teams attendance report in French: ...' for an export in another language, else None."""
    cells = {column_key(_SECTION_NUMBER.sub("", cell)) for line in grid[:LINES] for cell in line if cell.strip()}
    for tool, language, words in _WORDS:
        if len(cells & words) >= ENOUGH:
            kind = "Teams attendance report" if tool == "Teams" else "Zoom participants report"
            return f"a {kind} in {language}; download it again with {tool} set to English, the language Uptake reads"
    return None
