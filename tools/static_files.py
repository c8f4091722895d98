"""Put ``static/`` in place beside app.py: Streamlit serves it at ``/app/static/`` (``server.enableStaticServing``).

It holds only what the live chart needs, copied from the installed plotly package, never committed:
``static/plotly.min.js``. `make run`, `make test` and the test/bench servers (harness/server.py) call this.
Run ``python -m tools.static_files`` to do it by hand.
"""

import shutil
from importlib.util import find_spec
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STATIC_DIR = ROOT / "static"
PLOTLY_FILE = "plotly.min.js"


def installed_plotly_js() -> Path:
    """The minified plotly.js bundle that ships inside the installed plotly Python package."""
    spec = find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the plotly package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "package_data" / PLOTLY_FILE


def put_in_place(static_dir: Path = STATIC_DIR) -> Path:
    """Copy plotly.js into ``static_dir`` when it is missing or differs from the installed one; remove
    anything else there, so the folder serves nothing but the chart's script. Returns the copied file."""
    source = installed_plotly_js()
    static_dir.mkdir(exist_ok=True)
    for entry in static_dir.iterdir():
        if entry.name != PLOTLY_FILE:
            shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
    target = static_dir / PLOTLY_FILE
    if not target.exists() or target.stat().st_size != source.stat().st_size:
        shutil.copyfile(source, target)
    return target


if __name__ == "__main__":
    print(f"{put_in_place().relative_to(ROOT)} in place")
