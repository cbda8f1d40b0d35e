from __future__ import annotations

from django.conf import settings
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts.forms import LanguageForm, SignUpForm


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()  # role defaults to candidate: sign-up never grants more
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        # Back where they came from (an assessment's invitation), when it is ours.
        target = request.GET.get("next", "")
        if target and url_has_allowed_host_and_scheme(
            target, {request.get_host()}, request.is_secure()
        ):
            return redirect(target)
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/signup.html", {"form": form})


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Saves the choice on the user (when signed in) and in the cookie (for everyone)."""
    form = LanguageForm(request.POST)
    target = request.POST.get("next") or reverse("practice:problem_list")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse("practice:problem_list")
    response = HttpResponseRedirect(target)
    if form.is_valid():
        language = form.cleaned_data["language"]
        if request.user.is_authenticated:
            request.user.language = language
            request.user.save(update_fields=["language"])
        translation.activate(language)
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax")
    return response
