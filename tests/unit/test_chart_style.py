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


def test_the_shared_margin_fits_a_money_axis():
    # "10,000" and the rotated "USD million" title settled at 57 px on the Debt chart in Chromium.
    assert chart_style.MARGIN["l"] == chart_style.MONEY_AXIS_MARGIN >= 57


def test_charts_group_digits_as_the_readers_language_does():
    from components.i18n import using

    assert chart_style.layout(title="t", source_note="s")["separators"] == ".,"
    with using("ru"):
        assert chart_style.layout(title="t", source_note="s")["separators"] == ",\u00a0"
