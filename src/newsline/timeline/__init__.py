"""Timeline: ordering and filtering merged events, and reports (markdown, HTML, JSON)."""
from .build import TimelineFilter, timeline_items
from .report import build_report, render_html, render_markdown

__all__ = ["TimelineFilter", "timeline_items", "build_report", "render_markdown", "render_html"]
