"""Reading PDF text back as a reader's tools do, and comparing it with the text that was drawn."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff"
_WORD = re.compile(r"[^\W\d_]+|\d+")
_SCRIPT = re.compile(rf"[{_ARABIC}]+|[^{_ARABIC}]+")
_BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is needed for PDF checks: apt-get install poppler-utils"
    return path


def pdf_text(path) -> str:
    """pdftotext in its default mode, as a reader copying the text would get it."""
    return subprocess.run(
        [tool("pdftotext"), str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def tokens(text: str) -> list[str]:
    """Word tokens: runs of Arabic letters, of other letters, or of digits, after NFKC (which
    folds Arabic presentation forms), without bidi marks and without combining marks.

    Harakat are left out because extraction tools place a mark by its letter's edge, sometimes
    one letter late; where the marks are drawn is checked by looking at the page.
    """
    text = _BIDI_MARKS.sub("", unicodedata.normalize("NFKC", text))
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return [part for word in _WORD.findall(text) for part in _SCRIPT.findall(word)]


def _lcs(a: list[str], b: list[str]) -> int:
    row = [0] * (len(b) + 1)
    for x in a:
        previous = 0
        for j, y in enumerate(b, start=1):
            previous, row[j] = row[j], previous + 1 if x == y else max(row[j], row[j - 1])
    return row[-1]


def in_order_ratio(source: str, extracted: list[str]) -> float:
    """The share of `source`'s tokens found in order within one contiguous window of `extracted`.

    The window is about as long as the source, with room for a page's footer and the next
    page's running header in between (about 16 tokens in the report), so tokens scattered over
    the document do not count.
    """
    wanted = tokens(source)
    if not wanted:
        return 1.0
    size = len(wanted) + max(20, len(wanted) // 5)
    anchors = set(wanted[:3])
    best = 0
    for start, token in enumerate(extracted):
        if token in anchors:
            best = max(best, _lcs(wanted, extracted[start : start + size]))
            if best == len(wanted):
                break
    return best / len(wanted)
