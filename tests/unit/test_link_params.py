"""Link checks built from their widget's bounds and shape (components.ui)."""

import pytest

from components.ui import links


@pytest.mark.parametrize(
    ("values", "valid"),
    [
        (["2000", "2030"], True),
        (["2030", "2030"], True),
        (["2014"], False),  # one value for a range slider
        (["2000", "2010", "2020"], False),
        (["1999", "2010"], False),
        (["2000", "2031"], False),
        (["2000.5", "2010"], False),  # the slider takes whole years
        (["nan", "2010"], False),
        (["x", "2010"], False),
    ],
)
def test_range_slider_link_check(values, valid):
    assert links.slider_param(2000, 2030, (2000, 2030))(values) is valid


@pytest.mark.parametrize(
    ("values", "valid"),
    [(["12.5"], True), (["-30"], True), (["1", "2"], False), (["101"], False), (["inf"], False)],
)
def test_one_handle_slider_link_check(values, valid):
    assert links.slider_param(-30.0, 100.0, 0.0)(values) is valid


def test_a_number_input_takes_exactly_one_number():
    check = links.number_param(1, 10)
    assert check(["5"]) and not check(["5", "6"]) and not check([])


def test_a_whole_number_parameter_takes_whole_numbers_within_its_bounds_only():
    valid = links.number_param(1950, 2100, whole=True)
    assert valid(["2020"]) and valid(["1950"])
    assert not valid(["2020.5"]) and not valid(["2020.0"]) and not valid(["1949"]) and not valid(["x"])
    assert links.number_param(1950, 2100)(["2020.5"])


def test_a_clearable_choice_takes_an_empty_value_and_nothing_else_unknown():
    valid = links.choice_param(["Rail", "Port"], multiple=True, clearable=True)
    assert valid([""]) and valid(["Rail", "Port"])
    assert not valid(["Road"])
    assert not links.choice_param(["Rail"], multiple=True)([""])
