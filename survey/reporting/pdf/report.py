"""The report as a ReportLab story: every string drawn as text, mirrored for Arabic."""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import SimpleDocTemplate, Spacer

from ..context import ReportContext
from . import sections
from .collector import collector_paused
from .fonts import FONT, register_fonts
from .layout import TextStyle, measure
from .text import TextBlock, draw_line, fit

MARGIN = 18 * mm
GREY = colors.HexColor("#555555")


def styles(lang: str, primary: str) -> dict[str, TextStyle]:
    """The report's text styles in a language, headings in the branding's colour."""
    primary = colors.HexColor(primary)
    body = TextStyle(size=9.5, leading=15, rtl=lang == "ar", lang=lang)
    return {
        "body": body.but(align="justify", space_after=2),
        "bullet": body.but(space_after=1),
        "bullet_bold": body.but(bold=True, space_before=2),
        "note": body.but(colour="#1B5E20", space_after=2),
        "small": body.but(size=8, leading=12.5, colour="#444444"),
        "meta": body.but(size=8, leading=12.5, colour="#555555", space_after=1),
        "title": body.but(size=24, leading=36, bold=True, colour=primary, space_after=4),
        "subtitle": body.but(size=13, leading=20, colour="#444444", space_after=14),
        "h1": body.but(
            size=16, leading=25, bold=True, colour=primary, space_before=6, space_after=6
        ),
        "h2": body.but(
            size=12.5, leading=19, bold=True, colour=primary, space_before=10, space_after=3
        ),
        "h3": body.but(size=10.5, leading=16, bold=True, space_before=6, space_after=2),
        "h4": body.but(size=9.5, leading=15, bold=True),
        "cell": body.but(size=9, leading=14),
        "cell_bold": body.but(size=9, leading=14, bold=True),
        "cell_small": body.but(size=8, leading=12),
        "cell_small_bold": body.but(size=8, leading=12, bold=True),
        "list": body.but(size=8.5, leading=13),
    }


def numbered_canvas(
    *, texts: dict, rtl: bool, primary: str, title: str, header: str, footer: str, style
):
    """A canvas that writes the running header (`header` at the start side, `title` at the
    other) and "page X of Y" with `footer` once the page count is known."""
    primary = colors.HexColor(primary)
    small = style.but(size=8, colour=GREY)
    room = A4[0] - 2 * MARGIN - measure(title, small) - 8 * mm
    header = fit(header, small, room)  # the same on every page
    start, end = ("right", "left") if rtl else ("left", "right")
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
            draw_line(self, title, small, edge[end], top, end)
            page = f"{texts['page']} {self._pageNumber} {texts['page_of']} {total}"
            draw_line(self, page, small, edge[end], bottom, end)
            draw_line(self, footer, small, edge[start], bottom, start)

    return NumberedCanvas


def build_pdf(story: list, canvasmaker, *, title: str, author: str, lang: str) -> bytes:
    """A4 PDF bytes of `story` with the report's margins (identical bytes for identical input)."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=20 * mm,
        bottomMargin=18 * mm,
        title=title,
        author=author,
        lang=lang,
        invariant=1,
    )
    doc.build(story, canvasmaker=canvasmaker)
    return buffer.getvalue()


@collector_paused
def render_report(ctx: ReportContext) -> bytes:
    """The report as PDF bytes (identical bytes for identical contexts)."""
    register_fonts()
    st = styles(ctx.lang, ctx.primary_colour)
    story = [
        *sections.cover(ctx, st),
        *sections.summary(ctx, st),
        *sections.scores(ctx, st),
        *sections.progress(ctx, st),
        *sections.domains(ctx, st),
        *sections.action_plan(ctx, st),
        *sections.projections(ctx, st),
        Spacer(1, 6 * mm),
        TextBlock(ctx.texts["how_to_read"], st["small"]),
        TextBlock(ctx.texts["disclaimer"], st["small"]),
        *sections.methodology(ctx, st),
        *sections.crosswalk(ctx, st),
    ]
    canvasmaker = numbered_canvas(
        texts=ctx.texts,
        rtl=ctx.direction == "rtl",
        primary=ctx.primary_colour,
        title=ctx.texts["title"],
        header=f"{ctx.issuer} · {ctx.organisation}",
        footer=ctx.date,
        style=st["small"],
    )
    title = f"{ctx.texts['title']} – {ctx.organisation}"
    return build_pdf(story, canvasmaker, title=title, author=ctx.issuer, lang=ctx.lang)
