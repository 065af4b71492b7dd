"""The PDF adapter: the report and the blank questionnaire rendered with ReportLab, in Arabic,
French and English."""

from .blank import render_blank
from .fonts import FONT, FONT_BOLD, register_fonts
from .report import render_report

__all__ = ["FONT", "FONT_BOLD", "register_fonts", "render_blank", "render_report"]
