"""Text cleaned, given its bidirectional levels, shaped and wrapped into lines in display order.

A paragraph's embedding levels come from the Unicode Bidirectional Algorithm; its words are
shaped once each and wrapped greedily in logical order with their shaped widths; each line is
then reordered on its own (rule L2). Text is never read as markup.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from . import bidi
from .bidi import resolve_levels, visual_order
from .fonts import FONT, FONT_BOLD, Shaped, outline, shape

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
_WORDS = re.compile("[^ ]+")
_TRAILING = ".,;:!?،؛؟…»)]"  # punctuation a word may end with
_OPPOSITE = ({"R", "AL", "AN"}, {"L", "EN", "AN"})  # classes that can leave the base level
Content = str | Sequence[tuple[str, bool]]  # plain text, or (text, bold) spans


def clean(text: object) -> str:
    """Text as it may be drawn: NFC, without control or directional formatting characters."""
    text = unicodedata.normalize("NFC", str(text)).replace("\t", " ").replace("\r\n", "\n")
    return _UNWANTED.sub("", text)


class TextStyle(NamedTuple):  # a tuple: hashed and compared quickly, as cache keys are
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
        return self._replace(**changes)


class Atom(NamedTuple):
    """A piece of a line in one direction and one font, or the space between two words."""

    shaped: Shaped
    level: int
    space: bool


@dataclass(frozen=True)
class Line:
    atoms: tuple[Atom, ...]  # in visual order
    width: float  # natural width, in points
    last: bool  # the last line of its paragraph (never stretched when justified)
    spaces: int = 0  # the spaces between its words (which justification stretches)


def _spans(content: Content, style: TextStyle) -> tuple[str, list[tuple[int, str]]]:
    """The text of `content` and where each of its fonts starts."""
    if isinstance(content, str):
        content = [(content, style.bold)]
    text, fonts, at = [], [], 0
    for part, bold in content:
        part, font = clean(part), FONT_BOLD if bold else FONT
        if part and (not fonts or fonts[-1][1] != font):
            fonts.append((at, font))
        text.append(part)
        at += len(part)
    return "".join(text), fonts or [(0, FONT_BOLD if style.bold else FONT)]


def _fonts_from(fonts: list[tuple[int, str]], start: int, end: int) -> list[tuple[int, str]]:
    """The font changes of text[start:end], counted from `start`."""
    k = bisect_right([at for at, _ in fonts], start) - 1
    return [(0, fonts[k][1])] + [(at - start, font) for at, font in fonts[k + 1 :] if at < end]


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


def _levels(text: str, base: int) -> list[int] | None:
    """The embedding level of each character, or None when all are at the paragraph level."""
    kinds = {unicodedata.bidirectional(c) for c in set(text)}
    if not kinds & _OPPOSITE[base]:
        return None
    return resolve_levels(text, base, _islands(text))


class _Paragraph:
    """One paragraph (no line break inside): its words shaped in runs of one level and font."""

    def __init__(self, text: str, fonts: list[tuple[int, str]], style: TextStyle):
        self.text, self.lang = text, style.lang
        self.base = 1 if style.rtl else 0
        self.scale = style.size / 1000
        self.levels = _levels(text, self.base)
        self.font_starts, self.font_names = [at for at, _ in fonts], [font for _, font in fonts]
        # where the level or the font changes, so that a run never crosses one
        self.cuts = sorted(set(self.font_starts[1:]) | self._level_cuts())
        # without cuts, the level of every character (not always the paragraph's: "26" alone in
        # a right-to-left paragraph is a left-to-right run)
        self.level = self.base if self.levels is None or not text else self.levels[0]
        self.tokens = self._tokens()  # shaped now, whatever the width it is wrapped to later

    def _level_cuts(self) -> set[int]:
        levels = self.levels
        if levels is None:
            return set()
        return {i for i in range(1, len(levels)) if levels[i] != levels[i - 1]}

    def _level(self, i: int) -> int:
        return self.base if self.levels is None else self.levels[i]

    def _font(self, i: int) -> str:
        if len(self.font_names) == 1:
            return self.font_names[0]
        return self.font_names[bisect_right(self.font_starts, i) - 1]

    def atoms(self, start: int, end: int, space: bool = False) -> list[Atom]:
        """The runs of text[start:end], each in one direction and one font."""
        if start >= end:
            return []
        cuts = self.cuts
        if not cuts:  # the whole paragraph in one direction and one font
            shaped = shape(self.text[start:end], self.font_names[0], self.level % 2 == 1, self.lang)
            return [Atom(shaped, self.level, space)]
        inner = cuts[bisect_right(cuts, start) : bisect_right(cuts, end - 1)] if cuts else []
        atoms = []
        for a, b in zip([start, *inner], [*inner, end], strict=True):
            level = self._level(a)
            atoms.append(
                Atom(shape(self.text[a:b], self._font(a), level % 2 == 1, self.lang), level, space)
            )
        return atoms

    def pieces(self, start: int, end: int, room: float) -> list[tuple[int, int]]:
        """A word too wide for a line, cut between characters into pieces that fit."""
        pieces, cut, used = [], start, 0.0
        for i in range(start, end):
            advance = shape(self.text[i], self._font(i), False, "en").width * self.scale
            if used + advance > room * 0.95 and i > cut and not unicodedata.combining(self.text[i]):
                pieces.append((cut, i))
                cut, used = i, 0.0
            used += advance
        pieces.append((cut, end))
        return pieces

    def _width(self, atoms: list[Atom]) -> float:
        if len(atoms) == 1:
            return atoms[0].shaped.width * self.scale
        return sum(atom.shaped.width for atom in atoms) * self.scale

    def lines(self, room: float) -> list[Line]:
        """Greedy wrapping in logical order; each line then reordered for display."""
        lines: list[tuple[list[Atom], float]] = []
        current: list[Atom] = []
        used = 0.0
        for gap, gap_width, atoms, width in self._placed(room):
            if current and used + gap_width + width > room:
                lines.append((current, used))
                current, used = [], 0.0
            elif current:
                current += gap
                used += gap_width
            current += atoms
            used += width
        lines.append((current, used))
        last = len(lines) - 1
        return [self._line(atoms, used, k == last) for k, (atoms, used) in enumerate(lines)]

    def _placed(self, room: float):
        """The tokens, a word wider than `room` cut into pieces that fit (with no space between)."""
        for gap, gap_width, atoms, width, start, end in self.tokens:
            if width <= room:
                yield gap, gap_width, atoms, width
                continue
            for piece in self.pieces(start, end, room):
                atoms = self.atoms(*piece)
                yield gap, gap_width, atoms, self._width(atoms)
                gap, gap_width = (), 0.0  # the pieces of a word follow each other

    def _tokens(self) -> list[tuple]:
        """Each word after the space before it: (space atoms, their width, word atoms, their
        width, start, end), widths in points. A word or a space in one direction and one font
        (nearly all) is shaped once for all (see `_word`)."""
        text, scale, lang, cuts = self.text, self.scale, self.lang, self.cuts
        tokens, previous, spaces = [], None, {}
        ends = [*cuts, len(text)]  # where each stretch of one level and one font ends
        k, since = 0, 0  # the stretch of the current word, and where it starts
        level, font = self.level, self.font_names[0]
        for match in _WORDS.finditer(text):
            start, end = match.span()
            while start >= ends[k]:  # a word in a later stretch
                since = ends[k]
                k += 1
                level, font = self._level(since), self._font(since)
            if end <= ends[k]:  # the word in one direction and one font
                atoms, width = _word(match[0], font, level % 2 == 1, lang, level)
                width *= scale
            else:
                atoms = self.atoms(start, end)
                width = self._width(atoms)
            if previous is None:
                gap, gap_width = (), 0.0
            elif previous >= since:  # the space in the same stretch
                key = (text[previous:start], level, font)
                gap = spaces.get(key)
                if gap is None:
                    gap = spaces[key] = tuple(self.atoms(previous, start, space=True))
                gap_width = gap[0].shaped.width * scale
            else:
                gap = self.atoms(previous, start, space=True)
                gap_width = self._width(gap)
            tokens.append((gap, gap_width, atoms, width, start, end))
            previous = end
        return tokens

    def _line(self, atoms: list[Atom], width: float, last: bool) -> Line:
        # A line starts and ends with a word, so rule L1 (trailing spaces) has nothing to do.
        if self.levels is None:
            ordered = atoms[::-1] if self.base else atoms
        else:
            ordered = [atoms[i] for i in visual_order([atom.level for atom in atoms])]
        return Line(tuple(ordered), width, last, sum(atom.space for atom in atoms))


@lru_cache(maxsize=65536)
def _word(word: str, font: str, rtl: bool, lang: str, level: int) -> tuple[tuple[Atom, ...], float]:
    """A word's atoms and width (thousandths of an em) in one direction and one font: one run,
    and its final punctuation in a run of its own (punctuation neither joins nor kerns much),
    so that a word is shaped once whatever punctuation follows it."""
    core = word.rstrip(_TRAILING) or word
    shaped = shape(core, font, rtl, lang)
    if core == word:
        return (Atom(shaped, level, False),), shaped.width
    tail = shape(word[len(core) :], font, rtl, lang)
    return (Atom(shaped, level, False), Atom(tail, level, False)), shaped.width + tail.width


class Prepared:
    """Text resolved and shaped once, to be wrapped at any width (the last few are kept)."""

    WIDTHS = 4  # wrappings kept: a block is wrapped at one width, or a few in tables

    def __init__(self, content: Content, style: TextStyle):
        text, fonts = _spans(content, style)
        self.paragraphs, offset = [], 0
        for part in text.split("\n"):
            end = offset + len(part)
            self.paragraphs.append(_Paragraph(part, _fonts_from(fonts, offset, end), style))
            offset = end + 1
        self._wrapped: dict[float, list[Line]] = {}

    def lines(self, width: float) -> list[Line]:
        """The text wrapped to `width` points: its lines, in reading order from the top
        (shared: never change the list)."""
        lines = self._wrapped.get(width)
        if lines is None:
            lines = [line for paragraph in self.paragraphs for line in paragraph.lines(width)]
            if len(self._wrapped) >= self.WIDTHS:
                self._wrapped.clear()
            self._wrapped[width] = lines
        return lines


SHARED_LENGTH = 2000  # characters


@lru_cache(maxsize=2048)
def _prepared(content: str | tuple, style: TextStyle) -> Prepared:
    return Prepared(content, style)


def prepare(content: Content, style: TextStyle) -> Prepared:
    """`content` resolved and shaped, shared with every block of the same text and style (the
    report's own texts and recommendations recur from one document to the next). Texts longer
    than SHARED_LENGTH (an assessment's own findings, say) are not kept, so that the cache stays
    small: a few megabytes at most."""
    if isinstance(content, str):
        key, length = content, len(content)
    else:
        key = tuple(map(tuple, content))
        length = sum(len(text) for text, _ in key)
    return _prepared(key, style) if length <= SHARED_LENGTH else Prepared(content, style)


def layout(content: Content, style: TextStyle, width: float) -> list[Line]:
    """`content` wrapped to `width` points: its lines, in reading order from the top."""
    return prepare(content, style).lines(width)


def clear_caches() -> None:
    """Forget every shaped run, glyph outline and character class (for benchmarks)."""
    shape.cache_clear()
    _word.cache_clear()
    _prepared.cache_clear()
    outline.cache_clear()
    bidi.character_class.cache_clear()


def measure(content: Content, style: TextStyle) -> float:
    """The width of `content` on one line, in points."""
    return max((line.width for line in layout(content, style, float("inf"))), default=0.0)
