"""Name what a websocket frame from the Streamlit server carries, to say which elements the bytes go to."""

from collections import defaultdict

from google.protobuf.message import DecodeError
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from harness.frames import describe_frame


def uncached_frames(payloads: list[bytes | str]) -> list[tuple[str, int]]:
    """``(kind, size)`` per frame as if the browser had no message cache.

    Streamlit sends a large message (a chart) once; when the same message is due again, the server
    sends a short ``ref_hash`` frame and the browser takes the message from its cache. A slider that
    goes back and forth between two values therefore costs little after the first two moves, while
    a move to a new value sends the whole chart. Here a ``ref_hash`` frame counts as the message it
    stands for (kind and size taken from the frame that carried it first, on this page).
    """
    sent_by_hash: dict[str, tuple[str, int]] = {}
    frames = []
    for payload in payloads:
        kind, size = describe_frame(payload), len(payload)
        if not isinstance(payload, str):
            try:
                message = ForwardMsg.FromString(payload)
            except DecodeError:
                message = None
            if message is not None and message.hash:
                sent_by_hash[message.hash] = (kind, size)
            if message is not None and kind == "ref_hash" and message.ref_hash in sent_by_hash:
                kind, size = sent_by_hash[message.ref_hash]
        frames.append((kind, size))
    return frames


def bytes_by_kind(frames: list[tuple[str, int]], divide_by: int = 1) -> dict[str, float]:
    """Bytes per frame kind from ``(kind, size)`` pairs, divided by ``divide_by``, largest first."""
    totals: dict[str, float] = defaultdict(float)
    for kind, size in frames:
        totals[kind] += size / max(divide_by, 1)
    return dict(sorted(totals.items(), key=lambda item: -item[1]))


def sent_frames(payloads: list[bytes | str]) -> list[tuple[str, int]]:
    """``(kind, size)`` per frame as it went over the wire."""
    return [(describe_frame(payload), len(payload)) for payload in payloads]
