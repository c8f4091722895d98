"""The replica's upload budget: least recently used idle files go first, a file in use is never released,
a released file says so, an ended session's file leaves the budget, and threads do not corrupt the count."""

import gc
import threading

import pandas as pd
import pytest

from components.analysis import upload_budget
from components.analysis.upload_budget import RELEASED, OverBudget, UploadBudget
from components.data import paths


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

    assert upload_budget.size_of(Read()) > 100_000


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
