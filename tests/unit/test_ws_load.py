"""The browserless load client's pure parts: move values, the p95 it reports and addresses."""

import pytest

from harness.stats import percentile
from harness.ws_load import Slider, next_value, page_name, stream_url


def test_each_move_asks_for_a_new_value_one_step_away():
    slider = Slider("id", 36.6, -30.0, 100.0, 0.1)
    assert next_value(slider) == 36.7
    top = Slider("id", 100.0, -30.0, 100.0, 0.1)
    assert next_value(top) == 99.9


def test_percentile_interpolates_and_handles_short_lists():
    assert percentile([], 0.95) is None
    assert percentile([7.0], 0.95) == 7.0
    assert percentile(list(range(1, 101)), 0.95) == pytest.approx(95.05)
    assert percentile([100.0, 200.0], 0.5) == pytest.approx(150.0)


def test_stream_url_and_page_name_come_from_the_page_address():
    assert stream_url("http://127.0.0.1:8500/trade") == "ws://127.0.0.1:8500/_stcore/stream"
    assert page_name("http://127.0.0.1:8500/trade") == "trade"
    assert page_name("http://127.0.0.1:8500/") == ""
