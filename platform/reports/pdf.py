"""HTML to PDF with WeasyPrint (it runs no JavaScript: the charts are server-side SVG).

The report's own stylesheet is read from the static files on disk; nothing else is
fetched, so a report never makes the server request a URL."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.staticfiles import finders

# WeasyPrint logs every layout step at INFO.
logging.getLogger("weasyprint").setLevel(logging.WARNING)
logging.getLogger("fontTools").setLevel(logging.WARNING)


def _static_only(url: str) -> dict:
    path = url.split(settings.STATIC_URL, 1)[1] if settings.STATIC_URL in url else ""
    found = finders.find(path) if path else None
    if not found:
        raise ValueError(f"not fetched: {url}")
    with open(found, "rb") as stream:
        return {"string": stream.read(), "mime_type": "text/css"}


def html_to_pdf(html: str, base_url: str) -> bytes:
    from weasyprint import HTML  # imported here: only the PDF export pays for loading it

    return HTML(string=html, base_url=base_url, url_fetcher=_static_only).write_pdf()
