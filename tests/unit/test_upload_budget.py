"""The replica's upload budget: least recently used idle files go first, a file in use is never released,
a released file says so, an ended session's file leaves the budget, and threads do not corrupt the count."""

import gc
import itertools
import threading
import tracemalloc

import pandas as pd
import pyarrow
import pytest

from components.analysis import upload_budget, upload_formats, uploads
from components.analysis.upload_budget import RELEASED, OverBudget, UploadBudget
from components.data import paths
from components.data.vocabularies import COUNTRY_CODES


class Holder:
    """A stand-in for a session's script thread: alive while its run lasts."""

    def __init__(self, alive: bool = True):
        self.alive = alive

    def is_alive(self) -> bool:
        return self.alive


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1
        return self.now


def budget(limit: int = 100) -> UploadBudget:
    return UploadBudget(limit, clock=Clock())


def test_files_within_the_budget_are_all_kept():
    held = budget()
    tickets = [held.admit(f"f{n}", f"file {n}", 30, Holder(alive=False)) for n in range(3)]
    assert [held.fetch(ticket, Holder()) for ticket in tickets] == ["file 0", "file 1", "file 2"]
    assert held.total_bytes() == 90


def test_a_ticket_nobody_keeps_takes_its_file_out_at_once():
    held = budget()
    held.admit("dropped", "dropped", 60, Holder(alive=False))
    assert held.total_bytes() == 0


def test_past_the_budget_the_least_recently_used_idle_file_is_released_and_says_so():
    held = budget()
    first, second, third = (held.admit(name, name, 30, Holder(alive=False)) for name in ("a", "b", "c"))
    # "a" is used again, so "b" is now the least recently used.
    assert held.fetch(first, Holder(alive=False)) == "a"
    fourth = held.admit("d", "d", 30, Holder())
    assert held.fetch(second, Holder()) is RELEASED
    assert [held.fetch(ticket, Holder(alive=False)) for ticket in (first, third, fourth)] == ["a", "c", "d"]
    assert held.total_bytes() == 90


def test_a_file_in_use_is_never_released_even_if_it_is_the_oldest():
    held = budget()
    running = Holder(alive=True)
    oldest = held.admit("mine", "mine", 50, running)
    idle = held.admit("other", "other", 40, Holder(alive=False))
    new = held.admit("new", "new", 50, Holder(alive=False))
    assert held.fetch(idle, Holder()) is RELEASED
    assert held.total_bytes() == 100, "mine (the oldest, but in use) and new are held"
    # Once its run is over the file is idle and may go.
    running.alive = False
    newer = held.admit("newer", "newer", 50, Holder(alive=False))
    assert held.fetch(oldest, Holder()) is RELEASED
    assert [held.fetch(ticket, Holder(alive=False)) for ticket in (new, newer)] == ["new", "newer"]


def test_a_file_that_cannot_fit_is_refused_and_nothing_is_released():
    held = budget()
    busy = [held.admit(name, name, 40, Holder(alive=True)) for name in ("a", "b")]
    with pytest.raises(OverBudget):
        held.admit("c", "c", 40, Holder())
    with pytest.raises(OverBudget):
        held.admit("huge", "huge", 101, Holder())
    assert [held.fetch(ticket, Holder()) for ticket in busy] == ["a", "b"]


def test_enough_idle_files_are_released_for_a_large_one_and_no_more():
    held = budget()
    small = [held.admit(str(n), n, 20, Holder(alive=False)) for n in range(5)]
    big = held.admit("big", "big", 50, Holder())
    assert held.fetch(big, Holder()) == "big"
    answers = [held.fetch(ticket, Holder(alive=False)) for ticket in small]
    assert answers == [RELEASED, RELEASED, RELEASED, 3, 4]


def test_an_ended_sessions_ticket_takes_its_file_out():
    held = budget()
    ticket = held.admit("gone", "gone", 60, Holder(alive=False))
    assert held.held() == 1
    del ticket
    gc.collect()
    assert held.held() == 0 and held.total_bytes() == 0


def test_an_unknown_ticket_is_none():
    assert budget().fetch(upload_budget.Ticket(99, "x"), Holder()) is None


def test_many_threads_at_once_keep_the_count_right_and_within_the_budget():
    held = UploadBudget(1000)
    tickets, errors = [], []

    def session(n: int) -> None:
        try:
            for round_ in range(50):
                run = Holder()  # one script run of this session
                ticket = held.admit(f"{n}-{round_}", (n, round_), 30 + n, run)
                tickets.append(ticket)
                assert held.fetch(ticket, run) == (n, round_)
                assert held.total_bytes() <= 1000
                run.alive = False
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=session, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    kept = [ticket for ticket in tickets if held.fetch(ticket, Holder(alive=False)) is not RELEASED]
    assert held.total_bytes() == sum(30 + int(ticket.name.split("-")[0]) for ticket in kept) <= 1000


def test_size_counts_the_frames_deep():
    class Read:
        def __init__(self):
            self.name = "f.csv"
            self.trade = pd.DataFrame({"note": ["x" * 1000] * 100})
            self.notes = ["a note"]

    assert upload_budget.charge(Read()) > 100_000


def test_the_budget_is_a_documented_setting(monkeypatch):
    monkeypatch.delenv(paths.UPLOAD_BUDGET_ENV, raising=False)
    assert paths.upload_budget_mb() == 1024
    monkeypatch.setenv(paths.UPLOAD_BUDGET_ENV, "512")
    assert paths.upload_budget_mb() == 512
    monkeypatch.setenv(paths.UPLOAD_BUDGET_ENV, "lots")
    with pytest.raises(ValueError, match="NEA_UPLOAD_BUDGET_MB"):
        paths.upload_budget_mb()
    readme = (paths.ROOT / "README.md").read_text()
    assert paths.UPLOAD_BUDGET_ENV in readme


def test_files_are_read_one_at_a_time_in_the_order_they_came_and_waiters_are_told_how_many_are_ahead():
    reads = upload_budget.ReadQueue(every=0.01)
    order, told, inside = [], {}, []
    first_in, release_first = threading.Event(), threading.Event()

    def reader(name: str) -> None:
        with reads.turn(lambda ahead: told.setdefault(name, []).append(ahead)):
            inside.append(name)
            assert len(inside) == 1, "two files read at once"
            order.append(name)
            if name == "a":
                first_in.set()
                release_first.wait(5)
            inside.remove(name)

    threads = [threading.Thread(target=reader, args=("a",))]
    threads[0].start()
    first_in.wait(5)
    for name in ("b", "c", "d"):
        threads.append(threading.Thread(target=reader, args=(name,)))
        threads[-1].start()
        while reads.waiting() < len(threads):  # each joins the line before the next starts
            threading.Event().wait(0.001)
    threading.Event().wait(0.05)
    release_first.set()
    for thread in threads:
        thread.join(5)
    assert order == ["a", "b", "c", "d"]
    assert "a" not in told and told["b"][0] == 1 and told["d"][0] == 3
    assert all(counts == sorted(counts, reverse=True) for counts in told.values()), "the count only goes down"
    assert reads.waiting() == 0


def test_a_waiter_whose_session_stops_leaves_the_line():
    reads = upload_budget.ReadQueue(every=0.01)
    busy, done = threading.Event(), threading.Event()

    class Stopped(Exception):
        pass

    def stop(ahead: int) -> None:
        raise Stopped

    def holder() -> None:
        with reads.turn():
            busy.set()
            done.wait(5)

    thread = threading.Thread(target=holder)
    thread.start()
    busy.wait(5)
    with pytest.raises(Stopped), reads.turn(stop):
        pass
    assert reads.waiting() == 1
    done.set()
    thread.join(5)
    with reads.turn():
        assert reads.waiting() == 1


def legacy_annual_export(rows: int) -> bytes:
    """A legacy Comtrade annual export of ``rows`` distinct chapter rows between the dashboard's countries:
    every row is kept in the read file (the largest read form for its size)."""
    pairs = list(itertools.permutations(COUNTRY_CODES, 2))
    chapters = [f"{chapter:02d}" for chapter in range(1, 98) if chapter != 77]
    keys = itertools.islice(itertools.product(range(1900, 2101), pairs, ("Export", "Import"), chapters), rows)
    lines = [",".join(upload_formats.LEGACY_COLUMNS)]
    at = {column: index for index, column in enumerate(upload_formats.LEGACY_COLUMNS)}
    for index, (year, (reporter, partner), flow, chapter) in enumerate(keys):
        cells = [""] * len(at)
        cells[at["Year"]] = cells[at["Period"]] = str(year)
        cells[at["Trade Flow"]], cells[at["Reporter ISO"]], cells[at["Partner ISO"]] = flow, reporter, partner
        cells[at["Commodity Code"]], cells[at["Commodity"]] = chapter, f"Chapter {chapter}"
        cells[at["Trade Value (US$)"]] = str(1000 + index)
        lines.append(",".join(cells))
    return ("\n".join(lines) + "\n").encode()


def held_by(read) -> tuple[object, int]:
    """``read()``'s result and the bytes it still holds: tracemalloc's growth (Python objects, numpy) plus
    Arrow's pool's (pandas' text columns), which tracemalloc does not see."""
    gc.collect()
    arrow_before = pyarrow.total_allocated_bytes()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        result = read()
        gc.collect()
        traced = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    return result, traced + pyarrow.total_allocated_bytes() - arrow_before


@pytest.mark.parametrize(("rows", "name"), [(30_000, "every-row-kept.csv"), (500, "small.csv")])
def test_the_charge_is_what_a_read_file_really_holds(rows, name):
    raw = legacy_annual_export(rows)
    uploads.read_upload("warm.csv", legacy_annual_export(50))  # imports, regexes and the catalog, once
    upload, held = held_by(lambda: uploads.read_upload(name, raw))
    assert len(upload.chapters) == rows
    ratio = upload_budget.charge(upload) / held
    assert 0.7 <= ratio <= 1.5, f"charged {upload_budget.charge(upload):,} bytes for {held:,} held"


def test_a_read_file_keeps_its_chapters_text_as_categories():
    upload = uploads.read_upload("f.csv", legacy_annual_export(5_000))
    as_text = upload.chapters.astype(dict.fromkeys(upload.chapters.select_dtypes("category").columns, "str"))
    assert set(upload.chapters.select_dtypes("category").columns) == {
        "reporter",
        "partner",
        "flow",
        "chapter",
        "description",
    }
    assert upload.chapters.memory_usage(deep=True).sum() < as_text.memory_usage(deep=True).sum() / 2
