"""The signed-in person's own API tokens."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import services
from .models import ApiToken, User


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Token name"),
        max_length=100,
        help_text=gettext_lazy("What the token is for, e.g. “open-data export script”."),
    )


def _require_api_user(request: HttpRequest) -> User:
    # The office, and WZK members (who raise and comment on matters through the API); everyone
    # else reads public data without a token.
    user = request.user
    if not isinstance(user, User) or not user.has_perm("accounts.use_api_tokens"):
        raise Http404
    return user


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    user = _require_api_user(request)
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        _token, new_key = services.api_token_create(
            user=user, name=form.cleaned_data["name"], actor=user
        )
        form = TokenForm()
    tokens = ApiToken.objects.filter(user=user)
    return render(
        request, "accounts/token_list.html", {"tokens": tokens, "form": form, "new_key": new_key}
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user = _require_api_user(request)
    token = get_object_or_404(ApiToken, pk=pk, user=user)
    services.api_token_revoke(token=token, actor=user)
    messages.success(request, _("The token has been revoked."))
    return redirect("accounts:token_list")
