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
