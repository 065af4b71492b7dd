"""Charts drawn with the report's text component, so their labels read right in any language."""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from .layout import TextStyle, measure
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


LEVEL_COLOURS = ("#D9534F", "#F0AD4E", "#F2D64B", "#8BC34A", "#3C9A5F")  # levels 1 to 5
LEVEL_STARTS = (0, 20, 40, 60, 80, 100)


class Gauge(Flowable):
    """A half-dial of the overall score: five bands for the five levels, a needle at the score,
    the score and level written under it. The scale runs right to left in Arabic."""

    def __init__(self, text: str, score: float | None, caption: str, style: TextStyle, *, colour):
        super().__init__()
        self.text, self.score, self.caption = text, score, caption
        self.style, self.colour = style, colour
        self.radius = 30 * mm

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's names)
        self.width, self.height = availWidth, self.radius + 22 * mm
        return self.width, self.height

    def _angle(self, value: float) -> float:
        """Degrees from the positive x axis for a value on the dial (0 on the start side)."""
        share = value / 100
        return share * 180 if self.style.rtl else 180 - share * 180

    def draw(self):
        canvas, r = self.canv, self.radius
        cx, cy = self.width / 2, 18 * mm
        small = self.style.but(size=7.5, colour="#555555")
        for level, colour in enumerate(LEVEL_COLOURS):
            low, high = LEVEL_STARTS[level], LEVEL_STARTS[level + 1]
            start, end = sorted((self._angle(low), self._angle(high)))
            canvas.setFillColor(colors.HexColor(colour))
            canvas.setStrokeColor(colors.white)
            canvas.wedge(cx - r, cy - r, cx + r, cy + r, start, end - start, stroke=1, fill=1)
        inner = r * 0.62
        canvas.setFillColor(colors.white)
        canvas.circle(cx, cy, inner, stroke=0, fill=1)
        for value in LEVEL_STARTS:
            angle = math.radians(self._angle(value))
            x, y = cx + (r + 3 * mm) * math.cos(angle), cy + (r + 3 * mm) * math.sin(angle)
            draw_line(canvas, str(value), small, x, y - 1 * mm, "centre")
        big = self.style.but(size=22, bold=True, colour=self.colour)
        if self.score is not None:
            angle = math.radians(self._angle(self.score))
            canvas.setStrokeColor(colors.HexColor("#222222"))
            canvas.setLineWidth(1.6)
            canvas.line(cx, cy, cx + r * 0.95 * math.cos(angle), cy + r * 0.95 * math.sin(angle))
            canvas.setFillColor(colors.HexColor("#222222"))
            canvas.circle(cx, cy, 1.6 * mm, stroke=0, fill=1)
            draw_line(canvas, self.text, big, cx, cy - 10 * mm, "centre")
        draw_line(canvas, self.caption, self.style.but(bold=True), cx, cy - 16 * mm, "centre")


class Radar(Flowable):
    """The domain scores on axes around a centre, with up to two other series (a reviewed score,
    a peer median) drawn as dashed outlines, and a legend. Mirrored right to left."""

    def __init__(
        self,
        labels: Sequence[str],
        series: Sequence[tuple[str, Sequence[float | None], object, bool]],
        style: TextStyle,
    ):
        super().__init__()
        self.labels, self.series, self.style = list(labels), list(series), style
        self.radius = 36 * mm

    def wrap(self, availWidth, availHeight):  # noqa: N803
        self.width, self.height = availWidth, 2 * self.radius + 30 * mm
        return self.width, self.height

    def _point(self, k: int, value: float, cx: float, cy: float) -> tuple[float, float]:
        turn = -1 if self.style.rtl else 1  # clockwise from the top, or the mirror of it
        angle = math.pi / 2 - turn * 2 * math.pi * k / len(self.labels)
        share = self.radius * value / 100
        return cx + share * math.cos(angle), cy + share * math.sin(angle)

    def draw(self):
        canvas, style, count = self.canv, self.style, len(self.labels)
        cx, cy = self.width / 2, self.height - self.radius - 10 * mm
        if count < 3:
            return
        small = style.but(size=7, colour="#777777")
        canvas.setLineWidth(0.3)
        canvas.setStrokeColor(colors.HexColor("#CCCCCC"))
        for ring in (20, 40, 60, 80, 100):
            path = canvas.beginPath()
            path.moveTo(*self._point(0, ring, cx, cy))
            for k in range(1, count):
                path.lineTo(*self._point(k, ring, cx, cy))
            path.close()
            canvas.drawPath(path, stroke=1, fill=0)
            top = self._point(0, ring, cx, cy)[1]
            draw_line(canvas, str(ring), small, cx + 1 * mm, top, "left")
        label_style = style.but(size=8)
        for k, label in enumerate(self.labels):
            x, y = self._point(k, 100, cx, cy)
            canvas.line(cx, cy, x, y)
            lx, ly = self._point(k, 118, cx, cy)
            anchor = "centre" if abs(lx - cx) < 2 * mm else "left" if lx > cx else "right"
            room = (self.width / 2 - self.radius * 1.2) + (self.radius if anchor == "centre" else 0)
            draw_line(canvas, fit(label, label_style, room), label_style, lx, ly - 1 * mm, anchor)
        for _, values, colour, dashed in self.series:
            canvas.setStrokeColor(colour)
            canvas.setFillColor(colour)
            canvas.setLineWidth(1.2)
            canvas.setDash([3, 2] if dashed else [])
            points = [
                None if v is None else self._point(k, v, cx, cy) for k, v in enumerate(values)
            ]
            if None not in points:
                path = canvas.beginPath()
                path.moveTo(*points[0])
                for point in points[1:]:
                    path.lineTo(*point)
                path.close()
                if not dashed:
                    canvas.setFillAlpha(0.18)
                    canvas.drawPath(path, stroke=0, fill=1)
                    canvas.setFillAlpha(1)
                canvas.drawPath(path, stroke=1, fill=0)
            else:  # a gap where a value is missing: only neighbours that both have one are joined
                for a, b in zip(points, points[1:] + points[:1], strict=True):
                    if a is not None and b is not None:
                        canvas.line(*a, *b)
            for point in points:
                if point is not None:
                    canvas.circle(*point, 0.8 * mm, stroke=0, fill=1)
        canvas.setDash()
        self._legend(cy - self.radius - 16 * mm)

    def _legend(self, y: float):
        canvas, rtl = self.canv, self.style.rtl
        small = self.style.but(size=8)
        x = self.width - 4 * mm if rtl else 4 * mm
        for name, _, colour, dashed in self.series:
            canvas.setStrokeColor(colour)
            canvas.setLineWidth(1.6)
            canvas.setDash([3, 2] if dashed else [])
            end = x - 8 * mm if rtl else x + 8 * mm
            canvas.line(x, y + 1.2 * mm, end, y + 1.2 * mm)
            canvas.setDash()
            label = end - 2 * mm if rtl else end + 2 * mm
            draw_line(canvas, name, small, label, y, "right" if rtl else "left")
            step = 16 * mm + measure(name, small)
            x = x - step if rtl else x + step
