"""Documents: upload (type checked by content), versions, permission-checked download."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ..access import (
    get_agenda_item_for_user,
    get_document_for_user,
    get_team_for_user,
    require_perm,
)
from ..choices import Visibility
from ..forms_documents import DocumentFilterForm, DocumentForm, DocumentVersionForm
from ..models import Document, DocumentVersion, Team
from ..services import documents as services


def document_list(request: HttpRequest, pk: int) -> HttpResponse:
    """A team's documents: members and staff see all, everyone else only the public ones,
    so a members-only title never shows to an outsider."""
    team = get_object_or_404(Team, pk=pk)
    sees_all = request.user.has_perm("team.view_team", team)
    documents = Document.objects.filter(team=team).select_related("current_version", "meeting")
    if not sees_all:
        documents = documents.filter(visibility=Visibility.PUBLIC)
    filters = DocumentFilterForm(request.GET or None, team=team, public_only=not sees_all)
    if filters.is_valid():
        if filters.cleaned_data.get("visibility"):
            documents = documents.filter(visibility=filters.cleaned_data["visibility"])
        if filters.cleaned_data.get("meeting"):
            documents = documents.filter(meeting=filters.cleaned_data["meeting"])
    page = Paginator(documents, settings.PAGINATE_BY).get_page(request.GET.get("page"))
    return render(
        request,
        "team/document_list.html",
        {
            "team": team,
            "page_obj": page,
            "filters": filters,
            "sees_all": sees_all,
            "can_manage": request.user.has_perm("team.manage_documents", team),
        },
    )


@login_required
def document_create(request: HttpRequest, pk: int) -> HttpResponse:
    team = get_team_for_user(request.user, pk)
    require_perm(request.user, "team.manage_documents", team)
    form = DocumentForm(request.POST or None, request.FILES or None, team=team)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.document_upload(
                team=team,
                actor=request.user,
                title=form.cleaned_data["title"],
                file=form.cleaned_data["file"],
                visibility=form.cleaned_data["visibility"],
                meeting=form.cleaned_data.get("meeting"),
                description=form.cleaned_data["description"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The document has been uploaded."))
            return redirect(document)
    return render(
        request,
        "team/document_form.html",
        {"form": form, "team": team},
        status=400 if request.method == "POST" else 200,
    )


def _detail(request: HttpRequest, document: Document, form: Any, status: int = 200) -> HttpResponse:
    versions = list(document.versions.select_related("uploaded_by").order_by("-number"))
    return render(
        request,
        "team/document_detail.html",
        {
            "document": document,
            "versions": versions,
            "form": form,
            "can_manage": request.user.has_perm("team.manage_documents", document),
        },
        status=status,
    )


def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document_for_user(request.user, pk)
    form = (
        DocumentVersionForm() if request.user.has_perm("team.manage_documents", document) else None
    )
    return _detail(request, document, form)


@login_required
def document_version_create(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document_for_user(request.user, pk, write=True)
    if request.method != "POST":
        return redirect(document)
    form = DocumentVersionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            version = services.document_add_version(
                document=document,
                actor=request.user,
                file=form.cleaned_data["file"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Version %(number)s has been uploaded.") % {"number": version.number}
            )
            return redirect(document)
    return _detail(request, document, form, status=400)


def _serve(version: DocumentVersion, document: Document) -> FileResponse:
    try:
        handle = version.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=version.original_name,
        content_type=version.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    if document.visibility != Visibility.PUBLIC:
        # A members-only file must never sit in a shared cache.
        response["Cache-Control"] = "private, no-store"
    return response


def document_download(request: HttpRequest, pk: int) -> FileResponse:
    document = get_document_for_user(request.user, pk)
    if document.current_version is None:
        raise Http404
    return _serve(document.current_version, document)


def document_version_download(request: HttpRequest, pk: int, number: int) -> FileResponse:
    document = get_document_for_user(request.user, pk)
    version = get_object_or_404(DocumentVersion, document=document, number=number)
    return _serve(version, document)


@login_required
def agenda_document_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff upload a document straight onto an agenda item, then return to the sitting."""
    item = get_agenda_item_for_user(request.user, pk)
    meeting = item.meeting
    require_perm(request.user, "team.manage_documents", meeting.team)
    form = DocumentForm(
        request.POST or None, request.FILES or None, team=meeting.team, with_meeting=False
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_document_upload(
                item=item,
                actor=request.user,
                title=form.cleaned_data["title"],
                file=form.cleaned_data["file"],
                visibility=form.cleaned_data["visibility"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The document has been attached to the agenda item."))
            return redirect(meeting.get_absolute_url())
    return render(
        request,
        "team/document_form.html",
        {"form": form, "team": meeting.team, "item": item, "meeting": meeting},
        status=400 if request.method == "POST" else 200,
    )
