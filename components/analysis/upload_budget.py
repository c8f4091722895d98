"""The replica's memory budget for uploaded files: plain, thread-safe Python (Streamlit runs each session's
script in its own thread; the glue is ``components/ui/uploads_panel.py``).

The budget holds every session's read file and counts its bytes. A session keeps only a ``Ticket``; the
file itself is reachable only through the budget, so releasing it frees the memory. Admitting a file
past the budget releases the least recently used *idle* files first: a file is in use while a thread
that fetched it (a session's script run) is alive, and such a file is never released under it. A
released file answers ``RELEASED`` on that session's next fetch, so the page can say so. A ticket that
is garbage-collected (its session ended) takes its file out of the budget.
"""

import ctypes
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field

import pandas as pd

RELEASED = object()
# What a read file holds besides its frames' cells: the objects around them (the file, its frames' blocks
# and indexes, its categories' dtypes), about 0.1 MB whatever its size (bench/upload_memory.py).
PER_FILE_BYTES = 100_000


class OverBudget(Exception):
    """The file does not fit even after every idle file was released (or is larger than the budget)."""


@dataclass(frozen=True)
class Ticket:
    """A session's claim on its file in the budget (what ``st.session_state`` holds)."""

    key: int
    name: str


@dataclass
class _Entry:
    value: object
    size: int
    last_used: float
    holders: list = field(default_factory=list)

    def in_use(self) -> bool:
        self.holders = [holder for holder in self.holders if holder.is_alive()]
        return bool(self.holders)


def charge(value) -> int:
    """The bytes an uploaded file's read form holds, which the budget charges: its DataFrames deep
    (``memory_usage(deep=True)``: Arrow's text buffers, categories, numbers, the index), its notes and name.
    Nothing else of the file stays: Streamlit's copy of the bytes is dropped once read, and what the
    read allocated on the way is freed and given back (``give_back_freed_memory``). Measured against
    tracemalloc plus Arrow's pool: ``bench/upload_memory.py``, ``tests/unit/test_upload_budget.py``."""
    total = PER_FILE_BYTES
    for attribute in vars(value).values():
        if isinstance(attribute, pd.DataFrame):
            total += int(attribute.memory_usage(deep=True, index=True).sum())
        elif isinstance(attribute, str | bytes):
            total += len(attribute)
        elif isinstance(attribute, list):
            total += sum(len(str(item)) for item in attribute)
    return total


def give_back_freed_memory() -> None:
    """Hand the memory that a read's freed objects left behind back to the system: Arrow's pool (pandas'
    text columns) and the C heap (glibc's ``malloc_trim``, which Python's allocator never calls); a
    no-op where neither applies."""
    with suppress(ImportError, AttributeError):
        import pyarrow

        pyarrow.default_memory_pool().release_unused()
    with suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


class UploadBudget:
    """Files held against ``limit_bytes``; the least recently used idle ones go first."""

    def __init__(self, limit_bytes: int, clock: Callable[[], float] = time.monotonic):
        self.limit_bytes = limit_bytes
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: dict[int, _Entry] = {}
        self._released: set[int] = set()
        self._next_key = 0

    def admit(self, name: str, value, size: int, holder=None) -> Ticket:
        """Hold ``value`` (``size`` bytes), in use by ``holder`` (default: this thread); release idle
        files, least recently used first, until it fits. ``OverBudget`` when it cannot fit."""
        holder = holder or threading.current_thread()
        with self._lock:
            if size > self.limit_bytes:
                raise OverBudget(size)
            victims = self._victims(size)
            if victims is None:
                raise OverBudget(size)
            for key in victims:
                del self._entries[key]
                self._released.add(key)
            self._next_key += 1
            key = self._next_key
            self._entries[key] = _Entry(value, size, self._clock(), [holder])
        ticket = Ticket(key, name)
        weakref.finalize(ticket, self.forget, key)
        return ticket

    def _victims(self, size: int) -> list[int] | None:
        free = self.limit_bytes - self._total()
        if size <= free:
            return []
        idle = sorted((entry.last_used, key) for key, entry in self._entries.items() if not entry.in_use())
        victims = []
        for _, key in idle:
            victims.append(key)
            free += self._entries[key].size
            if size <= free:
                return victims
        return None

    def fetch(self, ticket: Ticket, holder=None):
        """The file behind ``ticket``, marked in use by ``holder`` (default: this thread) and most
        recently used; ``RELEASED`` if it was released to make room; ``None`` if it is unknown."""
        holder = holder or threading.current_thread()
        with self._lock:
            entry = self._entries.get(ticket.key)
            if entry is None:
                return RELEASED if ticket.key in self._released else None
            entry.last_used = self._clock()
            if holder not in entry.holders:
                entry.holders.append(holder)
            return entry.value

    def forget(self, key: int) -> None:
        """Drop a file (removed by its analyst, or its session ended)."""
        with self._lock:
            self._entries.pop(key, None)
            self._released.discard(key)

    def total_bytes(self) -> int:
        """The bytes held now."""
        with self._lock:
            return self._total()

    def _total(self) -> int:
        return sum(entry.size for entry in self._entries.values())

    def held(self) -> int:
        """How many files are held now."""
        with self._lock:
            return len(self._entries)


class ReadQueue:
    """Files read one at a time, in the order they arrived, so that parsing's transient peak is paid once
    per replica, not once per session, and no session waits behind files that came after its own. A
    waiting session is told, every ``every`` seconds, how many files are ahead of its own; if that call
    raises (Streamlit stops a script that way when its analyst leaves), the file leaves the line."""

    def __init__(self, every: float = 1.0):
        self.every = every
        self._condition = threading.Condition()
        self._line: list[object] = []

    @contextmanager
    def turn(self, on_wait: Callable[[int], None] | None = None) -> Iterator[None]:
        """Wait until every file that arrived earlier has been read, then read this one."""
        mine = object()
        with self._condition:
            self._line.append(mine)
        try:
            while True:
                with self._condition:
                    if self._line[0] is not mine:
                        self._condition.wait(self.every)
                    ahead = self._line.index(mine)
                if not ahead:
                    break
                if on_wait is not None:
                    on_wait(ahead)
            yield
        finally:
            with self._condition:
                self._line.remove(mine)
                self._condition.notify_all()

    def waiting(self) -> int:
        """How many files are being read or wait to be."""
        with self._condition:
            return len(self._line)
