import gc
import sys
import types

import pytest

from components.ui import heap


@pytest.fixture
def fresh(monkeypatch):
    monkeypatch.setattr(heap, "_modules_at_last_freeze", 0)
    yield
    gc.unfreeze()


def test_freezes_after_imports_and_not_again_until_the_next(fresh, monkeypatch):
    assert heap.freeze_after_imports()
    frozen = gc.get_freeze_count()
    assert frozen > 10_000  # the test process's imported libraries
    assert not heap.freeze_after_imports()
    monkeypatch.setitem(sys.modules, "nea_test_new_module", types.ModuleType("nea_test_new_module"))
    assert heap.freeze_after_imports()


def test_a_frozen_heap_is_not_walked_by_a_full_collection(fresh):
    class Node:
        pass

    heap.freeze_after_imports()
    # A cycle created afterwards is still collected: only what was alive at the freeze is skipped.
    first, second = Node(), Node()
    first.other, second.other = second, first
    del first, second
    assert gc.collect() >= 2
    assert len(gc.get_objects()) < gc.get_freeze_count() / 2
