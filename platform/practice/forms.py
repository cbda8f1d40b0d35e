from django import forms
from django.utils.translation import gettext_lazy as _

from practice.models import Submission
from problems.models import Problem


class FilterForm(forms.Form):
    STATES = [
        ("", _("All")),
        ("solved", _("Solved")),
        ("attempted", _("Attempted")),
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
    source = forms.CharField(strip=False, widget=forms.Textarea)
    mode = forms.ChoiceField(choices=Submission.Mode.choices)


class QuizForm(forms.Form):
    choice = forms.CharField(max_length=20)
