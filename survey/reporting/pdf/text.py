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
from reportlab.platypus import Flowable

from .bidi import line_levels, resolve_levels, visual_order
from .fonts import ALIAS_STEP, FONT, FONT_BOLD, Shaped, char_width, outline, shape, widened

# Control characters and bidi embeddings, overrides and isolates never reach the layout.
_UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_RTL_CHARS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff]")
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
    if not _RTL_CHARS.search(text) and base == 0:
        return [0] * len(text)  # left-to-right text alone: nothing to resolve
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

    def atoms(self, start: int, end: int, space: bool = False) -> list[Atom]:
        """The runs of text[start:end], each in one direction and one font."""
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
        start, end = words[0][0], words[-1][1]
        saved = self.levels[start:end]
        self.levels[start:end] = line_levels(self.text[start:end], saved, self.base)
        atoms = []
        for k, (a, b) in enumerate(words):
            if k:
                atoms += self.atoms(words[k - 1][1], a, space=True)
            atoms += self.atoms(a, b)
        self.levels[start:end] = saved
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
    colour = colors.toColor(style.colour)
    text = canvas.beginText()
    text.setFillColor(colour)
    scale = style.size / 1000
    marks = []  # (font, char, x, y) of the marks drawn as outlines
    for n, line in enumerate(lines):
        baseline = top - n * style.leading - (style.leading - style.size) / 2 - style.size * ASCENT
        spaces = sum(1 for atom in line.atoms if atom.space)
        stretch = 0.0
        if style.align == "justify" and not line.last and spaces:
            stretch = max(0.0, width - line.width) / spaces
        pen = _start_x(line, style, x, width) if not stretch else x
        placed = []  # (font, char, x, visible) of each glyph, left to right
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
            _emit(text, placed, baseline, style.size)
    canvas.drawText(text)
    if marks:
        canvas.saveState()
        canvas.setFillColor(colour)
        for font, char, at, y in marks:
            _draw_outline(canvas, outline(font, char), at, y, scale)
        canvas.restoreState()


def _draw_outline(canvas, ops: tuple, x: float, y: float, scale: float):
    path = canvas.beginPath()
    for op, *points in ops:
        points = [(x + px * scale, y + py * scale) for px, py in points]
        if op == "move":
            path.moveTo(*points[0])
        elif op == "line":
            path.lineTo(*points[0])
        elif op == "curve":
            path.curveTo(*points[0], *points[1], *points[2])
        else:
            path.close()
    canvas.drawPath(path, stroke=0, fill=1)


def _emit(text, placed: list[tuple[str, str, float, bool]], baseline: float, size: float):
    """Glyphs flowed from the line's start, each moved to its place with character spacing.

    The distance to the next glyph is carried by the character spacing (Tc) of the one before,
    not by a jump, and a gap too wide for that goes into a wider alias of the glyph: extraction
    would read a jump inside a word as a space. Marks drawn as outlines are written here
    invisibly (render mode 3), on the baseline, so that the text still reads in order.
    """
    text.setTextOrigin(placed[0][2], baseline)
    state, run = (None, 0.0, True), []
    for i, (font, char, x, visible) in enumerate(placed):
        natural = char_width(font, char) * size / 1000
        following = placed[i + 1][2] if i + 1 < len(placed) else x + natural
        if following - x - natural > size * ALIAS_STEP / 1000:
            char = widened(font, char, (following - x - natural) * 1000 / size)
            natural = char_width(font, char) * size / 1000
        wanted = (font, round(following - x - natural, 3), visible)
        if wanted != state:
            if run:
                text.textOut("".join(run))
                run = []
            if wanted[0] != state[0]:
                text.setFont(font, size)
            if wanted[1] != state[1]:
                text.setCharSpace(wanted[1])
            if wanted[2] != state[2]:
                text.setTextRenderMode(0 if visible else 3)
            state = wanted
        run.append(char)
    text.textOut("".join(run))
    if state[1]:
        text.setCharSpace(0)
    if not state[2]:
        text.setTextRenderMode(0)


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
