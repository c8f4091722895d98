"""The translation function, the reader's language and locale formatting, per language."""

import pytest

from components.analysis import formats
from components.i18n import LANGUAGES, _, language, ngettext, set_language, translate, using


@pytest.fixture(autouse=True)
def english_after():
    yield
    set_language("en")


def test_english_is_the_default_and_unknown_codes_mean_english():
    assert language() == "en"
    assert set_language("xx") == "en"
    assert set_language("ko") == "ko"


def test_a_translated_string_follows_the_language_and_using_restores_it():
    assert _("Trade") == "Trade"
    with using("ko"):
        assert _("Trade") == "교역"
        with using("ru"):
            assert _("Trade") == "Торговля"
        assert _("Trade") == "교역"
    assert _("Trade") == "Trade"


def test_a_string_without_translation_stays_english():
    with using("ja"):
        assert _("A sentence no catalog holds") == "A sentence no catalog holds"


def test_plural_forms_follow_each_language(tmp_path, monkeypatch):
    folder = tmp_path / "ru" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "messages.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: ru\\n"\n'
        '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && '
        '(n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n'
        'msgid "{n} source"\nmsgid_plural "{n} sources"\n'
        'msgstr[0] "{n} источник"\nmsgstr[1] "{n} источника"\nmsgstr[2] "{n} источников"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(translate, "LOCALES_DIR", tmp_path)
    translate._catalog.cache_clear()
    try:
        with using("ru"):
            words = [ngettext("{n} source", "{n} sources", n).format(n=n) for n in (1, 3, 5, 11, 21, 22)]
        assert words == ["1 источник", "3 источника", "5 источников", "11 источников", "21 источник", "22 источника"]
        assert ngettext("{n} source", "{n} sources", 2) == "{n} sources"
    finally:
        translate._catalog.cache_clear()


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", ["$112.7M", "$1.00B", "$42.74M"]),
        ("ko", ["1억 1,270만 달러", "10억 달러", "4,274만 달러"]),
        ("ru", ["$112,7\u00a0млн", "$1,00\u00a0млрд", "$42,74\u00a0млн"]),
        ("ja", ["1億1,270万ドル", "10億ドル", "4,274万ドル"]),
    ],
)
def test_money_reads_as_each_language_writes_it(code, expected):
    with using(code):
        assert [formats.money(112.7), formats.money(1000), formats.money(42.74, 2)] == expected
        assert formats.money(float("nan")) == _("not stated")


def test_small_myriad_amounts_keep_their_precision():
    with using("ko"):
        assert formats.money(0.5) == "50만 달러"
        assert formats.money(-3.2) == "−320만 달러"
        assert formats.money(25_000) == "250억 달러"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", ["14.5%", "−2.9%", "+40.0%"]),
        ("ru", ["14,5\u00a0%", "−2,9\u00a0%", "+40,0\u00a0%"]),
        ("ja", ["14.5%", "−2.9%", "+40.0%"]),
    ],
)
def test_percentages(code, expected):
    with using(code):
        assert [formats.percent(14.5), formats.percent(-2.9), formats.percent(40, signed=True)] == expected


@pytest.mark.parametrize(
    ("code", "day", "month"),
    [
        ("en", "3 Sep 2014", "Mar 2014"),
        ("ko", "2014년 9월 3일", "2014년 3월"),
        ("ru", "3 сент. 2014\u202fг.", "март 2014\u202fг."),
        ("ja", "2014年9月3日", "2014年3月"),
    ],
)
def test_dates_read_as_each_language_writes_them(code, day, month):
    with using(code):
        assert formats.day_date("2014-09-03") == day
        assert formats.event_date("2014-03-18", "month") == month
        assert formats.event_date("2014-03-18", "month", "2014-05-01").count("2014") == 2


def test_numbers_and_lengths_use_the_readers_marks():
    with using("ru"):
        assert formats.number(1234.5, 1) == "1\u00a0234,5"
        assert formats.length_km(1100) == "1\u00a0100\u00a0км"
    assert formats.length_km(1100) == "1,100 km"
    assert set(LANGUAGES) == {"en", "ko", "ru", "ja"}
