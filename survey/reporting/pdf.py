"""Render a report context to PDF with ReportLab: one embedded font, every string escaped."""

from __future__ import annotations

import io
import re
import unicodedata
from functools import cache
from xml.sax.saxutils import escape

import fontpkg
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from .context import ReportContext

rl_config.trustedHosts = []  # never fetch anything named in text
FONT, FONT_BOLD = "PlexSansArabic", "PlexSansArabic-Bold"
FAMILY = "IBM Plex Sans Arabic"
MAX_PARAGRAPH = 2000
_UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


class UnsupportedLanguage(ValueError):
    """The PDF renderer cannot lay out this language yet."""


@cache
def register_fonts() -> None:
    """Register the report font family once per process (it is embedded, subset, in each PDF)."""
    pdfmetrics.registerFont(TTFont(FONT, str(fontpkg.path(FAMILY, weight=400))))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(fontpkg.path(FAMILY, weight=700))))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )


def safe(text: str) -> str:
    """User or admin text made inert for a Paragraph: cleaned, escaped, line breaks kept."""
    text = _UNWANTED.sub("", unicodedata.normalize("NFC", str(text)))
    return escape(text).replace("\n", "<br/>")


def _paragraphs(text: str, style: ParagraphStyle) -> list[Paragraph]:
    """Long text as several paragraphs, so that no single one costs too much to lay out."""
    chunks, current = [], ""
    for line in str(text).split("\n"):
        while len(line) > MAX_PARAGRAPH:
            cut = line.rfind(" ", 0, MAX_PARAGRAPH)
            cut = cut if cut > 0 else MAX_PARAGRAPH
            chunks.append((current + "\n" if current else "") + line[:cut])
            current, line = "", line[cut:].lstrip()
        if current and len(current) + len(line) > MAX_PARAGRAPH:
            chunks.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    chunks.append(current)
    return [Paragraph(safe(chunk), style) for chunk in chunks if chunk.strip()]


def _styles(ctx: ReportContext) -> dict:
    primary = colors.HexColor(ctx.primary_colour)
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13.5, alignment=TA_LEFT)
    return {
        "body": base,
        "small": ParagraphStyle(
            "small", parent=base, fontSize=8, leading=11, textColor=colors.HexColor("#444444")
        ),
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=22,
            leading=28,
            textColor=primary,
            spaceAfter=4,
        ),
        "subtitle": ParagraphStyle(
            "subtitle",
            parent=base,
            fontSize=12,
            leading=16,
            textColor=colors.HexColor("#444444"),
            spaceAfter=10,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=14,
            leading=19,
            textColor=primary,
            spaceBefore=12,
            spaceAfter=6,
        ),
        "h3": ParagraphStyle(
            "h3",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=10.5,
            leading=14,
            spaceBefore=4,
            spaceAfter=2,
        ),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=12),
        "cell_bold": ParagraphStyle(
            "cell_bold", parent=base, fontName=FONT_BOLD, fontSize=9, leading=12
        ),
    }


def _fit(text: str, width: float, size: float) -> str:
    """`text` cut with an ellipsis so that it fits in `width` points."""
    if pdfmetrics.stringWidth(text, FONT, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", FONT, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _colon(ctx: ReportContext) -> str:
    """A label's colon as the language writes it (French puts a space before it)."""
    return " : " if ctx.lang == "fr" else ": "


def _score_text(score: float | None, texts: dict) -> str:
    return texts["not_assessed"] if score is None else f"{score:.0f} / 100"


def _cover(ctx: ReportContext, st: dict) -> list:
    t = ctx.texts
    facts = [
        (t["organisation"], ctx.organisation),
        (t["sector"], ctx.sector),
        (t["size"], f"{ctx.size} {t['size_unit']}"),
        (t["questionnaire"], f"{ctx.questionnaire} ({t['version']} {ctx.version})"),
        (t["date"], ctx.date),
        (t["status"], ctx.status),
        (t["completeness"], f"{ctx.completeness * 100:.0f} %"),
    ]
    table = Table(
        [[Paragraph(safe(k), st["cell_bold"]), Paragraph(safe(v), st["cell"])] for k, v in facts],
        colWidths=[45 * mm, 125 * mm],
        splitInRow=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#CCCCCC")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    overall = _score_text(ctx.overall, t)
    level = f" · {t['level']} {ctx.level}{_colon(ctx)}{ctx.level_name}" if ctx.level else ""
    return [
        Paragraph(safe(t["title"]), st["title"]),
        Paragraph(safe(t["subtitle"]), st["subtitle"]),
        table,
        Spacer(1, 8 * mm),
        Paragraph(safe(f"{t['overall_score']}{_colon(ctx)}{overall}{level}"), st["h2"]),
        *_paragraphs(t["introduction"], st["body"]),
        Spacer(1, 3 * mm),
        *_paragraphs(t["how_to_read"], st["small"]),
    ]


def _bar(score: float | None, colour) -> Table:
    width = 40 * mm
    filled = 0 if score is None else max(0.5, width * score / 100)
    bar = Table([["", ""]], colWidths=[filled, width - filled], rowHeights=[3.2 * mm])
    bar.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("BACKGROUND", (0, 0), (0, 0), colour),
                ("BACKGROUND", (1, 0), (1, 0), colors.HexColor("#E6E6E6")),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return bar


def _domains(ctx: ReportContext, st: dict) -> list:
    t = ctx.texts
    primary = colors.HexColor(ctx.primary_colour)
    rows = [
        [
            Paragraph(safe(t["domain"]), st["cell_bold"]),
            Paragraph(safe(t["score"]), st["cell_bold"]),
            "",
            Paragraph(safe(t["level"]), st["cell_bold"]),
        ]
    ]
    for d in ctx.domains:
        level = f"{d.level} · {d.level_name}" if d.level else "–"
        if d.capped:
            level += f" ({t['capped']})"
        rows.append(
            [
                Paragraph(safe(d.title), st["cell"]),
                Paragraph(safe(_score_text(d.score, t)), st["cell"]),
                _bar(d.score, primary),
                Paragraph(safe(level), st["cell"]),
            ]
        )
    table = Table(rows, colWidths=[55 * mm, 25 * mm, 45 * mm, 45 * mm], repeatRows=1, splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, primary),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#CCCCCC")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return [Paragraph(safe(t["scores_by_domain"]), st["h2"]), table]


def _recommendations(ctx: ReportContext, st: dict) -> list:
    t = ctx.texts
    heading = [Paragraph(safe(t["recommendations"]), st["h2"])]
    if not ctx.recommendations:
        return [*heading, Paragraph(safe(t["no_recommendations"]), st["body"])]
    c, out = _colon(ctx), []
    separator = " ; " if ctx.lang == "fr" else "; "
    for index, rec in enumerate(ctx.recommendations, start=1):
        meta = (
            f"{t['domain']}{c}{rec.domain} · {t['priority']}{c}{rec.priority:g} · "
            f"{t['horizon']}{c}{rec.horizon} · {t['effort']}{c}{rec.effort}"
        )
        block = [
            Paragraph(safe(f"{index}. {rec.title}"), st["h3"]),
            Paragraph(safe(meta), st["small"]),
            Paragraph(f"<b>{safe(t['why'] + c.rstrip())}</b> {safe(rec.why)}", st["body"]),
            Paragraph(f"<b>{safe(t['how'] + c.rstrip())}</b> {safe(rec.how)}", st["body"]),
        ]
        if rec.references:
            block.append(
                Paragraph(
                    safe(f"{t['references']}{c}" + separator.join(rec.references)), st["small"]
                )
            )
        lead = heading if index == 1 else []  # the heading never ends a page on its own
        out.append(KeepTogether([*lead, *block, Spacer(1, 3 * mm)]))
    return out


def _numbered_canvas(ctx: ReportContext):
    """A canvas that writes the running header and "page X of Y" once the page count is known."""
    t = ctx.texts
    primary = colors.HexColor(ctx.primary_colour)
    room = A4[0] - 36 * mm - pdfmetrics.stringWidth(t["title"], FONT, 8) - 8 * mm
    header = _fit(f"{ctx.issuer} · {ctx.organisation}", room, 8)  # the same on every page

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
            self.line(18 * mm, height - 14 * mm, width - 18 * mm, height - 14 * mm)
            self.setFont(FONT, 8)
            self.setFillColor(colors.HexColor("#555555"))
            self.drawString(18 * mm, height - 12 * mm, header)
            self.drawRightString(width - 18 * mm, height - 12 * mm, t["title"])
            self.drawRightString(
                width - 18 * mm, 10 * mm, f"{t['page']} {self._pageNumber} {t['page_of']} {total}"
            )
            self.drawString(18 * mm, 10 * mm, ctx.date)

    return NumberedCanvas


def render_report(ctx: ReportContext) -> bytes:
    """The report as PDF bytes (identical bytes for identical contexts)."""
    if ctx.direction == "rtl":
        raise UnsupportedLanguage(ctx.lang)
    register_fonts()
    st = _styles(ctx)
    story = [
        *_cover(ctx, st),
        *_domains(ctx, st),
        *_recommendations(ctx, st),
        Spacer(1, 6 * mm),
        *_paragraphs(ctx.texts["disclaimer"], st["small"]),
    ]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=20 * mm,
        bottomMargin=18 * mm,
        title=f"{ctx.texts['title']} – {ctx.organisation}",
        author=ctx.issuer,
        lang=ctx.lang,
        invariant=1,
    )
    doc.build(story, canvasmaker=_numbered_canvas(ctx))
    return buffer.getvalue()
