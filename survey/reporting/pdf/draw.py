"""Lines of shaped text drawn on a ReportLab canvas as PDF text operators.

Each line is one text object: the glyphs of its runs flow from the line's start, with TJ numbers
putting each one where HarfBuzz placed it and stretching the spaces of justified lines. A run's
part of that (its characters in the PDF's font subsets, with their TJ numbers) is worked out once
per document and reused on every line the run appears in. Marks drawn as outlines are written
invisibly (render mode 3) so that the text still reads in order.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.rl_accel import escapePDF, fp_str

from .fonts import Shaped, faces, number_text, outline
from .layout import Line, TextStyle
from .layout import clear_caches as layout_clear_caches

ASCENT = 0.78  # where the baseline sits in a line box, as a share of the font size
_SMALLEST = 0.05  # TJ numbers below this (thousandths of an em) are left out
# per document: by run (id), its pieces (subset font name, visible, TJ array elements) and metrics;
# by (font, subset), the subset's PDF name; by TTFont, ReportLab's codes for its characters
_RUNS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


@lru_cache(maxsize=64)
def _fill(value) -> str:
    """The PDF operator that sets a fill colour."""
    colour = colors.toColor(value)
    return f"{fp_str(colour.red, colour.green, colour.blue)} rg"


def _entry(cache: dict, doc, shaped: Shaped) -> tuple:
    """What drawing a run needs, for the document's cache: the run itself (which keeps its id
    from being reused while the entry lives), its encoded pieces, head, tail, marks and width,
    and for a run written in one piece from its start to its end, what `_simple_line` needs:
    (subset name, TJ elements, whether it is one space, whether it holds a space byte, which
    ReportLab writes for U+0020 and U+00A0)."""
    ink, chars = shaped.ink, shaped.chars
    pieces = _encode(cache, doc, shaped)
    head, tail, marks = (0.0, 0.0, ()) if ink is None else (ink.head, ink.tail, ink.marks)
    simple = None
    if len(pieces) == 1 and pieces[0][1] and not (head or tail or marks):
        spaced = " " in chars or "\xa0" in chars
        simple = pieces[0][0], pieces[0][2], chars == " ", spaced
    return shaped, pieces, head, tail, marks, shaped.width, simple


def _subset_name(cache: dict, ttf, subset: int, doc) -> str:
    """The PDF name of a font subset, kept in the document's cache."""
    key = (ttf.fontName, subset)
    name = cache.get(key)
    if name is None:
        name = cache[key] = ttf.getSubsetInternalName(subset, doc)
    return name


def _encode(cache: dict, doc, shaped: Shaped) -> list[tuple[str, bool, str]]:
    """A run's characters in the document's font subsets, with the TJ numbers between them."""
    ttf = faces()[shaped.font].ttf
    pieces = []
    segments = ((True, shaped.chars, ()),) if shaped.ink is None else shaped.ink.segments
    for visible, chars, adjustments in segments:
        parts = _split(cache, ttf, chars, doc)
        if not adjustments and len(parts) == 1:  # the usual case
            subset, data = parts[0]
            pieces.append((_subset_name(cache, ttf, subset, doc), visible, _string(data)))
            continue
        after, k = dict(adjustments), 0
        for subset, data in parts:
            elements, cut = [], 0
            for i in after:
                if k <= i < k + len(data):
                    elements += [_string(data[cut : i - k + 1]), after[i]]
                    cut = i - k + 1
            if cut < len(data):
                elements.append(_string(data[cut:]))
            pieces.append((_subset_name(cache, ttf, subset, doc), visible, " ".join(elements)))
            k += len(data)
    return pieces


def _split(cache: dict, ttf, chars: str, doc) -> list[tuple[int, bytes]]:
    """ttf.splitString(chars, doc), quicker when every character already has its code in the
    document's subsets (ReportLab 5.1 keeps them in its per-document `state.assignments`)."""
    assigned = cache.get(ttf)
    if assigned is None:
        state = ttf.state.get(doc)
        if state is None:  # the document's first text in this font
            return ttf.splitString(chars, doc)
        assigned = cache[ttf] = state.assignments
    try:
        try:
            return [(0, bytes(map(assigned.__getitem__, map(ord, chars))))]  # all in subset 0
        except ValueError:  # codes beyond the first subset
            codes = [assigned[ord(char)] for char in chars]
    except KeyError:  # a character this document has not used yet
        return ttf.splitString(chars, doc)
    parts, start = [], 0
    for i in range(1, len(codes) + 1):
        if i == len(codes) or codes[i] >> 8 != codes[start] >> 8:
            parts.append((codes[start] >> 8, bytes(c & 0xFF for c in codes[start:i])))
            start = i
    return parts


@lru_cache(maxsize=65536)
def _string(data: bytes) -> str:
    """A PDF string for `data`: literal, or hexadecimal when escapes would make it longer."""
    literal = escapePDF(data)
    return f"({literal})" if len(literal) <= 2 * len(data) else f"<{data.hex()}>"


def clear_caches() -> None:
    """Forget every cache of the text component: layout, shaping, outlines, character classes
    and the encoded strings kept here (for benchmarks that measure a cold start)."""
    layout_clear_caches()
    _string.cache_clear()


def _start_x(line: Line, style: TextStyle, x: float, width: float) -> float:
    align = "start" if style.align == "justify" else style.align
    if align == "centre":
        return x + (width - line.width) / 2
    at_right = (align == "start") == style.rtl
    return x + width - line.width if at_right else x


def draw_lines(canvas, lines: Sequence[Line], style: TextStyle, x: float, top: float, width: float):
    """Draw `lines` in a box `width` points wide whose top edge is at `top`."""
    canvas.addLiteral(f"q {_fill(style.colour)}")  # the canvas's own state is left untouched
    doc = canvas._doc  # font subsets are numbered per document
    cache = _RUNS.get(doc)
    if cache is None:
        cache = _RUNS[doc] = {}
    for n, line in enumerate(lines):
        if not line.atoms:
            continue
        baseline = top - n * style.leading - (style.leading - style.size) / 2 - style.size * ASCENT
        stretch = 0.0
        if style.align == "justify" and not line.last and line.spaces:
            stretch = max(0.0, width - line.width) / line.spaces
        pen = _start_x(line, style, x, width) if not stretch else x
        text, marks = _line_operators(cache, doc, line, style.size, pen, baseline, stretch)
        canvas.addLiteral(text)
        for font, char, at in marks:
            name = _mark_form(canvas, font, char)
            canvas.addLiteral(f"q {at} cm")
            canvas.doForm(name)
            canvas.addLiteral("Q")
    canvas.addLiteral("Q")


def _mark_form(canvas, font: str, char: str) -> str:
    """The name of the document's form that draws a mark's outline (in thousandths of an em,
    in the colour of the text around it), made the first time the mark is drawn."""
    name = f"mark-{font}-{ord(char):X}"
    if not canvas.hasForm(name):
        canvas.beginForm(name, -2000, -2000, 3000, 3000)
        canvas.addLiteral(f"{outline(font, char)} f")
        canvas.endForm()
    return name


def _simple_line(cache, doc, line: Line, size: float, pen: float, baseline: float, stretch):
    """A line whose runs each start and end where their advance says, in one font subset, with
    one-space gaps (most lines): one TJ array, justified by word spacing (`Tw`, which PDF adds
    to each byte 32, the space of ReportLab's subsets). None for any other line."""
    elements, name = [], None
    for shaped, _, space in line.atoms:
        entry = cache.get(id(shaped))
        if entry is None:
            entry = cache[id(shaped)] = _entry(cache, doc, shaped)
        simple = entry[6]
        if simple is None or (name is not None and simple[0] != name):
            return None
        if not simple[2] if space else simple[3]:  # a wider gap, or a no-break space in a word
            return None
        name = simple[0]
        elements.append(simple[1])
    if name is None:
        return None
    start = f"BT 1 0 0 1 {fp_str(pen, baseline)} Tm {name} {fp_str(size)} Tf"
    text = " ".join(elements)
    if stretch:
        return f"{start} {fp_str(stretch)} Tw [{text}] TJ 0 Tw ET"
    return f"{start} [{text}] TJ ET"


def _line_operators(cache, doc, line: Line, size: float, pen: float, baseline: float, stretch):
    """One line as a PDF text object, its runs joined by the TJ numbers between them, and the
    marks drawn as outlines."""
    text = _simple_line(cache, doc, line, size, pen, baseline, stretch)
    if text is not None:
        return text, ()
    out = [f"BT 1 0 0 1 {fp_str(pen, baseline)} Tm"]
    marks = []
    font, visible = None, True
    carry = 0.0  # room (thousandths of an em) between the last character written and the next
    em = size / 1000
    spread = stretch / em
    numbers: dict[float, str] = {}
    for shaped, _, space in line.atoms:
        entry = cache.get(id(shaped))
        if entry is None:
            entry = cache[id(shaped)] = _entry(cache, doc, shaped)
        _, pieces, head, tail, drawn_marks, advance, _ = entry
        carry += head
        for name, shown, elements in pieces:
            if name != font or shown is not visible:
                if font is not None:
                    out.append("] TJ")
                if shown is not visible:
                    out.append("0 Tr" if shown else "3 Tr")
                if name != font:
                    out.append(f"{name} {fp_str(size)} Tf")
                out.append("[")
                font, visible = name, shown
            if carry > _SMALLEST or carry < -_SMALLEST:
                number = numbers.get(carry)
                if number is None:
                    number = numbers[carry] = number_text(-carry)
                out.append(number)
            carry = 0.0
            out.append(elements)
        for char, dx, dy in drawn_marks:
            at = fp_str(em, 0, 0, em, pen + dx * em, baseline + dy * em)
            marks.append((shaped.font, char, at))
        if space:
            carry += tail + spread
            pen += advance * em + stretch
        else:
            carry += tail
            pen += advance * em
    if font is not None:
        out.append("] TJ")
    if not visible:
        out.append("0 Tr")
    out.append("ET")
    return " ".join(out), marks
