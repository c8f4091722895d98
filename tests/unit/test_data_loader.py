"""The loader turns every kind of malformed CSV into one DataError naming file, line, column and problem."""

import textwrap

import pandas as pd
import pytest

from components.data.loader import DataError, load, load_all, read_table

VALID_TABLES = {
    "sources": """\
        source_id,title,publisher,published,url,agency,note
        article,The article,ISS,2014-09-01,,the article,
        reuters,Trade story,Reuters,2014-06-05,https://www.reuters.com/a,Russian government,"quoted, with comma"
        """,
    "trade": """\
        year,reporter,partner,flow,value_usd_m,growth_pct_stated,source_id,preferred,note
        2013,RUS,PRK,total,112,48.1,article,false,
        2013,RUS,PRK,total,112.7,64.2,reuters,true,
        2013,RUS,PRK,export,103.4,,article,true,
        2013,RUS,PRK,import,9.3,,article,true,
        """,
    "targets": """\
        target_id,agreed,parties,metric,baseline_year,baseline_usd_m,target_year,target_usd_m,source_id,preferred,note
        rus-prk-trade-2020,2014-03-28,RUS;PRK,bilateral trade turnover,2013,112,2020,1000,article,true,
        """,
    "debt": """\
        agreement_id,creditor,debtor,original_usd_m,written_off_share,remaining_usd_m,installments,interval_months,term_years,interest_rate,settlement_currency,use_of_proceeds,signed,ratified,source_id,preferred,note
        rus-prk-soviet-debt-2012,RUS,PRK,10960,0.9,1090,,6,20,0,,projects in the DPRK,2012-09-17,2014-04-18,reuters,true,
        """,
    "projects": """\
        project_id,name,category,status,countries,lat,lon,location_source_id,length_km,capacity,capacity_unit,cost_usd_m,partners,announced,description,source_id,preferred
        khasan-rajin-rail,Khasan–Rajin railway,rail,operational,RUS;PRK,42.34,130.39,reuters,54,,,250,RZD,2008-04-24,Rebuilt line.,article,true
        """,
    "routes": """\
        route_id,project_id,seq,place,lat,lon,source_id
        khasan-rajin,khasan-rajin-rail,1,Khasan,42.43,130.64,reuters
        khasan-rajin,khasan-rajin-rail,2,Rajin,42.34,130.39,reuters
        """,
    "events": """\
        event_id,start,end,date_precision,title,category,actors,location,description,source_id,preferred
        galushka-visit,2014-03-24,2014-03-28,day,Galushka visits the DPRK,visit,RUS;PRK,Pyongyang,,article,true
        duma-write-off,2014-04-01,,month,Duma writes off debt,legislation,RUS,Moscow,,article,true
        """,
    "outcomes": """\
        announcement_id,category,title,article_quote,article_locator,announced,announced_precision,announced_by,deadline,deadline_precision,deadline_stated,outcome,as_of,as_of_precision,evidence,source_id,target_id,agreement_id,project_id,event_id,preferred,note
        trade-target,trade,USD 1bn by 2020,reach USD 1 billion by 2020,point 1,2014-03-01,month,Russia and the DPRK,2020-01-01,year,by 2020,abandoned,2014-06-05,day,ambitious goal,reuters,rus-prk-trade-2020,,,galushka-visit,true,
        """,
    "indicators": """\
        indicator_id,year,value,unit,period,as_of,as_of_precision,precision,source_id,preferred,quote,note
        khasan_rajin_cargo,2015,1200000,tonnes,calendar_year,,,exact,reuters,true,cargo reached 1.2 million t,
        khasan_rajin_cargo,2015,1100000,tonnes,calendar_year,,,approximate,article,false,about 1.1 million tonnes,
        dprk_workers_in_russia,2018,11490,persons,point_in_time,2018-12-01,month,exact,reuters,true,fell to 11490 workers,
        """,
}


@pytest.fixture
def mini_data(tmp_path):
    """A small, valid data folder; tests break one file at a time."""
    for name, text in VALID_TABLES.items():
        (tmp_path / f"{name}.csv").write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


def write(folder, name, text):
    (folder / f"{name}.csv").write_text(textwrap.dedent(text), encoding="utf-8")


def replace_in(folder, name, old, new):
    path = folder / f"{name}.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture does not contain {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def error_for(folder, name) -> str:
    with pytest.raises(DataError) as caught:
        load(name, folder)
    return str(caught.value)


def test_valid_folder_loads_every_table_with_dates_parsed(mini_data):
    tables, errors = load_all(mini_data)
    assert errors == {}
    assert set(tables) == set(VALID_TABLES)
    assert str(tables["events"]["start"].dtype).startswith("datetime64")
    assert tables["trade"]["preferred"].dtype == bool
    assert tables["sources"].loc[1, "note"] == "quoted, with comma"


def test_missing_column_is_named(mini_data):
    replace_in(mini_data, "trade", ",growth_pct_stated", "")
    replace_in(mini_data, "trade", "112,48.1,", "112,")
    replace_in(mini_data, "trade", "112.7,64.2,", "112.7,")
    for old in ("103.4,,", "9.3,,"):
        replace_in(mini_data, "trade", old, old[:-1])
    message = error_for(mini_data, "trade")
    assert "data/trade.csv: missing column 'growth_pct_stated'" in message


def test_extra_column_is_named(mini_data):
    replace_in(mini_data, "targets", ",note\n", ",note,comment\n")
    replace_in(mini_data, "targets", "true,\n", "true,,x\n")
    assert "unexpected column 'comment'" in error_for(mini_data, "targets")


def test_wrong_type_names_line_column_and_value(mini_data):
    replace_in(mini_data, "trade", "103.4", "lots")
    message = error_for(mini_data, "trade")
    assert "data/trade.csv: line 4, column 'value_usd_m': 'lots' is not a number" in message


def test_empty_file(mini_data):
    (mini_data / "events.csv").write_bytes(b"")
    assert "data/events.csv: is empty" in error_for(mini_data, "events")


def test_header_only(mini_data):
    write(
        mini_data,
        "events",
        "event_id,start,end,date_precision,title,category,actors,location,description,source_id,preferred\n",
    )
    assert "has a header but no data rows" in error_for(mini_data, "events")


def test_duplicate_key(mini_data):
    path = mini_data / "routes.csv"
    path.write_text(path.read_text() + "khasan-rajin,khasan-rajin-rail,2,Rajin again,42.34,130.39,reuters\n")
    message = error_for(mini_data, "routes")
    assert "line 4" in message and "duplicate key value" in message


def test_negative_money(mini_data):
    replace_in(mini_data, "debt", "10960", "-10960")
    message = error_for(mini_data, "debt")
    assert "line 2, column 'original_usd_m': -10960.0 is below the minimum 0" in message


def test_share_outside_zero_to_one(mini_data):
    replace_in(mini_data, "debt", ",0.9,", ",90,")
    message = error_for(mini_data, "debt")
    assert "column 'written_off_share': 90.0 is outside the range 0 to 1" in message


def test_bad_date(mini_data):
    replace_in(mini_data, "events", "2014-03-24", "2014-02-30")
    message = error_for(mini_data, "events")
    assert "line 2" in message and "start and end must be real calendar dates" in message


def test_date_in_wrong_format(mini_data):
    replace_in(mini_data, "targets", "2014-03-28", "28/03/2014")
    message = error_for(mini_data, "targets")
    assert "line 2, column 'agreed': '28/03/2014' does not have the required form" in message


def test_end_before_start(mini_data):
    replace_in(mini_data, "events", "2014-03-24,2014-03-28", "2014-03-28,2014-03-24")
    assert "line 2" in error_for(mini_data, "events")
    assert "end must not be before start" in error_for(mini_data, "events")


def test_month_precision_needs_first_of_month(mini_data):
    replace_in(mini_data, "events", "2014-04-01,,month", "2014-04-15,,month")
    assert "line 3: a month- or year-precision start must be the first day" in error_for(mini_data, "events")


def test_latitude_out_of_range(mini_data):
    replace_in(mini_data, "routes", "42.43", "142.43")
    message = error_for(mini_data, "routes")
    assert "line 2, column 'lat': 142.43 is outside the range -90 to 90" in message


def test_unknown_source(mini_data):
    replace_in(mini_data, "projects", "article,true", "nobody,true")
    message = error_for(mini_data, "projects")
    assert "line 2, column 'source_id': 'nobody' is not in sources.csv" in message


def test_coordinates_need_their_own_source(mini_data):
    replace_in(mini_data, "projects", "130.39,reuters,", "130.39,,")
    assert "line 2: lat/lon need a location_source_id" in error_for(mini_data, "projects")


def test_unknown_location_source(mini_data):
    replace_in(mini_data, "projects", "130.39,reuters,", "130.39,atlas,")
    assert "line 2, column 'location_source_id': 'atlas' is not in sources.csv" in error_for(mini_data, "projects")


def test_missing_column_is_not_buried_under_row_checks(mini_data):
    replace_in(mini_data, "events", ",preferred\n", "\n")
    replace_in(mini_data, "events", ",article,true\n", ",article\n")
    replace_in(mini_data, "events", ",article,true\n", ",article\n")
    assert error_for(mini_data, "events") == "data/events.csv: missing column 'preferred'"


def test_route_vertex_of_unknown_project(mini_data):
    replace_in(mini_data, "routes", "khasan-rajin,khasan-rajin-rail,2", "khasan-rajin,ghost-project,2")
    assert "line 3, column 'project_id': 'ghost-project' is not in projects.csv" in error_for(mini_data, "routes")


TRACK_ROUTES = """\
    route_id,project_id,seq,place,lat,lon,source_id,track_km,track_source_id
    khasan-rajin,khasan-rajin-rail,1,Khasan,42.43,130.64,reuters,{first_km},{first_source}
    khasan-rajin,khasan-rajin-rail,2,Rajin,42.34,130.39,reuters,{second_km},{second_source}
    """


def test_route_track_distance_is_read_with_its_source(mini_data):
    write(
        mini_data, "routes", TRACK_ROUTES.format(first_km="", first_source="", second_km=52.1, second_source="reuters")
    )
    routes = read_table("routes", mini_data)
    assert routes["track_km"].iloc[1] == 52.1 and pd.isna(routes["track_km"].iloc[0])
    assert pd.isna(routes["track_source_id"].iloc[0])


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"second_km": 52.1, "second_source": ""}, "track_km needs a track_source_id"),
        ({"second_km": "", "second_source": "reuters"}, "track_km needs a track_source_id"),
        ({"first_km": 3, "first_source": "reuters", "second_km": 52.1, "second_source": "reuters"}, "first vertex"),
        ({"second_km": -5, "second_source": "reuters"}, "track_km"),
        ({"second_km": "far", "second_source": "reuters"}, "'far' is not a number"),
        ({"second_km": 52.1, "second_source": "nowhere"}, "'nowhere' is not in sources.csv"),
    ],
)
def test_route_track_distance_errors_say_what_is_wrong(mini_data, values, expected):
    filled = {"first_km": "", "first_source": "", "second_km": "", "second_source": "", **values}
    write(mini_data, "routes", TRACK_ROUTES.format(**filled))
    assert expected in error_for(mini_data, "routes")


def test_route_with_one_vertex(mini_data):
    write(
        mini_data,
        "routes",
        """\
        route_id,project_id,seq,place,lat,lon,source_id
        khasan-rajin,khasan-rajin-rail,1,Khasan,42.43,130.64,reuters
        """,
    )
    assert "has only one vertex" in error_for(mini_data, "routes")


def test_trade_parts_must_add_up_to_total(mini_data):
    replace_in(mini_data, "trade", "2013,RUS,PRK,import,9.3", "2013,RUS,PRK,import,19.3")
    message = error_for(mini_data, "trade")
    assert "exports 103.4 + imports 19.3 = 122.7, but the total is 112" in message
    assert "line 2" in message


def test_trade_parts_within_rounding_pass(mini_data):
    # The article's "$112 million" beside 103.4 + 9.3 = 112.7 is rounding, not an error.
    assert len(load("trade", mini_data)) == 4


def test_non_utf8_bytes_name_the_line(mini_data):
    path = mini_data / "sources.csv"
    path.write_bytes(path.read_bytes().replace(b"Trade story", b"Trade \xff story"))
    message = error_for(mini_data, "sources")
    assert "data/sources.csv: line 3: byte 0xff is not valid UTF-8" in message


def test_byte_order_mark_is_refused_with_a_fix(mini_data):
    path = mini_data / "targets.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert "byte-order mark" in error_for(mini_data, "targets")


def test_preferred_must_be_true_or_false(mini_data):
    replace_in(mini_data, "targets", ",true,", ",yes,")
    assert "line 2, column 'preferred': 'yes' is not true or false" in error_for(mini_data, "targets")


def test_exactly_one_preferred_per_fact(mini_data):
    replace_in(mini_data, "trade", "112,48.1,article,false", "112,48.1,article,true")
    message = error_for(mini_data, "trade")
    assert "exactly one row per year, reporter, partner and flow must be preferred" in message


def test_unknown_category_lists_allowed_values(mini_data):
    replace_in(mini_data, "projects", ",rail,", ",railway,")
    assert "'railway' is not one of" in error_for(mini_data, "projects")


def test_javascript_url_is_refused(mini_data):
    replace_in(mini_data, "sources", "https://www.reuters.com/a", "javascript:alert(1)")
    assert "column 'url': 'javascript:alert(1)' does not have the required form" in error_for(mini_data, "sources")


def test_missing_file(mini_data):
    (mini_data / "debt.csv").unlink()
    assert "data/debt.csv: file not found" in error_for(mini_data, "debt")


def test_broken_sources_file_is_reported_from_dependent_table(mini_data):
    write(mini_data, "sources", "source_id,title\nx,y\n")
    message = error_for(mini_data, "events")
    assert message.startswith("data/events.csv: cannot check its source_id values: data/sources.csv")


def test_unknown_table_name():
    with pytest.raises(DataError, match="unknown table"):
        read_table("nonsense")


def test_long_problem_lists_are_truncated(mini_data):
    rows = "".join(f"{2000 + i},RUS,PRK,total,-{i + 1},,article,true,\n" for i in range(40))
    write(
        mini_data, "trade", "year,reporter,partner,flow,value_usd_m,growth_pct_stated,source_id,preferred,note\n" + rows
    )
    message = error_for(mini_data, "trade")
    assert "… and 25 more problems" in message


OUTLINE = {
    "type": "Feature",
    "properties": {"iso3": "PRK", "name": "North Korea", "source_id": "reuters"},
    "geometry": {"type": "Polygon", "coordinates": [[[124.0, 40.0], [130.0, 42.0], [128.0, 38.0], [124.0, 40.0]]]},
}


def write_outlines(folder, features):
    import json

    (folder / "outlines.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}))


def test_outlines_load_when_cited_and_in_range(mini_data):
    from components.data.outlines import load_outlines

    write_outlines(mini_data, [OUTLINE])
    assert load_outlines(mini_data)[0]["properties"]["iso3"] == "PRK"


def test_outlines_with_unknown_source_or_bad_coordinates_are_refused(mini_data):
    from components.data.outlines import load_outlines

    bad = {**OUTLINE, "properties": {**OUTLINE["properties"], "source_id": "atlas"}}
    far = {**OUTLINE, "geometry": {"type": "Polygon", "coordinates": [[[200.0, 40.0], [130.0, 42.0], [124.0, 40.0]]]}}
    write_outlines(mini_data, [bad, far])
    with pytest.raises(DataError) as caught:
        load_outlines(mini_data)
    message = str(caught.value)
    assert "feature 1 (North Korea): source_id 'atlas' is not in sources.csv" in message
    assert "feature 2 (North Korea): a coordinate lies outside" in message


def test_outlines_that_are_not_json_name_the_line(mini_data):
    from components.data.outlines import load_outlines

    (mini_data / "outlines.geojson").write_text('{"type": "FeatureCollection",\n "features": [oops]}')
    with pytest.raises(DataError, match=r"data/outlines.geojson: line 2: not valid JSON"):
        load_outlines(mini_data)


@pytest.mark.parametrize(
    "feature",
    [
        "not a feature",
        {**OUTLINE, "properties": "PRK"},
        {**OUTLINE, "geometry": {"type": "Polygon", "coordinates": [[[124.0], [130.0, 42.0]]]}},
        {**OUTLINE, "geometry": {"type": "Polygon", "coordinates": [[["124", "40"], [130.0, 42.0]]]}},
        {**OUTLINE, "geometry": {"type": "Polygon", "coordinates": [[124.0, 40.0]]}},
        {**OUTLINE, "geometry": {"type": "MultiPolygon", "coordinates": None}},
        {**OUTLINE, "geometry": {"type": "Polygon", "coordinates": 7}},
        {**OUTLINE, "geometry": None},
    ],
    ids=[
        "string",
        "properties-text",
        "short-point",
        "text-numbers",
        "ring-of-numbers",
        "null",
        "number",
        "no-geometry",
    ],
)
def test_malformed_outlines_are_a_data_error_not_a_crash(mini_data, feature):
    from components.data.outlines import load_outlines

    write_outlines(mini_data, [feature])
    with pytest.raises(DataError, match=r"feature 1"):
        load_outlines(mini_data)


def test_each_table_is_validated_once_per_content_and_an_edit_is_validated_again(mini_data, tmp_path, monkeypatch):
    from components.data import loader, schema

    validated: list[str] = []
    real = loader._validated_table
    monkeypatch.setattr(loader, "_VALIDATED", type(loader._VALIDATED)())
    monkeypatch.setattr(loader, "_validated_table", lambda name, *rest: validated.append(name) or real(name, *rest))
    load_all(mini_data)
    assert sorted(validated) == sorted(set(validated)), "a table was validated twice in one load"
    assert set(validated) == set(schema.TABLE_NAMES) & {p.stem for p in mini_data.glob("*.csv")}

    validated.clear()
    first = read_table("trade", mini_data)
    first.loc[first.index[0], "value_usd_m"] = -1  # the caller's copy, not the memo's
    assert validated == []
    assert read_table("trade", mini_data)["value_usd_m"].iloc[0] == 112

    replace_in(mini_data, "trade", "2013,RUS,PRK,total,112,", "2013,RUS,PRK,total,-5,")
    with pytest.raises(DataError, match="value_usd_m"):
        read_table("trade", mini_data)
    assert validated == ["trade"]


INDICATOR_HEADER = "indicator_id,year,value,unit,period,as_of,as_of_precision,precision,source_id,preferred,quote,note"


def test_indicators_missing_column_is_named(mini_data):
    write(
        mini_data,
        "indicators",
        "indicator_id,year,value,period,as_of,as_of_precision,precision,source_id,preferred,quote,note\n"
        "khasan_rajin_cargo,2015,1200000,calendar_year,,,exact,reuters,true,cargo reached 1.2 million t,\n",
    )
    assert error_for(mini_data, "indicators") == "data/indicators.csv: missing column 'unit'"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("2015,1200000,", "2015,lots,", "line 2, column 'value': 'lots' is not a number"),
        ("2015,1200000,", "2015,-1200000,", "line 2, column 'value': -1200000.0 must be greater than 0"),
        ("2015,1200000,", "2015,0,", "line 2, column 'value': 0.0 must be greater than 0"),
        ("khasan_rajin_cargo,2015,1200000", "khasan_rajin_cargo,twenty-fifteen,1200000", "is not a whole number"),
        ("1200000,tonnes", "1200000,barrels", "'barrels' is not one of"),
        ("1200000,tonnes", "1200000,trips", "unit must be the series' unit"),
        ("khasan_rajin_cargo,2015,1200000", "rail_cargo,2015,1200000", "'rail_cargo' is not one of"),
        (",approximate,article,false,", ",approximate,article,true,", "exactly one row per indicator_id and year"),
        ("point_in_time,2018-12-01,month", "point_in_time,,", "a point_in_time figure needs as_of"),
        ("point_in_time,2018-12-01,month", "point_in_time,2017-12-01,month", "a point_in_time figure needs as_of"),
        ("2018-12-01,month", "2018-12-15,month", "must be the first day of that month or year"),
        ("2018-12-01,month", "2018-02-30,day", "as_of must be a real calendar date"),
        (",reuters,true,cargo", ",nobody,true,cargo", "line 2, column 'source_id': 'nobody' is not in sources.csv"),
        ("cargo reached 1.2 million t", "", "line 2, column 'quote': is empty but required"),
    ],
)
def test_indicator_rows_that_break_a_rule_name_line_column_and_rule(mini_data, old, new, expected):
    replace_in(mini_data, "indicators", old, new)
    assert expected in error_for(mini_data, "indicators")


def test_indicators_duplicate_key_is_named(mini_data):
    path = mini_data / "indicators.csv"
    path.write_text(
        path.read_text() + "khasan_rajin_cargo,2015,1300000,tonnes,calendar_year,,,exact,reuters,false,again 1.3 Mt,\n"
    )
    message = error_for(mini_data, "indicators")
    assert "line 5" in message and "duplicate key value" in message
