"""Contact people, their consents, and the RODO rights of access and erasure."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from skillshub.core.access import require_perm

from .. import services
from ..access import get_contact_for_user, get_institution_for_user
from ..exceptions import EditConflict
from ..forms import ConsentForm, ContactForm
from ..models import ConsentRecord


@login_required
def contact_create(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request.user, "stakeholders.change_contact")
    institution = get_institution_for_user(request.user, pk)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        try:
            contact = services.contact_create(
                institution=institution, actor=request.user, data=data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("The person has been added. Record the legal basis for their data.")
            )
            return redirect(contact)
    return render(
        request, "stakeholders/contact_form.html", {"form": form, "institution": institution}
    )


@login_required
def contact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_contact_for_user(request.user, pk)
    return render(
        request,
        "stakeholders/contact_detail.html",
        {
            "contact": contact,
            "consents": contact.consents.select_related("recorded_by", "withdrawn_by"),
            "consent_form": ConsentForm(),
        },
    )


@login_required
def contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_contact_for_user(request.user, pk, write=True)
    form = ContactForm(request.POST or None, instance=contact)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        try:
            contact = services.contact_update(
                contact=contact, actor=request.user, data=data, expected_version=version
            )
        except EditConflict as exc:
            conflict = exc
            form = ContactForm(
                request.POST | {"version": str(exc.current.version)}, instance=exc.current
            )
            form.is_valid()
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(contact)
    return render(
        request,
        "stakeholders/contact_form.html",
        {
            "form": form,
            "contact": contact,
            "institution": contact.institution,
            "conflict": conflict,
        },
        status=409 if conflict else 200,
    )


@login_required
def consent_create(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_contact_for_user(request.user, pk, write=True)
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record(contact=contact, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The legal basis has been recorded."))
            return redirect(contact)
    return render(
        request,
        "stakeholders/contact_detail.html",
        {"contact": contact, "consents": contact.consents.all(), "consent_form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    consent = get_object_or_404(ConsentRecord.objects.select_related("contact"), pk=pk)
    contact = get_contact_for_user(request.user, consent.contact_id, write=True)
    try:
        services.consent_withdraw(consent=consent, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The withdrawal has been recorded."))
    return redirect(contact)


@login_required
def person_export_json(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_contact_for_user(request.user, pk)
    require_perm(request.user, "stakeholders.export_person", contact)
    data = services.contact_personal_data(contact=contact)
    services.contact_export_record(contact=contact, actor=request.user, fmt="json")
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="person-{contact.pk}.json"'
    return response


@login_required
def person_export_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    from ..documents import personal_data_pdf

    contact = get_contact_for_user(request.user, pk)
    require_perm(request.user, "stakeholders.export_person", contact)
    data = services.contact_personal_data(contact=contact)
    pdf = personal_data_pdf(data=data, request=request)
    services.contact_export_record(contact=contact, actor=request.user, fmt="pdf")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="person-{contact.pk}.pdf"'
    return response


@login_required
def contact_anonymise(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_contact_for_user(request.user, pk)
    require_perm(request.user, "stakeholders.anonymise_person", contact)
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Tick the confirmation to anonymise this person."))
        else:
            try:
                services.contact_anonymise(contact=contact, actor=request.user)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("The person's data has been erased."))
                return redirect(contact)
    return render(request, "stakeholders/contact_anonymise.html", {"contact": contact})
