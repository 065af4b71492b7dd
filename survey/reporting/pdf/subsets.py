"""The family's characters at fixed places in the PDF's font subsets, the same in every document.

ReportLab writes a TrueType font as subsets of 256 codes and, ASCII aside, gives each character
its code in the order a document first uses it. A run of text then has to be encoded again in
every document. Here each character the font maps has a place fixed once per process (ASCII where
ReportLab puts it, then the Latin and punctuation a French text uses, then Arabic, then the rest),
so a run is encoded once for all documents. Characters given a code point later (the widened
aliases of `fonts.widened`) still get theirs per document, after the fixed places, as ReportLab
does it.

A document embeds only what it used: a subset it never named is left out, and in the others a
place it never drew holds the font's empty glyph.
"""

from __future__ import annotations

import weakref

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

_FIXED = ((0x00A0, 0x0100), (0x0152, 0x0154), (0x2000, 0x2070), (0x20AC, 0x20AD))


def _layout(codes) -> tuple[dict[int, int], list[int]]:
    """Fixed codes for ASCII and for the Latin letters and punctuation of French that `codes`
    holds, all in subset 0 (a list of code points by byte: 0 is the empty glyph, 32 the space)."""
    subset = [0] * 256
    assigned = {}
    for code in range(32, 127):
        subset[code] = code
        assigned[code] = code
    assigned[0xA0] = 32  # a no-break space is drawn as a space, as ReportLab does
    free = [*range(127, 256), *range(1, 32)]  # bytes below 32 are written escaped
    for code in sorted(codes):
        if free and code != 0xA0 and any(low <= code < high for low, high in _FIXED):
            assigned[code] = byte = free.pop(0)
            subset[byte] = code
    taken = max(byte for byte, code in enumerate(subset) if code)
    return assigned, subset[: taken + 1]


def split_codes(codes: list[int]) -> list[tuple[int, bytes]]:
    """Codes (subset << 8 | byte) as (subset, bytes) pieces, one for each stretch of a subset."""
    parts, start = [], 0
    for i in range(1, len(codes) + 1):
        if i == len(codes) or codes[i] >> 8 != codes[start] >> 8:
            parts.append((codes[start] >> 8, bytes(code & 0xFF for code in codes[start:i])))
            start = i
    return parts


_AS_USED: weakref.WeakSet = weakref.WeakSet()  # documents whose codes are given as first used


def codes_as_used(doc) -> None:
    """Give `doc` its codes in the order its characters are first drawn, as ReportLab does,
    rather than in the fixed places (better for a document mostly in Arabic: its letters then
    share their subsets with the spaces, digits and punctuation between them). Only before the
    document draws any text."""
    _AS_USED.add(doc)


class _States(weakref.WeakKeyDictionary):
    """ReportLab's per-document font states, each made with the fixed places already taken
    (unless `codes_as_used`)."""

    def __init__(self, font: FixedFont):
        super().__init__()
        self.font = font

    def __getitem__(self, doc):
        try:
            return super().__getitem__(doc)
        except KeyError:
            state = self[doc] = self.font.new_state(fixed=doc not in _AS_USED)
            return state


class FixedFont(TTFont):
    """A TrueType font whose characters keep the same code in every document (`fix` places
    them once every code point of the font is known)."""

    def fix(self) -> None:
        self.codes, self._subset = _layout(self.face.charToGlyph)
        self._ascii = {code: code for code in range(32, 127)}
        self.chars = {chr(code): value for code, value in self.codes.items()}
        self.state = _States(self)

    def new_state(self, fixed: bool) -> TTFont.State:
        """A document's state: with the fixed places taken, or (`fixed` false) with codes given
        in the order characters are first drawn, as ReportLab does (denser for Arabic)."""
        state = TTFont.State(True, self)
        state.fixed = fixed
        subset = self._subset if fixed else [0] * 32 + list(range(32, 127))
        state.assignments = dict(self.codes) if fixed else {**self._ascii, 0xA0: 32}
        state.subsets = [list(subset)]
        # places for later codes: what subset 0 has left (when places are fixed, only for the
        # variants of the letters placed there, such as the widened aliases of a Latin word),
        # then subsets of their own
        state.spare = [*range(len(subset), 256), *(i for i in range(1, 32) if not subset[i])]
        state.nextCode = 256
        state.used, state.named = set(), set()
        return state

    def fixed_split(self, chars: str) -> list[tuple[int, bytes]] | None:
        """`chars` as (subset, bytes) pieces in the fixed places, or None when one of them has no
        fixed place (the empty glyph stands for a character the font does not have)."""
        codes = self.chars
        try:
            values = [codes[char] for char in chars]
        except KeyError:
            if any(char not in codes and ord(char) in self.face.charToGlyph for char in chars):
                return None
            values = [codes.get(char, 0) for char in chars]
        return split_codes(values)

    def splitString(self, text, doc, encoding="utf-8"):  # noqa: N802 (ReportLab's name)
        """`text` as (subset, bytes) pieces in the document's subsets, codes given as needed."""
        return self.split_in(self.state[doc], text)

    def split_in(self, state, text: str) -> list[tuple[int, bytes]]:
        """`splitString` for the document whose font state is `state`."""
        assigned = state.assignments
        try:  # the usual case: every character has its code already, in subset 0
            data = bytes(map(assigned.__getitem__, map(ord, text)))
        except (KeyError, ValueError):
            values = []
            for code in map(ord, text):
                value = assigned.get(code)
                values.append(self._assign(state, code) if value is None else value)
            parts = split_codes(values)
        else:
            values, parts = data, [(0, data)] if data else []
        if state.fixed:
            state.used.update(values)
        return parts

    def _assign(self, state, code: int) -> int:
        """A code in the document's subsets for a character without one (0, the empty glyph,
        for a character the font does not have)."""
        glyph = self.face.charToGlyph.get(code)
        if glyph is None:
            return 0
        subsets = state.subsets
        latin = not state.fixed or any(
            own in self.codes for own in self.face.glyphToChar.get(glyph, ())
        )
        if latin and state.spare:
            value = state.spare.pop(0)
            subsets[0] += [0] * (value + 1 - len(subsets[0]))
            subsets[0][value] = code
        else:
            value = state.nextCode
            if not value & 0xFF:
                subsets.append([0])
                value += 1
            if value & 0xFF == 32:
                subsets[-1].append(32)
                value += 1
            subsets[-1].append(code)
            state.nextCode = value + 1
        state.assignments[code] = value
        state.used.add(value)
        return value

    def getSubsetInternalName(self, subset, doc):  # noqa: N802
        self.state[doc].named.add(subset)
        return super().getSubsetInternalName(subset, doc)

    def addObjects(self, doc):  # noqa: N802
        """ReportLab's `addObjects`, writing only the subsets the document named, each with only
        the characters it drew, and the space at byte 32."""
        from . import fonts  # the ToUnicode map that knows what private-use glyphs stand for

        state = self.state[doc]
        state.frozen = 1
        fonts_dict = doc.idToObject["BasicFonts"].dict
        used = state.used
        for n, subset in enumerate(state.subsets):
            if n not in state.named:
                continue
            kept = list(subset)
            if state.fixed:
                kept = [code if n << 8 | i in used else 0 for i, code in enumerate(subset)]
            while len(kept) > 33 and not kept[-1]:
                kept.pop()
            kept += [0] * (33 - len(kept))
            kept[32] = 32  # the space, which a line may draw in any subset (see `draw`)
            internal = self.getSubsetInternalName(n, doc)[1:]
            base = b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX))
            base = base.decode("pdfdoc")
            font = pdfdoc.PDFTrueTypeFont()
            font.__Comment__ = f"Font {self.fontName} subset {n}"
            font.Name, font.BaseFont = internal, base
            font.FirstChar, font.LastChar = 0, len(kept) - 1
            font.Widths = pdfdoc.PDFArray([self.face.getCharWidth(code) for code in kept])
            cmap = pdfdoc.PDFStream()
            cmap.content = fonts.to_unicode_cmap(base, kept)
            if doc.compression:
                cmap.filters = [pdfdoc.PDFZCompress]
            font.ToUnicode = doc.Reference(cmap, "toUnicodeCMap:" + base)
            font.FontDescriptor = self.face.addSubsetObjects(doc, base, kept)
            doc.Reference(font, internal)
            fonts_dict[internal] = font
        del self.state[doc]
