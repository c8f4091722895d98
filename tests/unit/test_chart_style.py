"""Shared chart style helpers (components/chart_style.py)."""

from components.charts import chart_style


def test_label_margin_grows_with_the_widest_label_and_makes_room_for_the_axis_title():
    short = chart_style.label_margin(["visit"])
    assert chart_style.label_margin(["visit", "infrastructure"]) > short
    assert chart_style.label_margin(["infrastructure"]) >= 102  # settled width measured in Chromium
    assert chart_style.label_margin(["visit"], with_title=False) < short
    assert chart_style.label_margin([]) > 0


def test_text_width_counts_wide_and_narrow_characters_apart():
    assert chart_style.text_width_px("ABC") > chart_style.text_width_px("abc") > chart_style.text_width_px("ili")
    assert chart_style.text_width_px("10,000") > chart_style.text_width_px("1,000")
    assert chart_style.text_width_px("") == 0
    # Cyrillic lower case is wider than Latin in the chart font (Russian source lines ran past the chart).
    assert chart_style.text_width_px("правительство") > 1.05 * chart_style.text_width_px("abcdefghjknop")


def test_the_shared_margin_fits_a_money_axis():
    # "10,000" and the rotated "USD million" title settled at 57 px on the Debt chart in Chromium.
    assert chart_style.MARGIN["l"] == chart_style.MONEY_AXIS_MARGIN >= 57


def test_charts_group_digits_as_the_readers_language_does():
    from components.i18n import using

    assert chart_style.layout(title="t", source_note="s")["separators"] == ".,"
    with using("ru"):
        assert chart_style.layout(title="t", source_note="s")["separators"] == ",\u00a0"


def widths(lines: list[str], font_px: float) -> list[float]:
    return [chart_style.text_width_px(line, font_px) for line in lines]


def test_a_long_title_breaks_at_spaces_into_lines_that_fit_a_half_screen_chart():
    title = "Repayment schedule; present values at 5.0% a year, valued at 2012-09-17"
    lines = chart_style.wrapped_lines(title, chart_style.TEXT_WIDTH_PX, chart_style.TITLE_FONT_PX)
    assert len(lines) == 2  # 72 characters of 16 px text are about 560 px; the chart at 900 px is about 440
    assert " ".join(lines) == title
    assert max(widths(lines, 16)) <= chart_style.TEXT_WIDTH_PX
    assert chart_style.wrapped_lines("Short title") == ["Short title"]
    assert chart_style.wrapped_lines("") == [""]


def test_a_russian_title_breaks_too_and_a_word_wider_than_a_line_stays_whole():
    title = "График погашения; приведённая стоимость по ставке 5,0% в год на дату 17.09.2012"
    lines = chart_style.wrapped_lines(title, 420, 16)
    assert len(lines) >= 2 and " ".join(lines) == title
    assert max(widths(lines, 16)) <= 420
    long_word = "x" * 100
    assert chart_style.wrapped_lines(f"a {long_word} b", 200, 16) == ["a", long_word, "b"]


def test_japanese_without_spaces_breaks_between_characters_but_never_before_closing_punctuation():
    title = "返済スケジュール。現在価値は年5.0%で割り引き、2012年9月17日時点で評価した金額、百万米ドル"
    lines = chart_style.wrapped_lines(title, 200, 16)
    assert len(lines) >= 3 and "".join(lines) == title
    assert max(widths(lines, 16)) <= 200
    assert not any(line[0] in "、。" for line in lines)
    # Hangul is as wide as Han: a Korean title is measured as such.
    assert chart_style.text_width_px("상환 일정") > chart_style.text_width_px("abcde")


def test_layout_breaks_title_and_source_line_each_line_escaped_and_makes_room_for_the_added_lines():
    title = "A <b>title</b> & more words " * 4
    source = "Sources: " + "; ".join(f"Agency {n} <i>" for n in range(12))
    one_line = chart_style.layout(title="t", source_note="s", height=400)
    styled = chart_style.layout(title=title, source_note=source, height=400)
    title_lines = styled["title"]["text"].split("<br>")
    source_lines = styled["annotations"][0]["text"].split("<br>")
    assert len(title_lines) >= 2 and len(source_lines) >= 2
    assert "<b>" not in styled["title"]["text"] and "&amp;" in styled["title"]["text"]
    assert "<i>" not in styled["annotations"][0]["text"]
    # plotly hangs a title of several lines 11 px higher than one line: it is padded down, with room for it.
    more_top = chart_style.TITLE_LINE_PX * (len(title_lines) - 1) + 11
    more_bottom = chart_style.SOURCE_LINE_PX * (len(source_lines) - 1)
    assert (one_line["title"]["pad"]["t"], styled["title"]["pad"]["t"]) == (10, 21)
    assert styled["margin"]["t"] == one_line["margin"]["t"] + more_top
    assert styled["margin"]["b"] == one_line["margin"]["b"] + more_bottom
    assert styled["height"] == 400 + more_top + more_bottom
    # The source line's last line stays 8 px above the chart's bottom edge, in the widened margin, and it
    # starts at the chart's left edge, as the title does, not at the plot's (the axis labels' room is its too).
    assert styled["annotations"][0]["yshift"] == -styled["margin"]["b"] + 8
    assert styled["annotations"][0]["xshift"] == -styled["margin"]["l"]
    assert one_line["margin"] == chart_style.MARGIN


def test_a_source_line_under_the_title_is_its_subtitle_with_room_for_each_of_its_lines():
    source = "Sources: " + "; ".join(f"Agency {n}" for n in range(12))
    styled = chart_style.layout(title="t", source_note=source, source_under_title=True, height=200, margin=MARGIN_40)
    lines = styled["title"]["subtitle"]["text"].split("<br>")
    assert len(lines) >= 2 and lines[0].startswith("Sources: Agency 0")
    assert styled["annotations"] == []  # nothing under the plot, where a legend may grow
    assert styled["margin"]["t"] == 40 + chart_style.SUBTITLE_LINE_PX * len(lines)
    assert styled["margin"]["b"] == 72
    assert styled["height"] == 200 + chart_style.SUBTITLE_LINE_PX * len(lines)


MARGIN_40 = {"l": 8, "r": 8, "t": 40, "b": 72}
