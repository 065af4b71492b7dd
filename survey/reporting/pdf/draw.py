"""Lines of shaped text drawn on a ReportLab canvas as PDF text operators.

Each line is one text object: the glyphs of its runs flow from the line's start, with TJ numbers
putting each one where HarfBuzz placed it and stretching the spaces of justified lines. A run's
part of that (its characters in the PDF's font subsets, with their TJ numbers) is worked out once
and reused on every line the run appears in, in every document: characters have fixed places in
the subsets (see `subsets`). Marks drawn as outlines are written
invisibly (render mode 3) so that the text still reads in order.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from functools import lru_cache, partial

from reportlab.lib import colors
from reportlab.lib.rl_accel import escapePDF, fp_str

from .fonts import Shaped, faces, number_text, outline
from .layout import Line, TextStyle
from .layout import clear_caches as layout_clear_caches
from .subsets import codes_as_used, split_codes

ASCENT = 0.78  # where the baseline sits in a line box, as a share of the font size
_SMALLEST = 0.05  # TJ numbers below this (thousandths of an em) are left out
_SPACE = "( )"  # a space as a PDF string
_RUNS: dict[int, tuple] = {}  # by id of a run, its entry (see `_entry`), good in every document
_RUNS_KEPT = 65536
_DOCUMENTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # a _Document by document


@lru_cache(maxsize=64)
def _fill(value) -> str:
    """The PDF operator that sets a fill colour."""
    colour = colors.toColor(value)
    return f"{fp_str(colour.red, colour.green, colour.blue)} rg"


@lru_cache(maxsize=64)
def _subset_key(font: str, subset: int) -> str:
    """A font subset's key in the entries: one string object for each, quick to compare."""
    return f"{font}+{subset}"


class _Document:
    """What a document has drawn so far: its runs' entries by id, each subset's PDF name, and
    (through ReportLab's font states) the fixed codes it used, so that only those are embedded."""

    def __init__(self, doc, fixed: bool):
        # the document only weakly: it is the key this is kept under, in a weak dictionary
        self.doc, self.fixed = weakref.ref(doc), fixed
        if not fixed:
            codes_as_used(doc)
        self.runs: dict[int, tuple] = {}
        self.names: dict[str, str] = {}
        self._fonts: dict[str, tuple] = {}

    def _font(self, font: str) -> tuple:
        """The font's ReportLab font, its state in this document, and the `split` and `key`
        for `_entry` that give its runs this document's codes and subset names."""
        found = self._fonts.get(font)
        if found is None:
            ttf = faces()[font].ttf
            state = ttf.state[self.doc()]
            split = partial(_split, ttf, state)
            name = partial(_subset_name, self.names, self.doc, ttf)  # no cycle through self
            found = self._fonts[font] = ttf, state, split, name
        return found

    def entry(self, shaped: Shaped) -> tuple:
        """A run's entry (the first time the document draws it)."""
        ttf, state, split, name = self._font(shaped.font)
        entry = None
        if self.fixed:
            entry = _RUNS.get(id(shaped))
            if entry is None or entry[0] is not shaped:
                key = partial(_subset_key, shaped.font)
                # (shaped,) for a run with characters placed per document
                entry = _entry(shaped, ttf.fixed_split, key, True) or (shaped,)
                if len(_RUNS) >= _RUNS_KEPT:
                    _RUNS.clear()
                _RUNS[id(shaped)] = entry
        if entry is None or len(entry) == 1:
            entry = _entry(shaped, split, name, self.fixed)
        if self.fixed:
            state.used.update(entry[7])
            for key in entry[8]:
                if key not in self.names:
                    self.names[key] = name(int(key.rpartition("+")[2]))
        self.runs[id(shaped)] = entry
        return entry


def _subset_name(names: dict, doc: weakref.ref, ttf, subset: int) -> str:
    """A subset's PDF name in the document, kept in `names` under itself too (the key of the
    pieces of a run encoded for this document only)."""
    key = (ttf.fontName, subset)
    name = names.get(key)
    if name is None:
        name = names[key] = ttf.getSubsetInternalName(subset, doc())
        names[name] = name
    return name


def _document(doc, rtl: bool) -> _Document:
    """The document's drawing state, made at its first text: with fixed places for characters
    unless that text is right-to-left (see `subsets.codes_as_used`)."""
    document = _DOCUMENTS.get(doc)
    if document is None:
        document = _DOCUMENTS[doc] = _Document(doc, fixed=not rtl)
    return document


def _entry(shaped: Shaped, split, key, fixed: bool) -> tuple | None:
    """What drawing a run needs: the run itself (which keeps its id from being reused while the
    entry lives), its encoded pieces (subset key, visible, TJ elements), head, tail, marks,
    width, for a run written in one piece from its start to its end what `_simple_line` needs
    (subset key, TJ elements, whether it is one space, whether it holds a space byte, which
    ReportLab writes for U+0020 and U+00A0), and when `fixed` (codes at fixed places, used in
    every document) its codes (the PDF leaves out those no run used) and its subset keys.

    `split` gives characters as (subset, bytes) pieces (None: no codes for them), `key` the key
    a subset has in the pieces (the document's subset names look keys up)."""
    ink, chars = shaped.ink, shaped.chars
    pieces, used = _encode(shaped, split, key, fixed)
    if pieces is None:
        return None
    head, tail, marks = (0.0, 0.0, ()) if ink is None else (ink.head, ink.tail, ink.marks)
    simple = None
    if len(pieces) == 1 and pieces[0][1] and not (head or tail or marks):
        spaced = " " in chars or "\xa0" in chars
        simple = pieces[0][0], pieces[0][2], chars == " ", spaced
    keys = tuple(dict.fromkeys(piece[0] for piece in pieces)) if fixed else ()
    return shaped, pieces, head, tail, marks, shaped.width, simple, used, keys


def _encode(shaped: Shaped, split, key, codes: bool) -> tuple[list | None, frozenset]:
    """A run's characters as (subset key, visible, TJ elements) pieces, and (when `codes`)
    their codes."""
    pieces, used = [], set()
    segments = ((True, shaped.chars, ()),) if shaped.ink is None else shaped.ink.segments
    for visible, chars, adjustments in segments:
        parts = split(chars)
        if parts is None:
            return None, frozenset()
        if codes:
            used.update(subset << 8 | byte for subset, data in parts for byte in data)
        if not adjustments and len(parts) == 1:  # the usual case
            subset, data = parts[0]
            pieces.append((key(subset), visible, _string(data)))
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
            pieces.append((key(subset), visible, " ".join(elements)))
            k += len(data)
    return pieces, frozenset(used)


def _split(ttf, state, chars: str) -> list[tuple[int, bytes]]:
    """`chars` in the document's subsets (whose font state is `state`), quickest when each has
    its code there already."""
    assigned = state.assignments
    try:
        try:
            return [(0, bytes(map(assigned.__getitem__, map(ord, chars))))]  # all in subset 0
        except ValueError:  # codes beyond the first subset
            return split_codes([assigned[ord(char)] for char in chars])
    except KeyError:  # a character the document has not used yet
        return ttf.split_in(state, chars)


@lru_cache(maxsize=65536)
def _string(data: bytes) -> str:
    """A PDF string for `data`: literal, or hexadecimal when escapes would make it longer."""
    literal = escapePDF(data)
    return f"({literal})" if len(literal) <= 2 * len(data) else f"<{data.hex()}>"


def clear_caches() -> None:
    """Forget every cache of the text component: layout, shaping, outlines, character classes
    and the encoded runs kept here (for benchmarks that measure a cold start)."""
    layout_clear_caches()
    _string.cache_clear()
    _RUNS.clear()


def _start_x(line: Line, style: TextStyle, x: float, width: float) -> float:
    align = "start" if style.align == "justify" else style.align
    if align == "centre":
        return x + (width - line.width) / 2
    at_right = (align == "start") == style.rtl
    return x + width - line.width if at_right else x


def draw_lines(canvas, lines: Sequence[Line], style: TextStyle, x: float, top: float, width: float):
    """Draw `lines` in a box `width` points wide whose top edge is at `top`."""
    canvas.addLiteral(f"q {_fill(style.colour)}")  # the canvas's own state is left untouched
    document = _document(canvas._doc, style.rtl)  # font subsets are named per document
    for n, line in enumerate(lines):
        if not line.atoms:
            continue
        baseline = top - n * style.leading - (style.leading - style.size) / 2 - style.size * ASCENT
        stretch = 0.0
        if style.align == "justify" and not line.last and line.spaces:
            stretch = max(0.0, width - line.width) / line.spaces
        pen = _start_x(line, style, x, width) if not stretch else x
        text, marks = _line_operators(document, line, style.size, pen, baseline, stretch)
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


def _simple_line(document, line: Line, size: float, pen: float, baseline: float, stretch):
    """A line whose runs each start and end where their advance says, in one font subset, with
    one-space gaps (most lines): one TJ array, justified by word spacing (`Tw`, which PDF adds
    to each byte 32, the space in every subset written). None for any other line."""
    elements, key, runs = [], None, document.runs
    for shaped, _, space in line.atoms:
        entry = runs.get(id(shaped))
        if entry is None:
            entry = document.entry(shaped)
        simple = entry[6]
        if simple is None:
            return None
        if space:
            if not simple[2]:  # a wider gap
                return None
        elif simple[3] or (key is not None and simple[0] != key):  # a no-break space in a word
            return None
        else:
            key = simple[0]
        elements.append(simple[1])  # a one-space gap is byte 32 in every subset written
    if key is None:
        return None
    start = f"BT 1 0 0 1 {fp_str(pen, baseline)} Tm {document.names[key]} {fp_str(size)} Tf"
    text = " ".join(elements)
    if stretch:
        return f"{start} {fp_str(stretch)} Tw [{text}] TJ 0 Tw ET"
    return f"{start} [{text}] TJ ET"


def _line_operators(document, line: Line, size: float, pen: float, baseline: float, stretch):
    """One line as a PDF text object, its runs joined by the TJ numbers between them, and the
    marks drawn as outlines."""
    text = _simple_line(document, line, size, pen, baseline, stretch)
    if text is not None:
        return text, ()
    out = [f"BT 1 0 0 1 {fp_str(pen, baseline)} Tm"]
    marks = []
    font, visible = None, True
    carry = 0.0  # room (thousandths of an em) between the last character written and the next
    em = size / 1000
    spread = stretch / em
    numbers: dict[float, str] = {}
    runs = document.runs
    for shaped, _, space in line.atoms:
        entry = runs.get(id(shaped))
        if entry is None:
            entry = document.entry(shaped)
        _, pieces, head, tail, drawn_marks, advance, _, _, _ = entry
        carry += head
        for key, shown, elements in pieces:
            if elements == _SPACE and font is not None:
                key = font  # byte 32 is the space in every subset written
            if key != font or shown is not visible:
                if font is not None:
                    out.append("] TJ")
                if shown is not visible:
                    out.append("0 Tr" if shown else "3 Tr")
                if key != font:
                    out.append(f"{document.names[key]} {fp_str(size)} Tf")
                out.append("[")
                font, visible = key, shown
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
