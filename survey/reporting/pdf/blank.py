"""A printable blank questionnaire for one sector and language, for interviews on paper.

Each question is numbered as on screen, with its help text, a box to tick before each option
(and before "Not applicable" and "I don't know" where the question allows them), and lines to
write on for numbers and text. A question shown only after some answer says so.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from ...questionnaire.model import Questionnaire
from ..content import ReportContent
from .collector import collector_paused
from .draw import draw_lines
from .fonts import register_fonts
from .layout import TextStyle, prepare
from .report import build_pdf, numbered_canvas, styles
from .text import TextBlock

BOX = 3.2 * mm  # the side of a tick box
GAP = 2.5 * mm  # between a box and its label


class Checklist(Flowable):
    """Options to tick: a square box before each label, on the reading side."""

    def __init__(self, labels: list[str], style: TextStyle):
        super().__init__()
        self.style = style
        self.prepared = [prepare(label, style) for label in labels]

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's names)
        self.width = availWidth
        room = availWidth - 6 * mm - BOX - GAP
        self.lines = [prepared.lines(room) for prepared in self.prepared]
        self.height = sum(len(lines) * self.style.leading + 1 * mm for lines in self.lines)
        return self.width, self.height

    def draw(self):
        canvas, style = self.canv, self.style
        room = self.width - 6 * mm - BOX - GAP
        top = self.height
        canvas.setStrokeColor(colors.HexColor("#444444"))
        canvas.setLineWidth(0.6)
        for lines in self.lines:
            middle = top - style.leading / 2
            box = self.width - 6 * mm - BOX if style.rtl else 6 * mm
            canvas.rect(box, middle - BOX / 2, BOX, BOX, stroke=1, fill=0)
            left = 0 if style.rtl else 6 * mm + BOX + GAP
            draw_lines(canvas, lines, style.but(align="start"), left, top, room)
            top -= len(lines) * style.leading + 1 * mm


class WritingLines(Flowable):
    """Dotted lines to write an answer on."""

    def __init__(self, count: int):
        super().__init__()
        self.count = count

    def wrap(self, availWidth, availHeight):  # noqa: N803
        self.width, self.height = availWidth, self.count * 8 * mm
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        canvas.setStrokeColor(colors.HexColor("#999999"))
        canvas.setLineWidth(0.4)
        canvas.setDash([1, 2])
        for k in range(self.count):
            y = self.height - (k + 1) * 8 * mm + 1.5 * mm
            canvas.line(6 * mm, y, self.width - 6 * mm, y)
        canvas.setDash([])


@collector_paused
def render_blank(form: Questionnaire, content: ReportContent, lang: str) -> bytes:
    """The blank questionnaire of a sector's form (`form.sector`) in `lang`, as PDF bytes."""
    register_fonts()
    texts = {key: value[lang] for key, value in content.texts.items()}
    branding = content.branding
    st = styles(lang, branding["primary_colour"])
    sector = next(s for s in form.sectors if s.id == form.sector)
    colon = " : " if lang == "fr" else ": "
    story = [
        TextBlock(branding["organisation"][lang], st["small"]),
        Spacer(1, 4 * mm),
        TextBlock(texts["blank_title"], st["title"]),
        TextBlock(f"{form.title[lang]} · {sector.name[lang]}", st["subtitle"]),
        TextBlock(f"{texts['organisation']}{colon}" + "." * 60, st["body"]),
        TextBlock(f"{texts['date']}{colon}" + "." * 30, st["body"]),
        Spacer(1, 3 * mm),
        TextBlock(texts["blank_instructions"], st["body"]),
    ]
    number = 0
    for domain in form.domains:
        story += [CondPageBreak(40 * mm), TextBlock(domain.title[lang], st["h1"])]
        for question in domain.questions:
            number += 1
            story.append(KeepTogether(_question(question, number, texts, lang, st)))
    title = f"{texts['blank_title']} – {form.title[lang]}"
    canvasmaker = numbered_canvas(
        texts=texts,
        rtl=lang == "ar",
        primary=branding["primary_colour"],
        title=texts["blank_title"],
        header=f"{form.title[lang]} · {sector.name[lang]}",
        footer=f"{texts['version']} {form.version}",
        style=st["small"],
    )
    return build_pdf(
        story, canvasmaker, title=title, author=branding["organisation"][lang], lang=lang
    )


def _question(question, number: int, texts: dict, lang: str, st: dict) -> list:
    out = [TextBlock(f"{number}. {question.text[lang]}", st["h4"])]
    hints = []
    if question.condition:
        hints.append(texts["blank_conditional"])
    if question.type == "multi_choice":
        hints.append(texts["blank_multiple"])
    if question.help:
        hints.append(question.help[lang])
    if hints:
        out.append(TextBlock(" ".join(hints), st["meta"]))
    if question.options:
        labels = [option.label[lang] for option in question.options]
        if question.allow_na:
            labels.append(texts["answer_na"])
        if question.dont_know:
            labels.append(texts["answer_dont_know"])
        out.append(Checklist(labels, st["cell"]))
    else:
        if question.type == "number" and question.unit:
            out.append(TextBlock(f"{texts['answer']} ({question.unit[lang]})", st["meta"]))
        out.append(WritingLines(1 if question.type == "number" else 3))
    return [*out, Spacer(1, 2 * mm)]
