"""The report's one font family, registered once per process, and text shaped with HarfBuzz.

IBM Plex Sans Arabic covers Arabic, Latin and French. ReportLab draws characters, not glyphs, so
each glyph HarfBuzz returns is drawn through a character that maps to it: the font's own code
point when it has one (Arabic presentation forms included, which keeps the text extractable), or
else a private-use code point given to the glyph when the font is registered, in glyph order so
that output never depends on what was shaped before. For those, the PDF's ToUnicode map gives
the text the glyph stands for (read from its name: `uni0651064E` is shadda with fatha), so that
copying and searching the PDF still return real text.

Kerning can open a gap inside an Arabic word (after a reh, for example) wider than the tenth of
an em that text extraction reads as a space. Such a gap is carried by the glyph before it, drawn
through an alias code point whose PDF width includes the gap: the code is computed from the glyph
and the width added, so it too is the same in every process.

A mark that HarfBuzz moves onto its letter (a shadda, a kasra) is drawn as its outline there,
and its character is written, invisible, on the baseline at the letter's edge: extraction reads
a raised or displaced character as a line or a word of its own, and would tear words apart.
"""

from __future__ import annotations

import re
import threading
from functools import cache, lru_cache
from operator import attrgetter
from typing import NamedTuple

import fontpkg
import uharfbuzz as hb
from reportlab import rl_config
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics, ttfonts

from .subsets import FixedFont

rl_config.trustedHosts = []  # never fetch anything named in text
rl_config.useA85 = 0  # binary compressed streams, as PDF allows: smaller and quicker than ASCII85
FAMILY = "IBM Plex Sans Arabic"
FONT, FONT_BOLD = "PlexSansArabic", "PlexSansArabic-Bold"
_PRIVATE_USE = 0xE000  # codes the font already maps are skipped
_GLYPH_NAME = re.compile(r"^(?:uni((?:[0-9A-F]{4})+)|u([0-9A-F]{4,6}))$")
_MEANINGS: dict[int, str] = {}  # private-use code point -> the text its glyph stands for
ALIAS_STEP = 10  # widths added by aliases, in thousandths of an em (up to 16 steps)
_ALIAS_PLANES = (0xF0000, 0x100000)  # Supplementary Private Use Areas A and B, one per font


class Ink(NamedTuple):
    """How a shaped run is written as PDF text, in thousandths of an em from the run's start.

    `segments` are (visible, characters, adjustments), where an adjustment (i, n) is the TJ
    number (as written) after character i: each character then lands where HarfBuzz put it.
    `head` is where the first character starts and `tail` the room from the last one's natural
    end to the end of the run; `marks` are the (character, x, y) of marks drawn as outlines.
    """

    segments: tuple[tuple[bool, str, tuple[tuple[int, str], ...]], ...]
    head: float
    tail: float
    marks: tuple[tuple[str, float, float], ...]


class Shaped(NamedTuple):  # drawing caches key on the object's identity
    chars: str  # what ReportLab draws for each glyph, in visual order, left to right
    width: float  # in thousandths of the font size
    font: str
    ink: Ink | None  # None: its characters written as they are, each at its own width (most runs)


def number_text(value: float) -> str:
    """A TJ number: thousandths of an em to one decimal place, far finer than the eye sees."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


class _Face:
    """One registered font: its ReportLab TrueType font and its HarfBuzz font."""

    def __init__(self, name: str, path: str, private_start: int, alias_plane: int):
        self.ttf = FixedFont(name, path)
        pdfmetrics.registerFont(self.ttf)
        self.hb = hb.Font(hb.Face(hb.Blob.from_file_path(path)))
        self.scale = 1000 / self.hb.face.upem
        face = self.ttf.face
        self.chars = {gid: chr(min(codes)) for gid, codes in face.glyphToChar.items()}
        self.widths = face.charWidths  # by code point
        code = private_start
        for gid in range(self.hb.face.glyph_count):
            if gid in self.chars:
                continue
            while code in face.charToGlyph:
                code += 1
            if code > 0xF8FF:
                raise ValueError(f"{name}: more unmapped glyphs than private-use code points")
            face.charToGlyph[code] = gid
            face.glyphToChar.setdefault(gid, []).append(code)
            face.charWidths[code] = self.hb.get_glyph_h_advance(gid) * self.scale
            self.chars[gid] = chr(code)
            meaning = self._meaning(self.hb.glyph_to_string(gid))
            if meaning:
                _MEANINGS[code] = meaning
            code += 1
        self.private_end = code
        self.char_widths = {chr(code): width for code, width in self.widths.items()}
        self.gid_widths = {gid: self.char_widths[char] for gid, char in self.chars.items()}
        self.alias_plane = alias_plane
        if self.hb.face.glyph_count > 0x1000:
            raise ValueError(f"{name}: too many glyphs for alias code points")
        self.ttf.fix()

    def _meaning(self, name: str) -> str:
        """The text a glyph without a code point stands for, from its production name."""
        text = []
        for part in name.split(".")[0].split("_"):
            match = _GLYPH_NAME.match(part)
            if match and match[1]:
                text += [chr(int(match[1][i : i + 4], 16)) for i in range(0, len(match[1]), 4)]
            elif match:
                text.append(chr(int(match[2], 16)))
            else:
                gid = self.hb.get_glyph_from_name(part) if part else None
                codes = self.ttf.face.glyphToChar.get(gid, ()) if gid is not None else ()
                own = [c for c in codes if not 0xE000 <= c <= 0xF8FF]
                if not own:
                    return ""
                text.append(chr(min(own)))
        return "".join(text)


def to_unicode_cmap(fontname, subset, _original=ttfonts.makeToUnicodeCMap):
    """ReportLab's ToUnicode map, with private-use characters mapped to the text they stand for."""
    cmap = _original(fontname, subset)
    for index, code in enumerate(subset):
        if code in _MEANINGS:
            utf16 = _MEANINGS[code].encode("utf-16-be").hex().upper()
            cmap = cmap.replace(f"<{index:02X}> <{code:04X}>", f"<{index:02X}> <{utf16}>", 1)
    return cmap


@cache
def faces() -> dict[str, _Face]:
    """Register the family once per process (it is embedded, subset, in each PDF)."""
    regular = _Face(FONT, str(fontpkg.path(FAMILY, weight=400)), _PRIVATE_USE, _ALIAS_PLANES[0])
    bold = _Face(
        FONT_BOLD, str(fontpkg.path(FAMILY, weight=700)), regular.private_end, _ALIAS_PLANES[1]
    )
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )
    return {FONT: regular, FONT_BOLD: bold}


def register_fonts() -> None:
    faces()


class _Outline:
    """A pen (the fontTools protocol HarfBuzz draws with) that records a glyph's outline."""

    def __init__(self):
        self.ops: list[tuple] = []
        self.current = (0.0, 0.0)

    def moveTo(self, point):  # noqa: N802 (the pen protocol's names)
        self.ops.append(("move", point))
        self.current = point

    def lineTo(self, point):  # noqa: N802
        self.ops.append(("line", point))
        self.current = point

    def curveTo(self, *points):  # noqa: N802
        for i in range(0, len(points) - 2, 3):
            self.ops.append(("curve", *points[i : i + 3]))
        self.current = points[-1]

    def qCurveTo(self, *points):  # noqa: N802
        start = self.current
        for i, control in enumerate(points[:-1]):
            end = points[-1] if i == len(points) - 2 else _middle(control, points[i + 1])
            first = tuple(s + 2 / 3 * (c - s) for s, c in zip(start, control, strict=True))
            second = tuple(e + 2 / 3 * (c - e) for e, c in zip(end, control, strict=True))
            self.ops.append(("curve", first, second, end))
            start = end
        self.current = points[-1]

    def closePath(self):  # noqa: N802
        self.ops.append(("close",))


def _middle(a, b):
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)


@lru_cache(maxsize=4096)
def outline(font: str, char: str) -> str:
    """The outline of the glyph drawn for `char` as PDF path operators, in thousandths of an em."""
    face = faces()[font]
    pen = _Outline()
    face.hb.draw_glyph_with_pen(face.ttf.face.charToGlyph[ord(char)], pen)
    operators = {"move": "m", "line": "l", "curve": "c", "close": "h"}
    scale = face.scale
    return " ".join(
        " ".join([*(fp_str(x * scale, y * scale) for x, y in points), operators[op]])
        for op, *points in pen.ops
    )


def widened(font: str, char: str, extra: float) -> str:
    """`char` drawn through an alias whose width is larger by `extra` rounded down to a step."""
    steps = min(int(extra // ALIAS_STEP), 16)
    if steps <= 0:
        return char
    face = faces()[font]
    gid = face.ttf.face.charToGlyph[ord(char)]
    code = face.alias_plane + (steps - 1) * 0x1000 + gid
    if code not in face.widths:
        face.ttf.face.charToGlyph[code] = gid
        face.widths[code] = face.widths[ord(char)] + steps * ALIAS_STEP
        _MEANINGS[code] = _MEANINGS.get(ord(char), char)
    return chr(code)


_LATIN_FEATURES = {"kern": True, "liga": False}
_X_ADVANCE = attrgetter("x_advance")
_X_OFFSET, _Y_OFFSET = attrgetter("x_offset"), attrgetter("y_offset")
_IGNORABLES = hb.BufferFlags.REMOVE_DEFAULT_IGNORABLES


_local = threading.local()


def _buffer() -> hb.Buffer:
    """This thread's HarfBuzz buffer, emptied: one per thread, since workers shape at once."""
    buffer = getattr(_local, "buffer", None)
    if buffer is None:
        buffer = _local.buffer = hb.Buffer()
        buffer.flags = _IGNORABLES  # kept by clear_contents(), unlike the segment properties
    else:
        buffer.clear_contents()
    return buffer


@lru_cache(maxsize=65536)
def shape(text: str, font: str, rtl: bool, lang: str) -> Shaped:
    """`text` (one direction, one font) shaped: glyphs in visual order, advances per 1000 em."""
    face = faces()[font]
    buffer = _buffer()
    buffer.add_str(text)
    buffer.direction = "rtl" if rtl else "ltr"
    buffer.language = lang
    buffer.guess_segment_properties()
    # Latin ligatures (fi, fl) would reach copied text as U+FB01...; Arabic ones are the script's
    # (HarfBuzz's default features, kerning included, are what right-to-left text needs).
    hb.shape(face.hb, buffer, None if rtl else _LATIN_FEATURES)
    gids = [info.codepoint for info in buffer.glyph_infos]
    positions = buffer.glyph_positions
    # Each position attribute read costs (it makes a Python int): y_advance is left unread, as
    # HarfBuzz leaves it 0 in horizontal text, and the others are read once each.
    advances = list(map(_X_ADVANCE, positions))
    dxs, dys = list(map(_X_OFFSET, positions)), list(map(_Y_OFFSET, positions))
    if face.scale == 1:
        naturals = list(map(face.gid_widths.__getitem__, gids))
        if advances == naturals and not any(dxs) and not any(dys):
            # the usual case: each glyph where its character's own width puts it, written as is
            written = "".join(map(face.chars.__getitem__, gids))
            return Shaped(written, sum(naturals), font, None if gids else Ink((), 0, 0, ()))
    drawn = [face.chars[gid] for gid in gids]
    placed = list(zip(dxs, dys, advances, [0] * len(gids), strict=True))  # dx, dy, x+, y+
    if face.scale != 1:
        placed = [tuple(value * face.scale for value in values) for values in placed]
    width = sum(values[2] for values in placed)
    return Shaped("".join(drawn), width, font, _ink(drawn, placed, width, face, rtl))


def _ink(drawn: list[str], placed: list[tuple], width: float, face: _Face, rtl: bool) -> Ink:
    """Where each glyph's character is written, and which marks are drawn as outlines."""
    written, marks, pending, pen = [], [], [], 0.0  # pending: marks written after their letter
    for char, (dx, dy, advance, _) in zip(drawn, placed, strict=True):
        if advance or not (dx or dy):
            written.append((char, pen + dx, True))
            pen += advance
            if pending:
                written += [(mark, pen, False) for mark in pending]
                pending = []
        else:  # a mark moved onto its letter: its outline there, its text at the letter's end
            marks.append((char, pen + dx, dy))
            if rtl:
                pending.append(char)
            else:
                written.append((char, pen, False))
    written += [(mark, pen, False) for mark in pending]
    if not written:
        return Ink((), 0.0, width, tuple(marks))
    widths = face.widths
    segments, chars, adjustments, visible = [], [], [], None
    last = len(written) - 1
    for i, (char, x, shown) in enumerate(written):
        if shown is not visible:
            chars, adjustments, visible = [], [], shown
            segments.append((shown, chars, adjustments))
        if i < last:
            gap = written[i + 1][1] - x - widths[ord(char)]
            if gap >= ALIAS_STEP and char != " ":
                char = widened(face.ttf.fontName, char, gap)
                gap = written[i + 1][1] - x - widths[ord(char)]
            if gap > 0.05 or gap < -0.05:
                adjustments.append((len(chars), number_text(-gap)))
        chars.append(char)
    end, x, _ = written[-1]
    return Ink(
        tuple((shown, "".join(c), tuple(a)) for shown, c, a in segments),
        written[0][1],
        width - x - widths[ord(end)],
        tuple(marks),
    )
