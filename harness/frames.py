"""Name what a websocket frame from the Streamlit server carries."""

import json
import zlib

from google.protobuf.message import DecodeError
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg


def describe_frame(payload: bytes | str) -> str:
    """A short name for one server → client frame.

    ``delta:<element type>`` for a new element (``delta:vega_lite_chart``), ``delta:add_block`` for a
    container, otherwise the ForwardMsg type (``script_finished``, ``ref_hash`` for a message the
    browser already holds in its cache, ...). ``undecoded`` if the frame is not a ForwardMsg.
    """
    if isinstance(payload, str):
        return "text"
    try:
        message = ForwardMsg.FromString(payload)
    except DecodeError:
        return "undecoded"
    kind = message.WhichOneof("type") or "empty"
    if kind != "delta":
        return kind
    delta_kind = message.delta.WhichOneof("type")
    if delta_kind == "new_element":
        return f"delta:{message.delta.new_element.WhichOneof('type')}"
    return f"delta:{delta_kind}"


def read_live_chart_payload(raw: bytes) -> dict:
    """The live chart's data as ``components.ui.live_chart.encode`` sent it (zlib-compressed UTF-8 JSON),
    with the figure as a dict: for the tests and the bench."""
    return json.loads(zlib.decompress(raw).decode("utf-8"))
