from __future__ import annotations

from dataclasses import dataclass
from email.parser import BytesParser
from email.policy import HTTP
from urllib.parse import unquote_to_bytes

from django import forms
from django.utils.translation import gettext_lazy as _

from practice.models import Submission
from problems.models import Problem


class FilterForm(forms.Form):
    STATES = [
        ("", _("All")),
        ("solved", _("Solved")),
        ("attempted", _("Attempted")),
        ("revealed", _("Answer shown")),
        ("new", _("New")),
    ]

    q = forms.CharField(label=_("Search"), required=False)
    topic = forms.CharField(label=_("Topic"), required=False)
    difficulty = forms.ChoiceField(
        label=_("Difficulty"),
        required=False,
        choices=[("", _("All")), *Problem.Difficulty.choices],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *Problem.Kind.choices]
    )
    state = forms.ChoiceField(label=_("Status"), required=False, choices=STATES)


class SubmitForm(forms.Form):
    # The size cap is checked in bytes by the service, with a clearer message than a
    # max_length on characters would give.
    source = forms.CharField(
        strip=False,
        widget=forms.Textarea,
        error_messages={"required": _("The code is empty: write your solution, then send it.")},
    )
    mode = forms.ChoiceField(
        choices=Submission.Mode.choices,
        error_messages={
            "required": _('Say what to do with the code: mode is "run" or "submit".'),
            "invalid_choice": _('Unknown mode "%(value)s": use "run" or "submit".'),
        },
    )

    def problem_text(self) -> str:
        """Every field error in one sentence a person can act on."""
        return " ".join(str(message) for errors in self.errors.values() for message in errors)


class QuizForm(forms.Form):
    choice = forms.CharField(max_length=20)


@dataclass(frozen=True)
class Undecodable:
    """A form field whose bytes are not UTF-8: where the first bad byte is."""

    field: str
    byte: int
    line: int

    def message(self) -> str:
        what = _("The code") if self.field == "source" else f"“{self.field}”"
        return str(
            _(
                "%(what)s is not UTF-8 text: byte 0x%(byte)02X on line %(line)d cannot be "
                "read. Save it as UTF-8 and send it again."
            )
            % {"what": what, "byte": self.byte, "line": self.line}
        )


def find_undecodable(content_type: str, body: bytes) -> Undecodable | None:
    """The first form field that is not UTF-8, read from the raw body. Django decodes form
    fields with errors="replace", so the parsed form can no longer tell a bad byte from a
    real U+FFFD: this looks at the bytes before they are decoded."""
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind == "application/x-www-form-urlencoded":
        fields = _urlencoded_fields(body)
    elif kind == "multipart/form-data":
        fields = _multipart_fields(content_type, body)
    else:
        return None
    for name, value in fields:
        try:
            value.decode("utf-8")
        except UnicodeDecodeError as error:
            return Undecodable(
                field=name.decode("utf-8", errors="replace"),
                byte=value[error.start],
                line=value.count(b"\n", 0, error.start) + 1,
            )
    return None


def _urlencoded_fields(body: bytes) -> list[tuple[bytes, bytes]]:
    fields = []
    for pair in body.split(b"&"):
        name, _sep, value = pair.partition(b"=")
        plus = (b"+", b" ")  # a form's "+" is a space
        fields.append(
            (unquote_to_bytes(name.replace(*plus)), unquote_to_bytes(value.replace(*plus)))
        )
    return fields


def _multipart_fields(content_type: str, body: bytes) -> list[tuple[bytes, bytes]]:
    """The non-file parts, with their raw bytes (the standard library's MIME parser)."""
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1")
    message = BytesParser(policy=HTTP).parsebytes(head + body)
    if not message.is_multipart():
        return []
    fields = []
    for part in message.iter_parts():
        if part.get_filename() is not None:
            continue  # an uploaded file, not a form field
        name = part.get_param("name", header="content-disposition") or ""
        payload = part.get_payload(decode=True) or b""
        fields.append((str(name).encode("utf-8", errors="replace"), payload))
    return fields
