"""The report as a ReportLab story: every string drawn as text, mirrored for Arabic."""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import KeepTogether, SimpleDocTemplate, Spacer, Table, TableStyle

from ..context import ReportContext
from .charts import ScoreChart
from .fonts import FONT, register_fonts
from .layout import TextStyle, measure
from .text import TextBlock, draw_line, fit

MARGIN = 18 * mm
GREY = colors.HexColor("#555555")


def _styles(ctx: ReportContext) -> dict[str, TextStyle]:
    primary = colors.HexColor(ctx.primary_colour)
    body = TextStyle(size=9.5, leading=15, rtl=ctx.direction == "rtl", lang=ctx.lang)
    return {
        "body": body.but(align="justify", space_after=2),
        "small": body.but(size=8, leading=12.5, colour="#444444"),
        "title": body.but(size=22, leading=34, bold=True, colour=primary, space_after=4),
        "subtitle": body.but(size=12, leading=19, colour="#444444", space_after=10),
        "h2": body.but(
            size=14, leading=22, bold=True, colour=primary, space_before=12, space_after=6
        ),
        "h3": body.but(size=10.5, leading=16, bold=True, space_before=4, space_after=1),
        "cell": body.but(size=9, leading=14),
        "cell_bold": body.but(size=9, leading=14, bold=True),
    }


def _colon(ctx: ReportContext) -> str:
    """A label's colon as the language writes it (French puts a space before it)."""
    return " : " if ctx.lang == "fr" else ": "


def _score_text(score: float | None, texts: dict) -> str:
    return texts["not_assessed"] if score is None else f"{score:.0f} / 100"


def _table(
    ctx: ReportContext, rows: list[list], widths: list[float], style: list, header: bool
) -> Table:
    """A table whose columns run right to left in Arabic (`style` is written for left to right)."""
    if ctx.direction == "rtl":
        last = len(widths) - 1
        rows = [row[::-1] for row in rows]
        widths = widths[::-1]
        style = [_mirror_command(command, last) for command in style]
    table = Table(rows, colWidths=widths, repeatRows=int(header), splitInRow=1)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), *style]))  # no Helvetica
    return table


def _mirror_command(command: tuple, last: int) -> tuple:
    """A table style command with its columns counted from the other side."""
    name, start, end, *rest = command
    left, right = sorted(last - (c if c >= 0 else last + 1 + c) for c in (start[0], end[0]))
    return (name, (left, start[1]), (right, end[1]), *rest)


def _cover(ctx: ReportContext, st: dict) -> list:
    t = ctx.texts
    facts = [
        (t["organisation"], ctx.organisation),
        (t["sector"], ctx.sector),
        (t["size"], f"{ctx.size} {t['size_unit']}"),
        (t["questionnaire"], f"{ctx.questionnaire} ({t['version']} {ctx.version})"),
        (t["date"], ctx.date),
        (t["status"], ctx.status),
        (t["completeness"], f"{ctx.completeness * 100:.0f}%"),
    ]
    rows = [[TextBlock(k, st["cell_bold"]), TextBlock(v, st["cell"])] for k, v in facts]
    table = _table(
        ctx,
        rows,
        [45 * mm, 129 * mm],
        [
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#CCCCCC")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ],
        header=False,
    )
    overall = _score_text(ctx.overall, t)
    level = f" · {t['level']} {ctx.level}{_colon(ctx)}{ctx.level_name}" if ctx.level else ""
    return [
        TextBlock(t["title"], st["title"]),
        TextBlock(t["subtitle"], st["subtitle"]),
        table,
        Spacer(1, 8 * mm),
        TextBlock(f"{t['overall_score']}{_colon(ctx)}{overall}{level}", st["h2"]),
        TextBlock(t["introduction"], st["body"]),
        Spacer(1, 3 * mm),
        TextBlock(t["how_to_read"], st["small"]),
    ]


def _domains(ctx: ReportContext, st: dict) -> list:
    t = ctx.texts
    primary = colors.HexColor(ctx.primary_colour)
    header = [TextBlock(t[key], st["cell_bold"]) for key in ("domain", "score", "level")]
    rows = [header]
    for d in ctx.domains:
        level = f"{d.level} · {d.level_name}" if d.level else "–"
        if d.capped:
            level += f" ({t['capped']})"
        rows.append(
            [
                TextBlock(d.title, st["cell"]),
                TextBlock(_score_text(d.score, t), st["cell"]),
                TextBlock(level, st["cell"]),
            ]
        )
    table = _table(
        ctx,
        rows,
        [58 * mm, 26 * mm, 90 * mm],
        [
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, primary),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#CCCCCC")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ],
        header=True,
    )
    chart = ScoreChart(
        [(d.title, d.score) for d in ctx.domains],
        st["cell"],
        bar_colour=primary,
        empty_label=t["not_assessed"],
    )
    return [TextBlock(t["scores_by_domain"], st["h2"]), chart, Spacer(1, 4 * mm), table]


def _recommendations(ctx: ReportContext, st: dict) -> list:
    t = ctx.texts
    heading = [TextBlock(t["recommendations"], st["h2"])]
    if not ctx.recommendations:
        return [*heading, TextBlock(t["no_recommendations"], st["body"])]
    c, out = _colon(ctx), []
    separator = " ; " if ctx.lang == "fr" else "; " if ctx.lang == "en" else "؛ "
    for index, rec in enumerate(ctx.recommendations, start=1):
        meta = (
            f"{t['domain']}{c}{rec.domain} · {t['priority']}{c}{rec.priority:g} · "
            f"{t['horizon']}{c}{rec.horizon} · {t['effort']}{c}{rec.effort}"
        )
        block = [
            TextBlock(f"{index}. {rec.title}", st["h3"]),
            TextBlock(meta, st["small"]),
            TextBlock([(t["why"] + c.rstrip(), True), (" " + rec.why, False)], st["body"]),
            TextBlock([(t["how"] + c.rstrip(), True), (" " + rec.how, False)], st["body"]),
        ]
        if rec.references:
            references = f"{t['references']}{c}" + separator.join(rec.references)
            block.append(TextBlock(references, st["small"]))
        lead = heading if index == 1 else []  # the heading never ends a page on its own
        out.append(KeepTogether([*lead, *block, Spacer(1, 3 * mm)]))
    return out


def _numbered_canvas(ctx: ReportContext, st: dict):
    """A canvas that writes the running header and "page X of Y" once the page count is known."""
    t = ctx.texts
    primary = colors.HexColor(ctx.primary_colour)
    small = st["small"].but(size=8, colour=GREY)
    room = A4[0] - 2 * MARGIN - measure(t["title"], small) - 8 * mm
    header = fit(f"{ctx.issuer} · {ctx.organisation}", small, room)  # the same on every page
    start, end = ("right", "left") if ctx.direction == "rtl" else ("left", "right")
    edge = {"left": MARGIN, "right": A4[0] - MARGIN}

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args, **kwargs):
            kwargs["initialFontName"] = FONT  # never fall back to an unembedded Helvetica
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):  # noqa: N802 (ReportLab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int):
            width, height = A4
            self.setStrokeColor(primary)
            self.setLineWidth(0.6)
            self.line(MARGIN, height - 14 * mm, width - MARGIN, height - 14 * mm)
            top, bottom = height - 12 * mm, 10 * mm
            draw_line(self, header, small, edge[start], top, start)
            draw_line(self, t["title"], small, edge[end], top, end)
            page = f"{t['page']} {self._pageNumber} {t['page_of']} {total}"
            draw_line(self, page, small, edge[end], bottom, end)
            draw_line(self, ctx.date, small, edge[start], bottom, start)

    return NumberedCanvas


def render_report(ctx: ReportContext) -> bytes:
    """The report as PDF bytes (identical bytes for identical contexts)."""
    register_fonts()
    st = _styles(ctx)
    story = [
        *_cover(ctx, st),
        *_domains(ctx, st),
        *_recommendations(ctx, st),
        Spacer(1, 6 * mm),
        TextBlock(ctx.texts["disclaimer"], st["small"]),
    ]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=20 * mm,
        bottomMargin=18 * mm,
        title=f"{ctx.texts['title']} – {ctx.organisation}",
        author=ctx.issuer,
        lang=ctx.lang,
        invariant=1,
    )
    doc.build(story, canvasmaker=_numbered_canvas(ctx, st))
    return buffer.getvalue()
