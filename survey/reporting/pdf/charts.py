"""Charts drawn with the report's text component, so their labels read right in any language."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from .layout import TextStyle
from .text import draw_line, fit

TICKS = (0, 25, 50, 75, 100)


class ScoreChart(Flowable):
    """Horizontal bars of scores out of 100, one per labelled item; mirrored right to left."""

    row = 7 * mm
    axis = 6 * mm

    def __init__(
        self,
        items: Sequence[tuple[str, float | None]],
        style: TextStyle,
        *,
        bar_colour,
        empty_label: str,
    ):
        super().__init__()
        self.items, self.style = list(items), style
        self.bar_colour, self.empty_label = bar_colour, empty_label

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's names)
        self.width = availWidth
        self.height = len(self.items) * self.row + self.axis
        return self.width, self.height

    def _x(self, share: float) -> float:
        """Where a share of the bar area (0 to 1) falls on the page, from the bars' origin."""
        label, value = self.width * 0.36, 14 * mm
        room = self.width - label - value
        if self.style.rtl:
            return self.width - label - share * room
        return label + share * room

    def draw(self):
        canvas, style, rtl = self.canv, self.style, self.style.rtl
        small = style.but(size=style.size - 1.5, colour="#555555")
        start = "right" if rtl else "left"
        label_room = self.width * 0.36 - 3 * mm
        canvas.setLineWidth(0.25)
        canvas.setStrokeColor(colors.HexColor("#CCCCCC"))
        for tick in TICKS:
            x = self._x(tick / 100)
            canvas.line(x, self.axis, x, self.height)
            draw_line(canvas, str(tick), small, x, self.axis - small.size - 1, "centre")
        for n, (label, score) in enumerate(self.items):
            middle = self.height - (n + 0.5) * self.row
            baseline = middle - style.size * 0.3
            edge = self.width if rtl else 0
            draw_line(canvas, fit(label, style, label_room), style, edge, baseline, start)
            if score is None:
                draw_line(canvas, self.empty_label, small, self._x(0), baseline, start)
                continue
            origin, tip = self._x(0), self._x(score / 100)
            canvas.setFillColor(self.bar_colour)
            canvas.rect(min(origin, tip), middle - 2 * mm, abs(tip - origin), 4 * mm, 0, 1)
            gap = -1.5 * mm if rtl else 1.5 * mm
            draw_line(canvas, f"{score:.0f}", style, tip + gap, baseline, start)
