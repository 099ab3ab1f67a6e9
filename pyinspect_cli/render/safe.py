"""Terminal safety: user-controlled text never reaches a terminal or a pipe as control codes.

Class, attribute and module names, exception messages and file paths come from the
user's code and may hold escape sequences (``\\x1b[2J``, ``\\x1b]0;title\\x07``),
carriage returns, bidirectional overrides or lone surrogates. Every writer of
mro-explain's output (the stdout writer, the notes and errors on stderr, the Rich
consoles, the JSON serialiser) passes its text through one of these helpers, so
each such character is shown escaped: ``\\x1b`` for C0 controls, as Python's ``repr``
shows them, and ``\\u009b`` for the others, which is also valid inside a JSON string.
"""

from __future__ import annotations

import re

#: C0 controls except tab and newline, DEL and C1 controls, bidirectional overrides and isolates,
#: and lone surrogates (which no encoding can write)
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
#: what a JSON text may still hold raw: the JSON encoder escapes C0 controls itself
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
#: in one-line text (a name, a message) newlines and tabs are escaped too
_UNSAFE_IN_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escaped(match: re.Match[str]) -> str:
    # C0 controls as Python writes them; the rest as JSON and Python both read them, so that
    # text that is JSON stays valid JSON (its encoder already escaped every C0 control).
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x20 else f"\\u{code:04x}"


def escape_control(text: str) -> str:
    """*text* with control characters (but newlines and tabs) written as ``\\xNN``/``\\uNNNN``."""
    return _UNSAFE.sub(_escaped, text) if _UNSAFE.search(text) else text


def escape_line(text: str) -> str:
    """*text* on one line: newlines, tabs and every other control character escaped."""
    return _UNSAFE_IN_LINE.sub(_escaped, text) if _UNSAFE_IN_LINE.search(text) else text


def shown_len(text: str) -> int:
    """The length of *text* as it is shown, one-line escaped: what padding must count."""
    return len(escape_line(text))


def ljust(text: str, width: int) -> str:
    """*text* padded to *width* as it is shown (an escaped ``\\x1b`` takes four columns, not none)."""
    return text + " " * max(0, width - shown_len(text))


def escape_json(text: str) -> str:
    """A JSON text with the characters its encoder leaves raw escaped as ``\\uNNNN`` (still valid JSON)."""
    if not _UNSAFE_IN_JSON.search(text):
        return text
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def json_text(data: object) -> str:
    """Plain data (dicts, lists, strings, numbers) as mro-explain writes JSON.

    Indented by two spaces, UTF-8 kept, unsafe characters escaped (:func:`escape_json`):
    the same bytes pydantic's ``model_dump_json(indent=2)`` gives for the same document.
    """
    import json

    return escape_json(json.dumps(data, indent=2, ensure_ascii=False))
