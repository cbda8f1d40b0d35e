"""HTML to PDF with WeasyPrint (it runs no JavaScript: the charts are server-side SVG).

The report's own stylesheet is read from the static files on disk; nothing else is
fetched, so a report never makes the server request a URL."""

from __future__ import annotations

import logging
from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders

# WeasyPrint logs every layout step at INFO.
logging.getLogger("weasyprint").setLevel(logging.WARNING)
logging.getLogger("fontTools").setLevel(logging.WARNING)


@cache
def _fetcher_class() -> type:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnly(URLFetcher):
        def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
            path = url.split(settings.STATIC_URL, 1)[1] if settings.STATIC_URL in url else ""
            found = finders.find(path.split("?")[0]) if path else None
            if not found:
                raise ValueError(f"not fetched: {url}")
            with open(found, "rb") as stream:
                body = stream.read()
            return URLFetcherResponse(url, body=body, headers={"Content-Type": "text/css"})

    return StaticOnly


def html_to_pdf(html: str, base_url: str) -> bytes:
    from weasyprint import HTML  # imported here: only the PDF export pays for loading it

    fetcher = _fetcher_class()()
    return HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf()
