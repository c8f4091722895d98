"""``streamlit run`` with each script run's CPU time logged: for bench/move_cpu.py.

Usage: ``NEA_CPU_LOG=/tmp/runs.jsonl python bench/cpu_server.py app.py --server.port=8620 …``. Every script
run (a fragment's too) appends one JSON line: the script thread's CPU time in ms (``thread_ms``: the page's
code, building and queueing its deltas, Streamlit's collection after the run) and the whole process's CPU
clock when the run began (``process_at_start_ms``). The process clock between the starts of two runs is
all the server did for the first of them, the event loop's sending of its deltas included, as long as the
client waits for the run to end before the next one. With ``NEA_CPU_PROFILE=<folder>`` each fragment run
is also profiled (cProfile, times inflated) into that folder.
"""

import cProfile
import functools
import gc
import importlib
import json
import os
import sys
import time
from pathlib import Path

from streamlit.runtime.scriptrunner import script_runner
from streamlit.web import cli

LOG = os.environ["NEA_CPU_LOG"]
PROFILE_DIR = os.environ.get("NEA_CPU_PROFILE")  # a folder: each fragment run's cProfile stats go there
_original_run_script = script_runner.ScriptRunner._run_script
# Collector time in the process, by generation, in ms (the collections Python starts on allocation and
# Streamlit's one after each run); read at each run's end.
_gc_ms = [0.0, 0.0, 0.0]
_gc_began = [0.0]


def _time_collections(phase: str, info: dict) -> None:
    if phase == "start":
        _gc_began[0] = time.thread_time()
    else:
        _gc_ms[info["generation"]] += 1000 * (time.thread_time() - _gc_began[0])


gc.callbacks.append(_time_collections)

# NEA_CPU_SECTIONS="components.ui.footer:page_footer,…": the script thread's CPU ms in each of these
# functions (nested calls counted once), per run.
_sections: dict[str, float] = {}
_depth: dict[str, int] = {}


def _timed(name: str, function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        _depth[name] = _depth.get(name, 0) + 1
        began = time.thread_time()
        try:
            return function(*args, **kwargs)
        finally:
            _depth[name] -= 1
            if not _depth[name]:
                _sections[name] = _sections.get(name, 0.0) + 1000 * (time.thread_time() - began)

    return wrapper


def _patch_sections(spec: str) -> None:
    for item in filter(None, spec.split(",")):
        module_name, function_name = item.strip().split(":")
        module = importlib.import_module(module_name)
        setattr(module, function_name, _timed(item.strip(), getattr(module, function_name)))


def _timed_run_script(self, rerun_data) -> None:
    process_at_start, thread_at_start = time.process_time(), time.thread_time()
    gc_at_start = list(_gc_ms)
    _sections.clear()
    profile = cProfile.Profile(time.thread_time) if PROFILE_DIR and rerun_data.fragment_id_queue else None
    try:
        if profile:
            profile.runcall(_original_run_script, self, rerun_data)
        else:
            _original_run_script(self, rerun_data)
    finally:
        if profile:
            profile.dump_stats(Path(PROFILE_DIR) / f"run-{time.monotonic_ns()}.prof")
        record = {
            "fragment": bool(rerun_data.fragment_id_queue),
            "thread_ms": 1000 * (time.thread_time() - thread_at_start),
            "process_at_start_ms": 1000 * process_at_start,
            "sections": dict(_sections),
            "gc_ms": [now - then for now, then in zip(_gc_ms, gc_at_start, strict=True)],
        }
        with open(LOG, "a") as log:
            log.write(json.dumps(record) + "\n")


script_runner.ScriptRunner._run_script = _timed_run_script

if __name__ == "__main__":
    sys.path.insert(0, os.getcwd())
    _patch_sections(os.environ.get("NEA_CPU_SECTIONS", ""))
    sys.argv = ["streamlit", "run", *sys.argv[1:]]
    sys.exit(cli.main())
