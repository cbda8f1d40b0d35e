from __future__ import annotations

from datetime import timedelta

from accounts.models import User
from django import forms
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.models import Membership
from problems.models import Problem


class PositionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)


class MemberForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)

    def clean_username(self) -> User:
        user = User.objects.filter(username=self.cleaned_data["username"].strip()).first()
        if user is None or user.is_candidate:
            raise forms.ValidationError(_("No interviewer or hiring manager has this username."))
        return user


def _in(days: int):
    return lambda: (timezone.now() + timedelta(days=days)).replace(second=0, microsecond=0)


MAX_ITEMS = 8


class AssessmentForm(forms.Form):
    """The items are chosen one per numbered field, so their order is the manager's."""

    title = forms.CharField(label=_("Title"), max_length=200)
    time_limit_minutes = forms.IntegerField(
        label=_("Time limit (minutes)"), min_value=1, max_value=24 * 60, initial=90
    )
    opens_at = forms.DateTimeField(label=_("Opens at (UTC)"), initial=_in(0))
    closes_at = forms.DateTimeField(label=_("Closes at (UTC)"), initial=_in(7))
    hints_allowed = forms.BooleanField(label=_("Hints allowed"), required=False)
    with_interview = forms.BooleanField(label=_("Live interview sessions"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        bank = Problem.objects.filter(is_active=True).order_by("kind", "slug")
        for n in range(1, MAX_ITEMS + 1):
            self.fields[f"item_{n}"] = forms.ModelChoiceField(
                label=_("Item %(n)d (coding or quiz)") % {"n": n},
                queryset=bank,
                required=n == 1,
            )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            raise forms.ValidationError(_("The window must close after it opens."))
        chosen = self.ordered_problems()
        if len({p.pk for p in chosen}) != len(chosen):
            raise forms.ValidationError(_("An item can appear only once."))
        return data

    def ordered_problems(self) -> list[Problem]:
        fields = (self.cleaned_data.get(f"item_{n}") for n in range(1, MAX_ITEMS + 1))
        return [problem for problem in fields if problem is not None]


class InviteForm(forms.Form):
    emails = forms.CharField(
        label=_("E-mail addresses (one per line)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    links = forms.IntegerField(
        label=_("Links to hand out yourself"), min_value=0, max_value=200, initial=0
    )

    def clean_emails(self) -> list[str]:
        emails = []
        for line in self.cleaned_data["emails"].replace(",", "\n").splitlines():
            email = line.strip()
            if email:
                try:
                    validate_email(email)
                except forms.ValidationError:
                    raise forms.ValidationError(
                        _("%(email)s is not an e-mail address.") % {"email": email}
                    ) from None
                emails.append(email)
        return list(dict.fromkeys(emails))

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("emails") and not data.get("links"):
            raise forms.ValidationError(_("Give at least one e-mail address or a number of links."))
        return data
