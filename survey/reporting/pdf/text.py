"""Text for the PDF in Arabic, French or English: cleaned, bidirectional, shaped, wrapped, drawn.

The same component serves every language, so Arabic names in a French report and Latin words in
an Arabic one come out right. A paragraph's embedding levels come from the Unicode Bidirectional
Algorithm; it is wrapped in logical order with shaped widths; each line is reordered on its own
(rule L2) and drawn run by run with HarfBuzz glyphs. Text is never read as markup.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

from reportlab.lib import colors
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.platypus import Flowable

from .bidi import resolve_levels, visual_order
from .fonts import ALIAS_STEP, FONT, FONT_BOLD, Shaped, faces, outline, shape, widened

# Control characters and bidi embeddings, overrides and isolates never reach the layout.
_UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
# Written left to right whatever surrounds them: e-mail and web addresses, phone numbers (a
# leading + or 0, then at least eight digits in groups), numbers joined by . / or - (dates, the
# law 09-08), and runs of Latin words with their numbers and brackets, as "(ISO 27001) 2026":
# each is set as one left-to-right phrase, which is also how text extraction reads it back.
_WORD = r"[(\[]?[A-Za-z0-9][\w.:/%@+-]*[)\]]?"
_ISLANDS = re.compile(
    r"(?P<mail>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
    r"|(?P<web>https?://\S+)"
    r"|(?P<phone>(?:\+|\b0)\d[\d ().-]{6,}\d)"
    r"|(?P<number>\b\d+(?:[./-]\d+)+\b)"
    rf"|(?P<latin>{_WORD}(?: +{_WORD})*)",
    re.ASCII,
)
ASCENT = 0.78  # where the baseline sits in a line box, as a share of the font size
Content = str | Sequence[tuple[str, bool]]  # plain text, or (text, bold) spans


def clean(text: object) -> str:
    """Text as it may be drawn: NFC, without control or directional formatting characters."""
    text = unicodedata.normalize("NFC", str(text)).replace("\t", " ").replace("\r\n", "\n")
    return _UNWANTED.sub("", text)


@dataclass(frozen=True)
class TextStyle:
    size: float = 9.5
    leading: float = 14
    bold: bool = False
    colour: object = "#222222"
    align: str = "start"  # start, end, centre or justify
    rtl: bool = False  # the paragraph direction: the document's
    lang: str = "en"
    space_before: float = 0
    space_after: float = 0

    def but(self, **changes) -> TextStyle:
        return replace(self, **changes)


@dataclass(frozen=True)
class Atom:
    """A piece of a line in one direction and one font, or the space between two words."""

    shaped: Shaped
    font: str
    level: int
    space: bool


@dataclass(frozen=True)
class Line:
    atoms: tuple[Atom, ...]  # in visual order
    width: float  # natural width, in points
    last: bool  # the last line of its paragraph (never stretched when justified)


def _spans(content: Content, style: TextStyle) -> tuple[str, list[str]]:
    """The text of `content` and the font of each of its characters."""
    if isinstance(content, str):
        content = [(content, style.bold)]
    text, fonts = [], []
    for part, bold in content:
        part = clean(part)
        text.append(part)
        fonts += [FONT_BOLD if bold else FONT] * len(part)
    return "".join(text), fonts


def _islands(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _ISLANDS.finditer(text):
        start, end = match.span()
        kind, found = match.lastgroup, match[0]
        if kind == "phone" and sum(c.isdigit() for c in found) < 8:
            continue
        if kind == "latin":
            if not re.search("[A-Za-z]", found):
                continue
            start += found.startswith(("(", "[")) and _unbalanced(found)
            end -= found.endswith((")", "]")) and _unbalanced(text[start:end])
        spans.append((start, end))
    return spans


def _unbalanced(text: str) -> bool:
    return text.count("(") != text.count(")") or text.count("[") != text.count("]")


def _levels(text: str, base: int) -> list[int]:
    kinds = {unicodedata.bidirectional(c) for c in set(text)}
    opposite = {"R", "AL", "AN"} if base == 0 else {"L", "EN", "AN", "LRE", "LRO", "LRI"}
    if not kinds & opposite:
        return [base] * len(text)  # one direction only: every character at the paragraph level
    return resolve_levels(text, base, _islands(text))


class _Paragraph:
    """One paragraph (no line break inside) resolved and split into words and measured runs."""

    def __init__(self, text: str, fonts: list[str], style: TextStyle):
        self.style = style
        self.base = 1 if style.rtl else 0
        self.text, self.fonts = text, fonts
        self.levels = _levels(text, self.base)
        self.scale = style.size / 1000
        self.words = [m.span() for m in re.finditer(r"[^ ]+", text)]
        self._atoms: dict[tuple[int, int], list[Atom]] = {}

    def atoms(self, start: int, end: int, space: bool = False) -> list[Atom]:
        """The runs of text[start:end], each in one direction and one font."""
        key = (start, end)
        if key not in self._atoms:
            self._atoms[key] = self._runs(start, end, space)
        return self._atoms[key]

    def _runs(self, start: int, end: int, space: bool) -> list[Atom]:
        atoms, i = [], start
        while i < end:
            j = i + 1
            while j < end and (self.levels[j], self.fonts[j]) == (self.levels[i], self.fonts[i]):
                j += 1
            rtl = self.levels[i] % 2 == 1
            shaped = shape(self.text[i:j], self.fonts[i], rtl, self.style.lang)
            atoms.append(Atom(shaped, self.fonts[i], self.levels[i], space))
            i = j
        return atoms

    def width(self, atoms: list[Atom]) -> float:
        return sum(atom.shaped.width for atom in atoms) * self.scale

    def pieces(self, start: int, end: int, room: float) -> list[tuple[int, int]]:
        """A word too wide for a line, cut between characters into pieces that fit."""
        pieces, cut, used = [], start, 0.0
        for i in range(start, end):
            advance = shape(self.text[i], self.fonts[i], False, "en").width * self.scale
            if used + advance > room * 0.95 and i > cut and not unicodedata.combining(self.text[i]):
                pieces.append((cut, i))
                cut, used = i, 0.0
            used += advance
        pieces.append((cut, end))
        return pieces

    def lines(self, room: float) -> list[Line]:
        """Greedy wrapping in logical order; each line then reordered for display."""
        lines: list[list[tuple[int, int]]] = []
        current: list[tuple[int, int]] = []
        used = 0.0
        for start, end in self.words:
            width = self.width(self.atoms(start, end))
            spans = [(start, end)] if width <= room else self.pieces(start, end, room)
            for piece in spans:
                width = self.width(self.atoms(*piece)) if len(spans) > 1 else width
                gap = self.width(self.atoms(current[-1][1], piece[0])) if current else 0.0
                if current and used + gap + width > room:
                    lines.append(current)
                    current, used, gap = [], 0.0, 0.0
                current.append(piece)
                used += gap + width
        lines.append(current)
        return [self._line(words, k == len(lines) - 1) for k, words in enumerate(lines)]

    def _line(self, words: list[tuple[int, int]], last: bool) -> Line:
        if not words:
            return Line((), 0.0, last)
        # A line starts and ends with a word, so rule L1 (trailing spaces) has nothing to do.
        atoms = []
        for k, (a, b) in enumerate(words):
            if k:
                atoms += self.atoms(words[k - 1][1], a, space=True)
            atoms += self.atoms(a, b)
        order = visual_order([atom.level for atom in atoms])
        return Line(tuple(atoms[i] for i in order), self.width(atoms), last)


def layout(content: Content, style: TextStyle, width: float) -> list[Line]:
    """`content` wrapped to `width` points: its lines, in reading order from the top."""
    text, fonts = _spans(content, style)
    lines, offset = [], 0
    for part in text.split("\n"):
        end = offset + len(part)
        lines += _Paragraph(part, fonts[offset:end], style).lines(width)
        offset = end + 1
    return lines


def _start_x(line: Line, style: TextStyle, x: float, width: float) -> float:
    align = style.align
    if align == "justify":
        align = "start"
    if align == "centre":
        return x + (width - line.width) / 2
    at_right = (align == "start") == style.rtl
    return x + width - line.width if at_right else x


def draw_lines(canvas, lines: Sequence[Line], style: TextStyle, x: float, top: float, width: float):
    """Draw `lines` in a box `width` points wide whose top edge is at `top`."""
    canvas.saveState()
    canvas.setFillColor(colors.toColor(style.colour))
    scale = style.size / 1000
    for n, line in enumerate(lines):
        baseline = top - n * style.leading - (style.leading - style.size) / 2 - style.size * ASCENT
        spaces = sum(1 for atom in line.atoms if atom.space)
        stretch = 0.0
        if style.align == "justify" and not line.last and spaces:
            stretch = max(0.0, width - line.width) / spaces
        pen = _start_x(line, style, x, width) if not stretch else x
        placed = []  # (font, char, x, visible) of each glyph, left to right
        marks = []  # (font, char, x, y) of the marks drawn as outlines
        for atom in line.atoms:
            pending = []  # marks written after their letter, which follows them right to left
            for glyph in atom.shaped.glyphs:
                at = pen + glyph.x_offset * scale
                if glyph.advance or not (glyph.x_offset or glyph.y_offset):
                    placed.append((atom.font, glyph.char, at, True))
                    pen += glyph.advance * scale
                    placed += [(atom.font, char, pen, False) for char in pending]
                    pending = []
                    continue
                # a mark moved onto its letter: its outline there, its text at the letter's end
                marks.append((atom.font, glyph.char, at, baseline + glyph.y_offset * scale))
                if atom.level % 2:
                    pending.append(glyph.char)
                else:
                    placed.append((atom.font, glyph.char, pen, False))
            placed += [(atom.font, char, pen, False) for char in pending]
            if atom.space:
                pen += stretch
        if placed:
            canvas.addLiteral(_text_operators(canvas, placed, baseline, style.size))
        for font, char, at, y in marks:
            canvas.addLiteral(f"q {fp_str(scale, 0, 0, scale, at, y)} cm {outline(font, char)} f Q")
    canvas.restoreState()


def _text_operators(canvas, placed: list[tuple[str, str, float, bool]], baseline, size) -> str:
    """One line of glyphs as PDF text operators: each glyph where HarfBuzz put it.

    The glyphs flow from the line's start with TJ adjustments between them; a gap too wide for
    that (which extraction would read as a space inside a word) goes into a wider alias of the
    glyph before it. Marks drawn as outlines are written here invisibly (render mode 3), on the
    baseline, so that the text still reads in order.
    """
    groups: list[tuple[str, bool, list[str], list[float]]] = []
    em, widest = size / 1000, size * ALIAS_STEP / 1000
    key, chars, adjustments = None, [], []
    for i, (font, char, x, visible) in enumerate(placed):
        if (font, visible) != key:
            key, chars, adjustments = (font, visible), [], []
            groups.append((font, visible, chars, adjustments))
            widths = faces()[font].widths
        natural = widths[ord(char)] * em
        gap = (placed[i + 1][2] - x - natural) if i + 1 < len(placed) else 0.0
        if gap > widest:
            char = widened(font, char, gap / em)
            gap = placed[i + 1][2] - x - widths[ord(char)] * em
        chars.append(char)
        adjustments.append(-gap / em)
    doc = canvas._doc  # subsets are numbered per document, as ReportLab's text objects do
    out = [f"BT 1 0 0 1 {fp_str(placed[0][2], baseline)} Tm"]
    for font, visible, chars, adjustments in groups:
        ttf = faces()[font].ttf
        if not visible:
            out.append("3 Tr")
        k = 0
        for subset, data in ttf.splitString("".join(chars), doc):
            array, run = [], bytearray()
            for byte in data:
                run.append(byte)
                if abs(adjustments[k]) > 0.05:
                    array += [f"({escapePDF(bytes(run))})", fp_str(adjustments[k])]
                    run = bytearray()
                k += 1
            if run:
                array.append(f"({escapePDF(bytes(run))})")
            name = ttf.getSubsetInternalName(subset, doc)
            out.append(f"{name} {fp_str(size)} Tf [{' '.join(array)}] TJ")
        if not visible:
            out.append("0 Tr")
    out.append("ET")
    return " ".join(out)


def measure(content: Content, style: TextStyle) -> float:
    """The width of `content` on one line, in points."""
    return max((line.width for line in layout(content, style, float("inf"))), default=0.0)


def draw_line(canvas, content: Content, style: TextStyle, x: float, y: float, anchor: str):
    """One line with its baseline at `y`: `anchor` says whether `x` is its left, right or centre."""
    lines = layout(content, style, float("inf"))[:1]
    if not lines:
        return
    width = lines[0].width
    left = {"left": x, "right": x - width, "centre": x - width / 2}[anchor]
    top = y + (style.leading - style.size) / 2 + style.size * ASCENT
    draw_lines(canvas, lines, style.but(align="start", rtl=False), left, top, width)


def fit(text: str, style: TextStyle, width: float) -> str:
    """`text` cut at its logical end with an ellipsis so that it fits in `width` points."""
    text = clean(text).replace("\n", " ")
    if measure(text, style) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with its ellipsis
        middle = (low + high + 1) // 2
        if measure(text[:middle].rstrip() + "…", style) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


class TextBlock(Flowable):
    """A paragraph for ReportLab stories and table cells, in either direction; it splits by line."""

    def __init__(self, content: Content, style: TextStyle, lines: list[Line] | None = None):
        super().__init__()
        self.content, self.style = content, style
        self._fixed = lines  # the lines of a part made by split()
        self._lines: list[Line] = []
        self._width = None

    def _layout(self, width: float) -> list[Line]:
        if self._fixed is not None:
            return self._fixed
        if width != self._width:
            self._lines, self._width = layout(self.content, self.style, width), width
        return self._lines

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's names)
        self.width = availWidth
        self.height = len(self._layout(availWidth)) * self.style.leading
        return self.width, self.height

    def split(self, availWidth, availHeight):  # noqa: N803
        lines = self._layout(availWidth)
        fit_count = int((availHeight + 1e-6) // self.style.leading)
        if fit_count >= len(lines):
            return [self]
        if fit_count <= 0:
            return []
        first = TextBlock(self.content, self.style.but(space_after=0), lines[:fit_count])
        rest = TextBlock(self.content, self.style.but(space_before=0), lines[fit_count:])
        return [first, rest]

    def getSpaceBefore(self):  # noqa: N802
        return self.style.space_before

    def getSpaceAfter(self):  # noqa: N802
        return self.style.space_after

    def draw(self):
        lines = self._layout(self.width)
        draw_lines(self.canv, lines, self.style, 0, self.height, self.width)
