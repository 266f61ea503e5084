"""The directory, institution pages and the interaction log."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from skillshub.accounts.rules import is_office_staff
from skillshub.core.access import require_perm
from skillshub.core.models import Commune, County
from skillshub.core.pagecache import public_page

from .. import selectors, services
from ..access import get_institution_for_user
from ..choices import InstitutionStatus
from ..exceptions import EditConflict
from ..filters import InstitutionFilter
from ..forms import InstitutionForm, InteractionForm
from ..models import Institution, Interaction


@public_page("stakeholders")
def institution_list(request: HttpRequest) -> HttpResponse:
    staff = is_office_staff(request.user)
    filterset = InstitutionFilter(
        request.GET or None, queryset=selectors.directory(user=request.user), staff=staff
    )
    page = Paginator(filterset.qs, settings.PAGINATE_BY).get_page(request.GET.get("page"))
    template = (
        "stakeholders/_institution_rows.html"
        if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "results"
        else "stakeholders/institution_list.html"
    )
    return render(
        request,
        template,
        {"filter": filterset, "page_obj": page, "staff": staff, "query": request.GET.urlencode()},
    )


@public_page("stakeholders")
def institution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    institution = get_institution_for_user(request.user, pk)
    context: dict[str, object] = {"institution": institution}
    if request.user.has_perm("stakeholders.view_contact"):
        context["contacts"] = selectors.institution_contacts(institution=institution)
    if request.user.has_perm("stakeholders.view_interactions"):
        context["timeline"] = selectors.institution_timeline(institution=institution)
        context["interaction_form"] = InteractionForm(institution=institution)
    return render(request, "stakeholders/institution_detail.html", context)


def _institution_data(form: InstitutionForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    data.pop("version", None)
    return data


@login_required
def institution_create(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "stakeholders.add_institution")
    form = InstitutionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = _institution_data(form)
        areas = data.pop("areas")
        target_groups = data.pop("target_groups")
        try:
            institution = services.institution_create(
                actor=request.user,
                data=data,
                areas=areas,
                target_groups=target_groups,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The institution has been added."))
            return redirect(institution)
    return render(request, "stakeholders/institution_form.html", {"form": form})


@login_required
def institution_edit(request: HttpRequest, pk: int) -> HttpResponse:
    institution = get_institution_for_user(request.user, pk, write=True)
    form = InstitutionForm(request.POST or None, instance=institution)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            institution = services.institution_update(
                institution=institution,
                actor=request.user,
                data=_institution_data(form),
                expected_version=form.cleaned_data.get("version"),
            )
        except EditConflict as exc:
            conflict = exc
            # The form keeps what this person typed; the new version lets them save it
            # deliberately once they have seen the other person's values.
            form = InstitutionForm(
                request.POST | {"version": str(exc.current.version)}, instance=exc.current
            )
            form.is_valid()
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(institution)
    status = 409 if conflict else 200
    return render(
        request,
        "stakeholders/institution_form.html",
        {"form": form, "institution": institution, "conflict": conflict},
        status=status,
    )


@login_required
@require_POST
def institution_status(request: HttpRequest, pk: int) -> HttpResponse:
    institution = get_object_or_404(Institution, pk=pk)
    require_perm(request.user, "stakeholders.archive_institution", institution)
    target = request.POST.get("status", "")
    if target not in InstitutionStatus.values:
        messages.error(request, _("Unknown status."))
        return redirect(institution)
    services.institution_set_status(institution=institution, actor=request.user, status=target)
    messages.success(
        request,
        _("The institution has been archived.")
        if target == InstitutionStatus.ARCHIVED
        else _("The institution has been restored."),
    )
    return redirect(institution)


@login_required
def interaction_create(request: HttpRequest, pk: int) -> HttpResponse:
    institution = get_institution_for_user(request.user, pk)
    require_perm(request.user, "stakeholders.log_interaction", institution)
    form = InteractionForm(request.POST or None, institution=institution)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        contacts = data.pop("contacts")
        try:
            services.interaction_log(
                institution=institution, actor=request.user, data=data, contacts=contacts
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The interaction has been logged."))
            return redirect(institution.get_absolute_url() + "#timeline")
    return render(
        request,
        "stakeholders/interaction_form.html",
        {"form": form, "institution": institution},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def interaction_follow_up_done(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request.user, "stakeholders.log_interaction")
    interaction = get_object_or_404(Interaction.objects.select_related("institution"), pk=pk)
    services.interaction_follow_up_done(interaction=interaction, actor=request.user)
    messages.success(request, _("The follow-up is marked as done."))
    return redirect(interaction.get_absolute_url())


@login_required
def follow_up_list(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "stakeholders.view_interactions")
    mine = request.GET.get("mine") == "1"
    follow_ups = selectors.open_follow_ups()
    if mine:
        follow_ups = follow_ups.filter(staff_id=request.user.pk)
    page = Paginator(follow_ups, settings.PAGINATE_BY).get_page(request.GET.get("page"))
    return render(
        request,
        "stakeholders/follow_up_list.html",
        {"page_obj": page, "mine": mine, "today": timezone.localdate()},
    )


def commune_options(request: HttpRequest) -> HttpResponse:
    """The <option>s of one county's communes, for the institution form (htmx)."""
    county = request.GET.get("county", "")
    communes = (
        Commune.objects.filter(county_id=county, county__in=County.objects.in_region())
        if county.isdigit()
        else Commune.objects.none()
    )
    return render(request, "stakeholders/_commune_options.html", {"communes": communes})
