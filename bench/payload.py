"""What one slider move sends, element by element, without a browser: the page runs in AppTest, its main
slider moves as the browser benchmark moves it (the first thumb one step right, then back), and each
move's elements are weighed as the protobuf messages Streamlit sends (the websocket frame of each is a few
bytes more). The live chart's part is split into its data (the figure, compressed), its JS and CSS, which
Streamlit sends again with every rerun, and the rest; the figure's JSON before compression is shown beside.

    .venv/bin/python -m bench.payload                 # timeline, trade and debt, 4 moves each
    .venv/bin/python -m bench.payload timeline --moves 6
"""

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from components.ui import live_chart  # noqa: E402
from harness.frames import read_live_chart_payload  # noqa: E402

# Page → (file, the main slider's key, its step); the browser benchmark moves the same sliders.
PAGES = {
    "timeline": ("pages/timeline.py", "years", 1),
    "trade": ("pages/trade.py", "growth", 0.1),
    "debt": ("pages/debt.py", "rate", 0.5),
}


def _elements(node):
    """Every element under ``node`` (AppTest's tree), blocks walked through."""
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _elements(child)
    elif getattr(node, "proto", None) is not None:
        yield node


def weigh(at: AppTest) -> dict[str, int]:
    """Bytes of the page's elements by kind; the live chart split into figure, other data, JS and CSS."""
    sizes: dict[str, int] = defaultdict(int)
    for element in [*_elements(at.main), *_elements(at.sidebar)]:
        proto = element.proto
        kind = type(element).__name__ if type(element).__name__ != "UnknownElement" else element.type
        if getattr(proto, "component_name", "") == live_chart.COMPONENT_NAME:
            sent, script = _data_bytes(proto), len(proto.js_content.encode()) + len(proto.css_content.encode())
            sizes["chart: data"] += sent
            sizes["chart: JS and CSS"] += script
            sizes["chart: rest"] += proto.ByteSize() - sent - script
            sizes["(figure JSON, not counted)"] += _figure_bytes(proto)
        else:
            sizes[kind] += proto.ByteSize()
    sizes["total"] = sum(size for kind, size in sizes.items() if not kind.startswith("("))
    return dict(sizes)


def _data_bytes(proto) -> int:
    """Bytes of the live chart's data as sent (compressed bytes, or Streamlit's JSON)."""
    which = proto.WhichOneof("data")
    return len(proto.bytes) if which == "bytes" else len(proto.json.encode()) if which == "json" else 0


def _figure_bytes(proto) -> int:
    """Bytes of the live chart's figure before compression: its compact JSON, or the JSON string inside
    Streamlit's JSON (escaped again there)."""
    which = proto.WhichOneof("data")
    if which == "bytes":
        figure = read_live_chart_payload(proto.bytes)["figure"]
        return len(json.dumps(figure, separators=(",", ":"), ensure_ascii=False).encode())
    if which == "json":
        return len(json.dumps(json.loads(proto.json)["figure"])) - 2
    return 0


def measure(page: str, moves: int) -> list[dict[str, int]]:
    """Open ``page`` and move its main slider ``moves`` times; the weight of each move's rerun."""
    script, key, step = PAGES[page]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page(script).run()
    start = at.slider(key=key).value
    weights = []
    for move in range(moves):
        shift = step if move % 2 == 0 else 0
        value = (start[0] + shift, *start[1:]) if isinstance(start, tuple) else start + shift
        at.slider(key=key).set_value(value).run()
        weights.append(weigh(at))
    return weights


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", default=list(PAGES))
    parser.add_argument("--moves", type=int, default=4)
    arguments = parser.parse_args()
    for page in arguments.pages:
        weights = measure(page, arguments.moves)
        kinds = sorted({kind for weight in weights for kind in weight}, key=lambda kind: -weights[-1].get(kind, 0))
        print(f"/{page}: KB per move ({arguments.moves} moves)")
        for kind in kinds:
            values = " ".join(f"{weight.get(kind, 0) / 1000:7.1f}" for weight in weights)
            print(f"  {kind:<22} {values}")


if __name__ == "__main__":
    main()
