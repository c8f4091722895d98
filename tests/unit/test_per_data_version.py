"""``loading.per_data_version``: derived once per data version, language and arguments, never across them."""

import pandas as pd
import pytest

from components.i18n import language, using
from components.ui import loading

CALLS = []


def _echo(frame: pd.DataFrame, number: int):
    CALLS.append(number)
    return len(frame), number, language()


def test_each_version_language_and_argument_has_its_own_entry(data_copy):
    frame = pd.DataFrame({"a": [1, 2, 3]})
    CALLS.clear()
    assert loading.per_data_version(_echo, frame, args=(1,)) == (3, 1, "en")
    assert loading.per_data_version(_echo, frame, args=(1,)) == (3, 1, "en")
    assert CALLS == [1]  # served from the cache the second time
    assert loading.per_data_version(_echo, frame, args=(2,)) == (3, 2, "en")
    with using("ko"):
        assert loading.per_data_version(_echo, frame, args=(1,)) == (3, 1, "ko")
    assert CALLS == [1, 2, 1]
    # An edited data file is a new data version: worked out again.
    path = data_copy / "trade.csv"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert loading.per_data_version(_echo, frame, args=(1,)) == (3, 1, "en")
    assert CALLS == [1, 2, 1, 1]


def test_a_function_without_a_name_of_its_own_is_refused():
    with pytest.raises(ValueError, match="named module-level function"):
        loading.per_data_version(lambda frame: frame, pd.DataFrame())
