"""An edit to data/ shows in the next session without a restart and without clearing any cache.

Each test runs two sessions in one process, so the second shares the first's ``st.cache_data``; nothing
is cleared between them (nor before: the tests share the cache, as the sessions of one server do).
"""

import os

from streamlit.testing.v1 import AppTest

from tests.app.app_pages import APP

LABEL = "Russia–DPRK trade, 2013"


def _overview_value() -> str:
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    return {metric.label: metric.value for metric in at.metric}[LABEL]


def _edit_2013_turnover(data_dir, keep_mtime: bool) -> None:
    """112.7 → 150.7 in place: the file keeps its size, and with ``keep_mtime`` its modification time too
    (as ``cp -p``, ``rsync -t`` or ``touch -r`` leave it)."""
    path = data_dir / "trade.csv"
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert "2013,RUS,PRK,total,112.7," in text
    path.write_text(text.replace("2013,RUS,PRK,total,112.7,", "2013,RUS,PRK,total,150.7,"), encoding="utf-8")
    assert path.stat().st_size == before.st_size
    if keep_mtime:
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_an_edited_figure_shows_in_the_next_session(data_copy):
    assert _overview_value() == "$112.7M"
    _edit_2013_turnover(data_copy, keep_mtime=False)
    assert _overview_value() == "$150.7M"


def test_an_edit_that_keeps_size_and_modification_time_still_shows(data_copy):
    assert _overview_value() == "$112.7M"
    _edit_2013_turnover(data_copy, keep_mtime=True)
    assert _overview_value() == "$150.7M"
