"""Data page: pick a table, filter it, the table and the export follow."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from components.data import loader

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def data_page(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in query.items():
        at.query_params[key] = value
    return at.switch_page("pages/data.py").run()


def test_every_table_can_be_shown():
    for name in ("sources", "trade", "targets", "debt", "projects", "routes", "events", "indicators"):
        at = data_page(table=name)
        assert not at.exception, name
        assert len(at.dataframe[0].value) == len(loader.load(name))


def test_category_filter_narrows_the_table():
    at = data_page(table="trade")
    before = len(at.dataframe[0].value)
    at.multiselect(key="trade.flow").set_value(["export"]).run()
    shown = at.dataframe[0].value
    assert 0 < len(shown) < before
    assert set(shown["flow"]) == {"export"}
    assert f"**{len(shown)} of {before} rows**" in [markdown.value for markdown in at.markdown]


def test_numeric_range_filter_narrows_the_table():
    at = data_page(table="trade")
    at.slider(key="trade.year").set_value((2013, 2014)).run()
    trade = loader.load("trade")
    expected = trade[trade["year"].between(2013, 2014)]
    shown = at.dataframe[0].value
    assert len(expected) > 0 and len(shown) == len(expected)  # every 2013–2014 row, and only those
    assert set(shown["year"]) == {2013, 2014}


def test_query_string_sets_table_and_filter():
    at = data_page(table="events", **{"events.category": "visit"})
    assert not at.exception
    assert set(at.dataframe[0].value["category"]) == {"visit"}


def test_garbage_query_values_fall_back_with_a_notice():
    at = data_page(table="nonsense", **{"trade.year": "abc"})
    assert not at.exception
    warnings = " ".join(warning.value for warning in at.warning)
    assert "table=nonsense" in warnings and "trade\\.year=abc" in warnings
    assert at.selectbox(key="table").value == "trade"


def test_dictionary_is_generated_from_the_schema():
    at = data_page(table="debt")
    dictionary = at.dataframe[1].value
    assert "written_off_share" in set(dictionary["column"])
    assert dictionary.set_index("column").loc["written_off_share", "unit"] == "share 0–1"


def test_the_curation_tab_shows_the_readme_of_the_data_folder_in_use(data_copy):
    (data_copy / "README.md").write_text("# Copy\n\nOnly the copy's README says this.\n", encoding="utf-8")
    at = data_page()
    assert not at.exception
    assert "Only the copy's README says this." in [markdown.value.splitlines()[-1] for markdown in at.markdown]


def test_what_one_row_is_reads_in_the_readers_language():
    from components.data import schema
    from components.i18n import _, translate

    with translate.using("ru"):
        expected = _(schema.table_description("trade"))
    assert expected != schema.table_description("trade")
    shown = " ".join(block.value for block in data_page(table="trade", lang="ru").markdown).replace("\\", "")
    assert expected in shown and schema.table_description("trade") not in shown


def test_the_footer_names_agencies_in_the_readers_language_and_the_sources_tab_shows_the_file():
    # The table and the Sources tab are the files as stored; the sources line under them is our words.
    at = data_page(table="debt", lang="ko")
    captions = " ".join(caption.value for caption in at.caption).replace("\\", "")
    assert "러시아 국가두마" in captions and "Russian State Duma" not in captions
    sources_tab = next(frame.value for frame in at.dataframe if "agency" in frame.value.columns)
    assert "Russian State Duma" in set(sources_tab["agency"])
