"""The WZK's pillars (filary): an editable list, since regions differ (some add a sixth)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from skillshub.stakeholders import services
from skillshub.stakeholders.models import Pillar

from ..access import require_perm


class PillarForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    order = forms.IntegerField(label=gettext_lazy("Order"), min_value=0, initial=0)


@login_required
def pillar_list(request: HttpRequest) -> HttpResponse:
    """List the pillars; POST adds one, or renames one when ``pk`` is given."""
    require_perm(request.user, "team.manage_team")
    form = PillarForm(request.POST or None)
    editing = None
    if request.method == "POST":
        if request.POST.get("pk"):
            editing = get_object_or_404(Pillar, pk=request.POST["pk"])
        if form.is_valid():
            try:
                if editing is not None:
                    services.pillar_update(
                        pillar=editing,
                        actor=request.user,
                        name=form.cleaned_data["name"],
                        order=form.cleaned_data["order"],
                    )
                else:
                    services.pillar_create(
                        actor=request.user,
                        name=form.cleaned_data["name"],
                        order=form.cleaned_data["order"],
                    )
            except ValidationError as exc:
                if not hasattr(exc, "error_dict"):
                    form.add_error(None, exc)
                for field, errors in getattr(exc, "error_dict", {}).items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("The pillars have been saved."))
                return redirect("team:pillar_list")
    pillars = Pillar.objects.order_by("order", "name")
    return render(
        request,
        "team/pillar_list.html",
        {
            "pillars": pillars,
            "form": form,
            "editing": editing,
            # The form at the bottom adds; a failed rename shows its errors above the table.
            "add_form": PillarForm() if editing is not None else form,
        },
        status=400 if form.errors else 200,
    )
