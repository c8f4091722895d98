"""The server process's garbage collector.

Streamlit runs a full ``gc.collect()`` after every script run, a fragment's too (``runner.postScriptGC``,
on by default, so a session's cyclic garbage goes at once). A full collection walks every object the
process tracks: pandas, pyarrow, plotly's figure classes and our modules make about 160,000 of them, and
the walk took 80–170 ms of each slider move (measured with cProfile around the script runner; Trade's
fragment itself takes about 60 ms of CPU).

Those objects live as long as the process. ``gc.freeze()`` moves every object alive into a permanent
generation that collections skip, so the post-run collection walks only what later runs create. Reference
counting still frees a frozen object nobody holds; only a frozen object in a reference cycle would stay. So
we collect first and freeze only after a run that imported modules (a page's first visit, the briefing's
PDF libraries): what a run leaves alive then is mostly the imported code.
"""

import gc
import sys
import threading

_lock = threading.Lock()
_modules_at_last_freeze = 0


def freeze_after_imports() -> bool:
    """If modules were imported since the last call that froze (always, the first time): collect, then
    freeze every object alive so later collections skip them. Returns whether it froze. Cheap otherwise:
    one look at ``sys.modules``."""
    global _modules_at_last_freeze
    if len(sys.modules) <= _modules_at_last_freeze:
        return False
    with _lock:
        count = len(sys.modules)
        if count <= _modules_at_last_freeze:
            return False
        gc.collect()
        gc.freeze()
        _modules_at_last_freeze = count
    return True
