"""The browserless load client (bench/ws_load.py) against the real app: it opens the Trade page, finds
the growth slider and moves it, and the page takes every move. If a Streamlit upgrade changes the
protocol, the replica bench's websocket figures would silently measure nothing; this fails instead."""

from harness.ws_load import run_ws_load


def test_websocket_sessions_open_the_page_and_every_move_changes_its_metrics(app_url):
    result = run_ws_load(f"{app_url}/trade", "Scenario growth", sessions=2, moves=3)
    assert result.errors == []
    assert result.moves == 6
    assert result.first_run_ms_median > 0 and result.move_ms_median > 0


def test_a_slider_the_page_lacks_is_an_error_not_a_measurement(app_url):
    result = run_ws_load(f"{app_url}/trade", "No such slider", sessions=1, moves=2)
    assert result.moves == 0
    assert result.errors == ["first run ended 0, slider found: False"]
