"""A finding in the reader's language, from its structured fields.

The engine gives each finding a `code` and `params` (graders.results.FINDING_CODES lists
every code with its parameter names) besides its English `message`. One template per code
here, translated like any other string; a finding with no code (a stored v1 result), an
unknown code or missing params shows the engine's message as it is.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

# code -> template over the code's params (named %(param)s placeholders).
FINDING_TEMPLATES: dict[str, Any] = {}


def finding_text(finding: dict[str, Any]) -> str:
    message = str(finding.get("message", ""))
    template = FINDING_TEMPLATES.get(str(finding.get("code") or ""))
    params = finding.get("params")
    if template is None or not isinstance(params, dict):
        return message
    try:
        return str(template) % {key: _param(value) for key, value in params.items()}
    except (KeyError, TypeError, ValueError):
        return message


def _param(value: Any) -> Any:
    """Lists (test names, places) read as a comma-separated run."""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value)
    return "" if value is None else value
