"""The PDF adapter: the report rendered with ReportLab, in Arabic, French and English."""

from .fonts import FONT, FONT_BOLD, register_fonts
from .report import render_report

__all__ = ["FONT", "FONT_BOLD", "register_fonts", "render_report"]
