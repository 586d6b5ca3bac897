"""Text from outside (files, the store, the keyboard, the system) made safe to show in a terminal.

`clean(text)` keeps letters, digits, punctuation, spaces, tabs and line breaks. It makes control
characters visible as their Unicode picture (ESC becomes ␛, BEL becomes ␇), so an escape sequence
shows up as harmless text instead of clearing the screen, setting the window title or hiding a link;
C1 controls, other line breaks and lone surrogates become �. Bidi overrides and isolates (which can
make text read backwards) and zero-width formatting characters are dropped. Clean text stays clean:
clean(clean(x)) == clean(x).
"""

from __future__ import annotations

import re
from typing import Any

# The one table of characters that must not reach a terminal or a document as they are (the report's
# Markdown uses it too: report.escape_inline).
# C0 controls except tab and line feed, DEL, C1 controls, the Unicode line and paragraph separators,
# and lone surrogates.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
# Bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), direction marks, the zero-width
# space and other invisible formatting characters that can hide or reorder text. The zero-width
# (non-)joiners stay: emoji and some scripts need them.
INVISIBLE = re.compile("[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]")
_ANY = re.compile(f"{CONTROL.pattern}|{INVISIBLE.pattern}")


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if INVISIBLE.fullmatch(char):
        return ""
    if code == 0x0D:
        return "\n"  # a carriage return (Windows line ends are \r\n: see clean)
    if code < 0x20:
        return chr(0x2400 + code)  # the control pictures: ␀ ... ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def clean(text: str) -> str:
    """Text that shows as itself in a terminal: no escape sequences, controls or bidi overrides."""
    if not _ANY.search(text):  # the usual case: nothing to do
        return text
    return _ANY.sub(_visible, text.replace("\r\n", "\n"))


def masked(text: str) -> str:
    """`text` with every character that `clean` would change replaced by one visible character, so the
    length stays the same (for a line being typed, where the cursor position must not move)."""
    if not _ANY.search(text):
        return text
    return _ANY.sub(_one_visible, text)


def _one_visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


def is_clean(text: str) -> bool:
    return _ANY.search(text) is None


def clean_data(value: Any) -> Any:
    """Every string in nested lists and dicts (keys too) cleaned; other values unchanged.

    Iterative, so a deeply nested value cannot exhaust the stack. Containers are changed in place.
    """
    if isinstance(value, str):
        return clean(value)
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, list):
            for index, element in enumerate(item):
                if isinstance(element, str):
                    if not is_clean(element):
                        item[index] = clean(element)
                elif isinstance(element, (list, dict)):
                    pending.append(element)
        elif isinstance(item, dict):
            dirty_keys = [key for key in item if isinstance(key, str) and not is_clean(key)]
            for key in dirty_keys:
                item[clean(key)] = item.pop(key)
            for key, element in item.items():
                if isinstance(element, str):
                    if not is_clean(element):
                        item[key] = clean(element)
                elif isinstance(element, (list, dict)):
                    pending.append(element)
    return value
