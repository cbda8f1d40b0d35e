from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from interviews.models import SKILLS, Rating
from problems.models import Problem


class ItemChoice(forms.ModelMultipleChoiceField):
    """Items named as interviewers look for them: title, kind and difficulty, then slug."""

    def label_from_instance(self, problem: Problem) -> str:
        return (
            f"{problem.title()} · {problem.get_kind_display()} · "
            f"{problem.get_difficulty_display()} ({problem.slug})"
        )


class NewSessionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    problems = ItemChoice(
        label=_("Bank items"),
        queryset=Problem.objects.filter(is_active=True).exclude(kind=Problem.Kind.QUIZ),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )
    blank = forms.BooleanField(label=_("Add a blank Go file"), required=False)

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("problems") and not data.get("blank"):
            raise forms.ValidationError(_("Choose at least one item, or a blank Go file."))
        return data


class JoinForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=80)


def clean_rubric(raw: object) -> dict[str, dict[str, str]]:
    """Only known skills and ratings; comments capped. Bad input is refused, not guessed."""
    if not isinstance(raw, dict):
        raise ValueError("rubric must be an object")
    skills = {key for key, _label in SKILLS}
    out: dict[str, dict[str, str]] = {}
    for skill, value in raw.items():
        if skill not in skills or not isinstance(value, dict):
            raise ValueError(f"unknown skill {skill!r}")
        rating = str(value.get("rating") or "")
        if rating and rating not in Rating.values:
            raise ValueError(f"unknown rating {rating!r}")
        out[skill] = {"rating": rating, "comment": str(value.get("comment") or "")[:2000]}
    return out
