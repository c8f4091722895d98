import pandas as pd

from components.analysis import plotted_words, scenarios, trade
from components.i18n import translate

ROWS = pd.DataFrame(
    {
        "year": [2013, 2013, 2014, 2014, 2020],
        "series": [
            trade.FLOW_LABELS["total"],
            trade.OTHER_SOURCES.format(series=trade.FLOW_LABELS["total"]),
            trade.TARGET_PATH,
            "Target",
            "ACME · Trade turnover",
        ],
        "value_usd_m": [100.0, 0.0, 110.0, 120.0, 5.0],
        "source_id": ["s1", "s2", "s1", "s3", "upload-1"],
        "agency": ["Russian customs (via RFA)", "KOTRA", trade.COMPUTED, trade.COMPUTED, "ACME"],
        "role": ["actual", "alternative", "target_path", scenarios.ROLE, "upload"],
    }
)
SOURCES = pd.DataFrame(
    {"source_id": ["s1"], "agency": ["러시아 세관(RFA 재인용)"], "agency_key": ["Russian customs (via RFA)"]}
)


def test_every_plotted_role_has_words():
    roles = {"actual", "alternative", "comparator", "baseline", "target", "target_path", "scenario", "upload"}
    assert roles | {scenarios.ROLE} == set(plotted_words.ROLE_WORDS)


def test_korean_words_for_our_names_and_names_people_gave_kept():
    with translate.using("ko"):
        shown = plotted_words.readable(ROWS, SOURCES)
    assert shown["series"].tolist() == [
        "교역액",
        "교역액 — 다른 출처",
        "목표 경로(필요 성장률)",
        "Target",  # a scenario someone named "Target" keeps its name
        "ACME · 교역액",  # an uploaded file's agency keeps its name
    ]
    assert shown["role"].tolist() == [
        "발표 수치",
        "다른 출처의 수치",
        "필요 성장 경로",
        "이름 붙인 시나리오",
        "내 파일",
    ]
    assert shown["agency"].tolist() == ["러시아 세관(RFA 재인용)", "KOTRA", "계산값", "계산값", "ACME"]
    assert shown["reading"].tolist() == ["", "없음(명시)", "", "", ""]


def test_the_table_itself_keeps_the_codes_the_export_writes():
    before = ROWS.copy()
    with translate.using("ru"):
        plotted_words.readable(ROWS, SOURCES)
    pd.testing.assert_frame_equal(ROWS, before)


def test_english_roles_are_words_not_codes():
    shown = plotted_words.readable(ROWS, SOURCES.iloc[0:0])
    assert shown["role"].iloc[0] == "reported figure" and shown["agency"].iloc[0] == "Russian customs (via RFA)"


def test_an_uploaded_series_keeps_its_agency_and_words_its_flow():
    with translate.using("ru"):
        words = plotted_words.series_words("ACME · Trade turnover", "upload")
        unknown = plotted_words.series_words("ACME · something else", "upload")
    assert words.startswith("ACME · ") and "Trade turnover" not in words
    assert unknown == "ACME · something else"
