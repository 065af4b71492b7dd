"""A table of text cells drawn directly with the text component: far lighter than a ReportLab
`Table` of flowables, for the report's tables.

Columns are given in reading order and laid out right to left in Arabic. The header row, if
any, is repeated at the top of each page the table continues on, with a rule in the branding's
colour under it; a row can span every column (a group heading, shaded); a thin rule runs under
each row, and a `strong` row gets the branding's rule above it. Cells are aligned to the top.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from reportlab.lib import colors
from reportlab.platypus import Flowable

from .draw import draw_lines
from .layout import Content, TextStyle, prepare

PAD_X, PAD_Y = 4, 3  # points around a cell's text
RULE = colors.HexColor("#CCCCCC")
SHADE = colors.HexColor("#EEF2F7")


class Row(NamedTuple):
    cells: Sequence[tuple[Content, TextStyle]]  # one a column, or a single one when spanning
    span: bool = False  # one cell across every column, shaded
    lines: tuple | None = None  # each cell's lines, for the parts of a row split between pages
    strong: bool = False  # a rule in the branding's colour above it (a total)


class Grid(Flowable):
    def __init__(
        self, header: Row | None, rows: Sequence[Row], widths: Sequence[float], *, rtl, rule
    ):
        super().__init__()
        self.header, self.rows, self.widths = header, list(rows), list(widths)
        self.rtl, self.rule = rtl, rule
        self._head = [header] if header is not None else []
        self._prepared = {
            id(row): [prepare(*cell) for cell in row.cells] for row in [*self._head, *rows]
        }

    def _lines(self, row: Row) -> list[list]:
        """Each cell's lines at its column's width."""
        if row.lines is not None:
            return list(row.lines)
        widths = [sum(self.widths)] if row.span else self.widths
        prepared = self._prepared.get(id(row)) or [prepare(*cell) for cell in row.cells]
        return [text.lines(width - 2 * PAD_X) for text, width in zip(prepared, widths, strict=True)]

    def _layout(self) -> list[tuple[Row, list, float]]:
        """The header and every row, with their lines and heights."""
        laid = []
        for row in [*self._head, *self.rows]:
            lines = self._lines(row)
            cells = zip(lines, row.cells, strict=True)
            height = max(len(cell) * style.leading for cell, (_, style) in cells) + 2 * PAD_Y
            laid.append((row, lines, height))
        return laid

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's names)
        self.laid = self._layout()
        self.width = sum(self.widths)
        self.height = sum(height for _, _, height in self.laid)
        return self.width, self.height

    def split(self, availWidth, availHeight):  # noqa: N803
        laid = getattr(self, "laid", None) or self._layout()
        head = len(self._head)
        used, count = sum(height for _, _, height in laid[:head]), 0
        for _, _, height in laid[head:]:
            if used + height > availHeight:
                break
            used += height
            count += 1
        if count == len(self.rows):  # all fits after all
            return []
        if count == 0:  # a row taller than the room left: cut between its lines
            return self._split_row(laid[head][1], availHeight - used - 2 * PAD_Y)
        return [self._part(self.rows[:count]), self._part(self.rows[count:])]

    def _part(self, rows: list[Row]) -> Grid:
        return Grid(self.header, rows, self.widths, rtl=self.rtl, rule=self.rule)

    def _split_row(self, lines: list[list], room: float) -> list:
        """The first row cut where the room ends; nothing when not even a line fits (the table
        then starts on the next page, where the cut is made if the row is still too tall)."""
        row = self.rows[0]
        counts = [int(room // style.leading) for _, style in row.cells]
        if min(counts) < 1:
            return []
        head = tuple(cell[:n] for cell, n in zip(lines, counts, strict=True))
        tail = tuple(cell[n:] for cell, n in zip(lines, counts, strict=True))
        first = row._replace(lines=head)
        rest = row._replace(lines=tail)
        return [self._part([first]), self._part([rest, *self.rows[1:]])]

    def draw(self):
        canvas, top = self.canv, self.height
        for k, (row, lines, height) in enumerate(self.laid):
            if row.strong:
                canvas.setStrokeColor(self.rule)
                canvas.setLineWidth(0.8)
                canvas.line(0, top, self.width, top)
            if row.span:
                canvas.setFillColor(SHADE)
                canvas.rect(0, top - height, self.width, height, stroke=0, fill=1)
                spans = [(0.0, self.width)]
            else:
                spans = self._columns()
            for cell, (_, style), (x, width) in zip(lines, row.cells, spans, strict=True):
                draw_lines(canvas, cell, style, x + PAD_X, top - PAD_Y, width - 2 * PAD_X)
            top -= height
            header = k == 0 and self.header is not None
            canvas.setStrokeColor(self.rule if header else RULE)
            canvas.setLineWidth(0.8 if header else 0.25)
            canvas.line(0, top, self.width, top)

    def _columns(self) -> list[tuple[float, float]]:
        """Each column's left edge and width, in reading order."""
        edges, x = [], 0.0
        for width in self.widths[::-1] if self.rtl else self.widths:
            edges.append((x, width))
            x += width
        return edges[::-1] if self.rtl else edges
