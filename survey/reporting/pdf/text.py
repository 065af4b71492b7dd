"""The text component for the PDF in Arabic, French or English: a paragraph flowable, one line.

The same component serves every language, so Arabic names in a French report and Latin words in
an Arabic one come out right: `layout` resolves, shapes and wraps the text, `draw` puts it on the
page. Text is never read as markup.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from .draw import ASCENT, draw_lines
from .layout import Content, Line, TextStyle, clean, layout, measure, prepare


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
        # resolved and shaped as the story is made (all the blocks in a row, which is quicker
        # than between drawing), wrapped when ReportLab gives the width
        self._prepared = prepare(content, style) if lines is None else None
        self._lines: list[Line] = []
        self._width = None

    def _layout(self, width: float) -> list[Line]:
        if self._fixed is not None:
            return self._fixed
        if width != self._width:
            self._lines, self._width = self._prepared.lines(width), width
        return self._lines

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's names)
        self.width = availWidth
        self.height = len(self._layout(availWidth)) * self.style.leading
        return self.width, self.height

    def split(self, availWidth, availHeight):  # noqa: N803
        lines = self._layout(availWidth)
        fit_count = int((availHeight + 1e-6) // self.style.leading)
        if fit_count >= len(lines):  # it fits after all (a table measured it at another width):
            # two parts still, as a table cell's split needs, the second empty
            empty = TextBlock(self.content, self.style.but(space_before=0, space_after=0), [])
            return [self, empty]
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
        self.drawOn(self.canv, 0, 0)

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802 (ReportLab's name)
        """Drawn where it stands, without the canvas state ReportLab saves, moves and restores
        for every flowable: `draw_lines` keeps its own state inside the page's stream."""
        x = self._hAlignAdjust(x, _sW)
        lines = self._layout(self.width)
        draw_lines(canvas, lines, self.style, x, y + self.height, self.width)
