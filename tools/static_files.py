"""Put ``static/`` in place beside app.py: Streamlit serves it at ``/app/static/`` (``server.enableStaticServing``).

It holds only what the live chart needs, never committed:
- ``static/plotly-basic.min.js``, plotly.js's basic bundle from the locked npm package
  ``plotly.js-basic-dist-min`` (``npm ci``). Our charts draw only scatter and bar traces, which that bundle
  holds (with pie); it is 1.2 MB against the 4.8 MB of the full bundle in the plotly Python package, and the
  browser parses it on every first load of a page. Its version must be the plotly.js version the Python
  package writes its figures for: ``put_in_place`` refuses another.
- ``static/live_chart.js``, the chart's own code (components/ui/live_chart.js), which the component's inline
  JS imports once per tab instead of Streamlit sending it with every rerun.
`make static` (run by `make run`, `make test` and the benches) and the test/bench servers
(harness/server.py) call this. Run ``python -m tools.static_files`` to do it by hand.
"""

import json
import shutil
from pathlib import Path

import plotly.offline

from components.ui import live_chart

ROOT = Path(__file__).resolve().parents[1]
STATIC_DIR = ROOT / "static"
NPM_PACKAGE = "plotly.js-basic-dist-min"
# The names the live chart asks for at /app/static/ (components/ui/live_chart.py), named there once.
PLOTLY_FILE = live_chart.STATIC_SCRIPT
MODULE_FILE = live_chart.MODULE_FILE
MODULE_SOURCE = Path(live_chart.__file__).with_name(MODULE_FILE)
# Every trace type the bundle can draw: a figure with another type would draw nothing.
BUNDLE_TRACE_TYPES = frozenset({"scatter", "bar", "pie"})


def plotly_js_bundle(root: Path = ROOT) -> Path:
    """The basic plotly.js bundle installed by ``npm ci`` from package-lock.json; a clear error when it is
    missing or its version is not the one the plotly Python package writes figures for."""
    package = root / "node_modules" / NPM_PACKAGE
    bundle = package / PLOTLY_FILE
    if not bundle.is_file():
        raise RuntimeError(f"{bundle.relative_to(root)} is missing: run `npm ci` (or `make static`)")
    version = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
    wanted = plotly.offline.get_plotlyjs_version()
    if version != wanted:
        raise RuntimeError(
            f"{NPM_PACKAGE} is {version}, but the plotly Python package writes figures for plotly.js {wanted}: "
            f"set {wanted} in package.json and run `npm install --package-lock-only`, then `npm ci`"
        )
    return bundle


def put_in_place(static_dir: Path = STATIC_DIR) -> list[Path]:
    """Copy the bundle and the chart's module into ``static_dir`` when missing or different; remove anything
    else there, so the folder serves nothing but the chart's scripts. Returns the copied files."""
    sources = {PLOTLY_FILE: plotly_js_bundle(), MODULE_FILE: MODULE_SOURCE}
    static_dir.mkdir(exist_ok=True)
    for entry in static_dir.iterdir():
        if entry.name not in sources:
            shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
    targets = []
    for name, source in sources.items():
        target = static_dir / name
        if not target.exists() or target.read_bytes() != source.read_bytes():
            shutil.copyfile(source, target)
        targets.append(target)
    return targets


if __name__ == "__main__":
    print(", ".join(str(path.relative_to(ROOT)) for path in put_in_place()), "in place")
