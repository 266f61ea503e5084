"""The catalogue of learning offers, providers' own offers, the review queue and the import."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from skillshub.accounts.rules import is_office_staff
from skillshub.core.access import require_perm
from skillshub.core.forms import add_service_errors
from skillshub.core.pagecache import public_page
from skillshub.stakeholders.choices import InstitutionStatus
from skillshub.stakeholders.exceptions import EditConflict

from .. import exports, imports, selectors, services
from ..access import get_offer_for_user
from ..choices import OfferStatus
from ..filters import OfferFilter
from ..forms import OfferForm, OfferImportForm, OfferMoveForm
from ..models import LearningOffer
from ..workflow import next_states


@public_page("portal")
def offer_list(request: HttpRequest) -> HttpResponse:
    filterset = OfferFilter(request.GET or None, queryset=selectors.public_offers())
    page = Paginator(filterset.qs, settings.PAGINATE_BY).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "portal/offer_list.html",
        {"filter": filterset, "page_obj": page, "query": query.urlencode()},
    )


def offer_list_csv(request: HttpRequest) -> StreamingHttpResponse:
    filterset = OfferFilter(request.GET or None, queryset=selectors.public_offers())
    response = StreamingHttpResponse(
        exports.csv_stream(filterset.qs), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="oferty.csv"'
    return response


@public_page("portal")
def offer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_offer_for_user(request.user, pk)
    user = request.user
    context: dict[str, Any] = {"offer": offer, "provider_listed": _listed(offer)}
    if user.has_perm("portal.change_offer", offer) or user.has_perm("portal.archive_offer", offer):
        staff = is_office_staff(user)
        context["manage"] = True
        context["can_edit"] = user.has_perm("portal.change_offer", offer)
        context["moves"] = [
            (target, label)
            for target, label in _status_labels(next_states(offer.status, staff=staff))
            if target != OfferStatus.RETURNED
        ]
        context["can_review"] = staff and offer.status == OfferStatus.SUBMITTED
    return render(request, "portal/offer_detail.html", context)


def _listed(offer: LearningOffer) -> bool:
    provider = offer.provider
    return bool(provider.listed_publicly and provider.status == InstitutionStatus.ACTIVE)


def _status_labels(targets: list[str]) -> list[tuple[str, str]]:
    return [(t, str(OfferStatus(t).label)) for t in targets]


@login_required
def offer_manage(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "portal.add_offer")
    staff = is_office_staff(request.user)
    filterset = OfferFilter(
        request.GET or None, queryset=selectors.managed_offers(request.user), staff=staff
    )
    page = Paginator(filterset.qs, settings.PAGINATE_BY).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/offer_manage.html",
        {"filter": filterset, "page_obj": page, "staff": staff},
    )


def _offer_data(request: HttpRequest, form: OfferForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    data.pop("version", None)
    data.pop("submit", None)
    return data


@login_required
def offer_create(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "portal.add_offer")
    staff = is_office_staff(request.user)
    form = OfferForm(request.POST or None, staff=staff)
    if request.method == "POST" and form.is_valid():
        try:
            offer = services.offer_create(
                actor=request.user,
                data=_offer_data(request, form),
                submit=bool(form.cleaned_data.get("submit")),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The offer has been saved."))
            return redirect(offer)
    status = 400 if request.method == "POST" else 200
    return render(request, "portal/offer_form.html", {"form": form}, status=status)


@login_required
def offer_update(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_offer_for_user(request.user, pk, write=True)
    staff = is_office_staff(request.user)
    form = OfferForm(request.POST or None, instance=offer, staff=staff)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            offer = services.offer_update(
                offer=offer,
                actor=request.user,
                data=_offer_data(request, form),
                version=form.cleaned_data.get("version"),
            )
        except EditConflict as exc:
            conflict = exc
            # Keep what this person typed; the new version lets them save it deliberately.
            form = OfferForm(
                request.POST | {"version": str(exc.current.version)},
                instance=exc.current,
                staff=staff,
            )
            form.is_valid()
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(offer)
    status = 409 if conflict else (400 if request.method == "POST" else 200)
    return render(
        request,
        "portal/offer_form.html",
        {"form": form, "offer": offer, "conflict": conflict},
        status=status,
    )


@login_required
@require_POST
def offer_move(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_offer_for_user(request.user, pk)
    form = OfferMoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Unknown status."))
        return redirect(offer)
    target = form.cleaned_data["target"]
    perm = "portal.archive_offer" if target == OfferStatus.ARCHIVED else "portal.change_offer"
    if target in (OfferStatus.PUBLISHED, OfferStatus.RETURNED):
        perm = "portal.review_offer"
    require_perm(request.user, perm, offer)
    try:
        services.offer_move(
            offer=offer, actor=request.user, target=target, note=form.cleaned_data["note"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The status of the offer has been changed."))
    next_url = request.POST.get("next", "")
    if next_url == "review":
        return redirect("portal:offer_review_queue")
    return redirect(offer)


@login_required
def offer_review_queue(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "portal.review_offer")
    page = Paginator(selectors.review_queue(), settings.PAGINATE_BY).get_page(
        request.GET.get("page")
    )
    return render(request, "portal/offer_review_queue.html", {"page_obj": page})


@login_required
def offer_import(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "portal.import_offers")
    staff = is_office_staff(request.user)
    form = OfferImportForm(request.POST or None, request.FILES or None, staff=staff)
    report = None
    if request.method == "POST" and form.is_valid():
        report = services.offer_import(
            actor=request.user,
            file=form.cleaned_data["file"],
            provider=form.cleaned_data.get("provider"),
            publish=bool(form.cleaned_data.get("publish")) if staff else False,
        )
        if report.ok:
            messages.success(request, _("The import is done."))
    status = 400 if report is not None and not report.ok else 200
    return render(
        request,
        "portal/offer_import.html",
        {
            "form": form,
            "report": report,
            "columns": imports.COLUMNS,
            "max_rows": imports.MAX_ROWS,
        },
        status=status,
    )


def offer_import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(imports.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="oferty-szablon.csv"'
    return response
