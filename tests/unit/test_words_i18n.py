"""The analysis and data layers word their answers, citations and problems in the reader's language:
each sentence is one catalog entry, with its money, percentages and plurals in that language.

The catalogs here are temporary (the project's own are translated by the lead), so each test states the
translation it expects and fails if the code builds the sentence from pieces or words money in English."""

import pandas as pd
import pytest

from components.analysis import citation, map_answer, timeline, trade
from components.data import dictionary, loader
from components.i18n import translate, using

PLURAL_FORMS = {
    "ko": "nplurals=1; plural=0;",
    "ja": "nplurals=1; plural=0;",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
}

CATALOGS = {
    "ko": {
        "Trade turnover": "교역액",
        "{series} was {value} in {year}: {share} of the {target} target for {year}.": (
            "{year}년 {series}은 {value}로, {year}년 목표 {target}의 {share}였다."
        ),
    },
    "ru": {
        ("{n} source; figures from {whose}", "{n} sources; figures from {whose}"): (
            "{n} источник; данные: {whose}",
            "{n} источника; данные: {whose}",
            "{n} источников; данные: {whose}",
        ),
        ("{n} event between {first} and {last}.", "{n} events between {first} and {last}."): (
            "{n} событие с {first} по {last} год.",
            "{n} события с {first} по {last} год.",
            "{n} событий с {first} по {last} год.",
        ),
        ("… and {n} more problem", "… and {n} more problems"): (
            "… и ещё {n} ошибка",
            "… и ещё {n} ошибки",
            "… и ещё {n} ошибок",
        ),
        "Calendar year": "Календарный год",
        "line {n}": "строка {n}",
    },
    "ja": {
        "Operational": "運行中",
        "Built or building: {routes}.": "完成・建設中：{routes}。",
        "{name}, {length} ({status})": "{name}（{length}、{status}）",
    },
}


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _po(code: str, entries: dict) -> str:
    lines = [
        'msgid ""',
        'msgstr ""',
        _quoted(f"Language: {code}\n"),
        _quoted(f"Plural-Forms: {PLURAL_FORMS[code]}\n"),
    ]
    for msgid, msgstr in entries.items():
        lines.append("")
        if isinstance(msgid, tuple):
            lines += [f"msgid {_quoted(msgid[0])}", f"msgid_plural {_quoted(msgid[1])}"]
            lines += [f"msgstr[{index}] {_quoted(form)}" for index, form in enumerate(msgstr)]
        else:
            lines += [f"msgid {_quoted(msgid)}", f"msgstr {_quoted(msgstr)}"]
    return "\n".join(lines) + "\n"


@pytest.fixture(autouse=True)
def catalogs(tmp_path, monkeypatch):
    for code, entries in CATALOGS.items():
        folder = tmp_path / code / "LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / "messages.po").write_text(_po(code, entries), encoding="utf-8")
    monkeypatch.setattr(translate, "LOCALES_DIR", tmp_path)
    translate._catalog.cache_clear()
    yield
    translate._catalog.cache_clear()


def _chosen(value_usd_m: float) -> pd.DataFrame:
    return pd.DataFrame({"year": [2020], "flow": ["total"], "value_usd_m": [value_usd_m]})


def test_the_trade_answer_is_one_korean_sentence_with_korean_money():
    with using("ko"):
        answer = trade.answer(_chosen(42.74), "total", 1000.0, 2020)
    assert answer == "2020년 교역액은 4,270만 달러로, 2020년 목표 10억 달러의 4%였다."
    assert trade.answer(_chosen(42.74), "total", 1000.0, 2020) == (
        "Trade turnover was $42.7M in 2020: 4% of the $1,000M target for 2020."
    )


def test_the_map_answer_is_japanese_with_the_status_and_length_in_japanese():
    lines = pd.DataFrame(
        {"name": ["羅津–ハサン鉄道"], "status": ["operational"], "stated_length_km": [54.0], "route_id": ["r"]}
    )
    with using("ja"):
        assert map_answer.routes_answer(lines) == "完成・建設中：羅津–ハサン鉄道（54km、運行中）。"
    assert map_answer.routes_answer(lines) == "Built or building: 羅津–ハサン鉄道, 54 km (operational)."


@pytest.mark.parametrize(
    ("count", "expected"),
    [(1, "1 источник; данные: ТАСС"), (3, "3 источника; данные: ТАСС"), (5, "5 источников; данные: ТАСС"),
     (21, "21 источник; данные: ТАСС")],
)  # fmt: skip
def test_the_sources_line_takes_the_russian_plural_of_its_count(count, expected):
    with using("ru"):
        assert citation.sources_words(count, ["ТАСС"]) == expected


def test_the_timeline_answer_counts_events_in_russian():
    events = pd.DataFrame(
        {
            "event_id": ["a", "b"],
            "start": pd.to_datetime(["2014-03-01", "2014-05-01"]),
            "preferred": [True, True],
        }
    )
    with using("ru"):
        assert timeline.summary(events, (2014, 2014)) == "2 события с 2014 по 2014 год."
        assert timeline.summary(events.iloc[:1], (2014, 2014)) == "1 событие с 2014 по 2014 год."


def test_a_long_list_of_problems_ends_in_the_russian_plural():
    problems = [f"p{number}" for number in range(20)]
    with using("ru"):
        assert loader.listed_problems(problems)[-1] == "… и ещё 5 ошибок"
        assert loader.listed_problems(problems[:17])[-1] == "… и ещё 2 ошибки"


def test_the_data_dictionary_explains_a_canonical_column_in_russian_and_keeps_its_name():
    with using("ru"):
        table = dictionary.data_dictionary("trade")
    year = table[table["column"] == "year"].iloc[0]
    assert year["description"] == "Календарный год"
    assert list(table["column"]) == list(dictionary.data_dictionary("trade")["column"])
