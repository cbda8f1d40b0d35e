"""HTML to PDF with WeasyPrint (it runs no JavaScript: the charts are server-side SVG)."""

from __future__ import annotations


def html_to_pdf(html: str, base_url: str) -> bytes:
    from weasyprint import HTML  # imported here: only the PDF export pays for loading it

    return HTML(string=html, base_url=base_url).write_pdf()
