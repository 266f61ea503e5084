"""Programmes, their versions and the tree of objectives, actions and tasks.

The adopted programme (and the versions it superseded) is public; a draft or a revision in
progress is for the office and the WZK (``programme.view_drafts``) and answers 404 to anyone
else. Every write is the office's and goes through ``services``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from skillshub.core.forms import add_service_errors
from skillshub.stakeholders.models import Institution

from .. import selectors, services
from ..choices import ActionStatus, FundingSource, NodeKind, VersionStatus
from ..forms import NodeForm, ProgrammeForm, ReviseForm, VersionStatusForm
from ..models import IndicatorLink, Node, Programme, ProgrammeVersion
from ..services import VERSION_MOVES, FrozenVersion

CHILD_KIND = {NodeKind.OBJECTIVE: NodeKind.ACTION, NodeKind.ACTION: NodeKind.TASK}

# --- Access -------------------------------------------------------------------------------------


def _require(user: Any, perm: str) -> None:
    if not user.has_perm(perm):
        raise Http404


def _may_see(user: Any, version: ProgrammeVersion) -> bool:
    """Adopted and superseded versions are public record; the rest is work in progress."""
    return version.is_frozen or user.has_perm("programme.view_drafts")


def _get_programme(pk: int) -> Programme:
    programme = Programme.objects.filter(pk=pk).first()
    if programme is None:
        raise Http404
    return programme


def _get_version(user: Any, pk: int, *, write: bool = False) -> ProgrammeVersion:
    version = ProgrammeVersion.objects.select_related("programme", "based_on").filter(pk=pk).first()
    if version is None or not _may_see(user, version):
        raise Http404
    if write:
        _require(user, "programme.change_programme")
    return version


def _get_node(user: Any, pk: int, *, write: bool = False) -> Node:
    node = (
        Node.objects.select_related("version__programme", "version__based_on", "parent", "lead")
        .filter(pk=pk)
        .first()
    )
    if node is None or not _may_see(user, node.version):
        raise Http404
    if write:
        _require(user, "programme.change_programme")
    return node


def _flash(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _frozen(request: HttpRequest, version: ProgrammeVersion) -> HttpResponse:
    """The same words as ``services.FrozenVersion``: the user is told to start a revision."""
    messages.error(
        request,
        _(
            "Version %(n)s is adopted and cannot be edited. Start a revision: it copies "
            "the programme into a new draft version."
        )
        % {"n": version.number},
    )
    return redirect(version)


# --- The tree as table rows ---------------------------------------------------------------------


@dataclass
class Row:
    state: selectors.NodeState
    depth: int

    @property
    def node(self) -> Node:
        return self.state.node

    @property
    def child_kind(self) -> str | None:
        return CHILD_KIND.get(NodeKind(self.state.node.kind))


def _rows(tree: list[selectors.NodeState]) -> list[Row]:
    rows: list[Row] = []

    def walk(states: list[selectors.NodeState], depth: int) -> None:
        for state in states:
            rows.append(Row(state, depth))
            walk(state.children, depth + 1)

    walk(tree, 0)
    return rows


def _tree_context(version: ProgrammeVersion) -> dict[str, Any]:
    tree = selectors.version_progress(version=version)
    return {"tree": tree, "rows": _rows(tree)}


# --- Programmes ---------------------------------------------------------------------------------


def programme_list(request: HttpRequest) -> HttpResponse:
    drafts = request.user.has_perm("programme.view_drafts")
    programmes = list(Programme.objects.prefetch_related("versions"))
    items = []
    for programme in programmes:
        version = selectors.current_version(programme)
        if version is not None and not drafts and not version.is_frozen:
            version = None
        items.append({"programme": programme, "version": version})
    return render(
        request,
        "programme/programme_list.html",
        {"items": items, "can_create": request.user.has_perm("programme.change_programme")},
    )


@login_required
def programme_create(request: HttpRequest) -> HttpResponse:
    _require(request.user, "programme.change_programme")
    if request.method == "POST":
        form = ProgrammeForm(request.POST)
        if form.is_valid():
            try:
                programme = services.programme_create(actor=request.user, data=form.service_data())
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("The programme has been created with a first, draft version.")
                )
                return redirect(programme)
        return render(request, "programme/programme_form.html", {"form": form}, status=400)
    return render(request, "programme/programme_form.html", {"form": ProgrammeForm()})


@login_required
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, "programme.change_programme")
    programme = _get_programme(pk)
    if request.method == "POST":
        form = ProgrammeForm(request.POST)
        if form.is_valid():
            try:
                services.programme_update(
                    programme=programme, actor=request.user, data=form.service_data()
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The changes have been saved."))
                return redirect(programme)
        status = 400
    else:
        form = ProgrammeForm(initial=ProgrammeForm.initial_for(programme))
        status = 200
    return render(
        request,
        "programme/programme_form.html",
        {"form": form, "programme": programme},
        status=status,
    )


def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = (
        Programme.objects.prefetch_related(
            Prefetch(
                "versions",
                queryset=ProgrammeVersion.objects.select_related("based_on").order_by("-number"),
            )
        )
        .filter(pk=pk)
        .first()
    )
    if programme is None:
        raise Http404
    user = request.user
    drafts = user.has_perm("programme.view_drafts")
    versions = list(programme.versions.all())
    version = selectors.current_version(programme)
    if version is not None and not _may_see(user, version):
        version = None
    in_progress = [
        v for v in versions if v.status in (VersionStatus.DRAFT, VersionStatus.CONSULTED)
    ]
    context: dict[str, Any] = {
        "programme": programme,
        "version": version,
        "versions": versions if drafts else [v for v in versions if v.is_frozen],
        "revision": in_progress[0]
        if drafts and in_progress and in_progress[0] != version
        else None,
        "can_change": user.has_perm("programme.change_programme"),
        "show_progress": True,
    }
    if version is not None:
        context.update(_tree_context(version))
    return render(request, "programme/programme_detail.html", context)


# --- Versions -----------------------------------------------------------------------------------


def _version_page(
    request: HttpRequest,
    version: ProgrammeVersion,
    *,
    adopt_form: VersionStatusForm | None = None,
    revise_form: ReviseForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    can_change = user.has_perm("programme.change_programme")
    moves = VERSION_MOVES[VersionStatus(version.status)]
    context: dict[str, Any] = {
        "programme": version.programme,
        "version": version,
        "can_edit": can_change and not version.is_frozen,
        "can_consult": can_change and VersionStatus.CONSULTED in moves,
        "can_return": can_change and VersionStatus.DRAFT in moves,
        "can_adopt": user.has_perm("programme.adopt_version") and VersionStatus.ADOPTED in moves,
        "can_revise": can_change and version.status == VersionStatus.ADOPTED,
        "adopt_form": adopt_form or VersionStatusForm(initial={"status": "adopted"}),
        "revise_form": revise_form or ReviseForm(),
        "show_progress": True,
    }
    context.update(_tree_context(version))
    return render(request, "programme/version_detail.html", context, status=status)


def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _version_page(request, _get_version(request.user, pk))


@login_required
@require_POST
def version_status(request: HttpRequest, pk: int) -> HttpResponse:
    version = _get_version(request.user, pk, write=True)
    form = VersionStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("This change of status is not possible."))
        return redirect(version)
    target = form.cleaned_data["status"]
    if target == VersionStatus.ADOPTED:
        _require(request.user, "programme.adopt_version")
    try:
        services.version_set_status(
            version=version,
            actor=request.user,
            status=target,
            adopted_on=form.cleaned_data["adopted_on"],
            adopted_by=form.cleaned_data["adopted_by"] or "",
        )
    except ValidationError as exc:
        if target == VersionStatus.ADOPTED:
            add_service_errors(form, exc)
            return _version_page(request, version, adopt_form=form, status=400)
        _flash(request, exc)
        return redirect(version)
    if target == VersionStatus.ADOPTED:
        messages.success(request, _("The version has been adopted. It is now frozen."))
    else:
        messages.success(request, _("The status of the version has been changed."))
    return redirect(version)


@login_required
@require_POST
def version_revise(request: HttpRequest, pk: int) -> HttpResponse:
    version = _get_version(request.user, pk, write=True)
    form = ReviseForm(request.POST)
    if not form.is_valid():
        return _version_page(request, version, revise_form=form, status=400)
    try:
        revision = services.version_revise(
            version=version, actor=request.user, note=form.cleaned_data["note"]
        )
    except ValidationError as exc:
        _flash(request, exc)
        return redirect(version)
    messages.success(request, _("A revision has been started: edit it, then adopt it."))
    return redirect(revision)


def _label(name: str, value: Any, leads: dict[int, str]) -> Any:
    if value in (None, ""):
        return "—"
    if name == "lead_id":
        return leads.get(value, value)
    labels: dict[str, Any] = {
        "kind": NodeKind,
        "status": ActionStatus,
        "funding_source": FundingSource,
    }
    if name in labels:
        try:
            return labels[name](value).label
        except ValueError:
            return value
    return value


def _field_label(name: str) -> Any:
    """The verbose name of a field the diff compares (``lead_id`` is the lead)."""
    field = Node._meta.get_field(name.removesuffix("_id"))
    return getattr(field, "verbose_name", name)


def version_diff(request: HttpRequest, pk: int) -> HttpResponse:
    version = _get_version(request.user, pk)
    old = version.based_on
    if old is None:
        raise Http404
    changes = selectors.version_diff(old=old, new=version)
    lead_ids = {
        value
        for change in changes
        for name, pair in change.fields.items()
        if name == "lead_id"
        for value in pair
        if value is not None
    }
    leads = dict(Institution.objects.filter(pk__in=lead_ids).values_list("pk", "name"))
    rows = [
        {
            "change": change,
            "fields": [
                {
                    "label": _field_label(name),
                    "old": _label(name, old_value, leads),
                    "new": _label(name, new_value, leads),
                }
                for name, (old_value, new_value) in change.fields.items()
            ],
        }
        for change in changes
    ]
    return render(
        request,
        "programme/version_diff.html",
        {"programme": version.programme, "version": version, "old": old, "rows": rows},
    )


# --- Nodes --------------------------------------------------------------------------------------


def _node_form_page(
    request: HttpRequest,
    form: NodeForm,
    version: ProgrammeVersion,
    node: Node | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "programme/node_form.html",
        {"form": form, "version": version, "programme": version.programme, "node": node},
        status=status,
    )


@login_required
def node_create(request: HttpRequest, pk: int) -> HttpResponse:
    version = _get_version(request.user, pk, write=True)
    if version.is_frozen:
        return _frozen(request, version)
    if request.method == "POST":
        form = NodeForm(request.POST, version=version)
        if form.is_valid():
            try:
                node = services.node_create(
                    version=version, actor=request.user, data=form.service_data(), m2m=form.m2m()
                )
            except FrozenVersion as exc:
                _flash(request, exc)
                return redirect(version)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The part has been added."))
                return redirect(node)
        return _node_form_page(request, form, version, status=400)
    initial: dict[str, Any] = {"kind": NodeKind.OBJECTIVE}
    wanted = request.GET.get("parent", "")
    parent = version.nodes.filter(pk=int(wanted)).first() if wanted.isdigit() else None
    if parent is not None:
        initial["parent"] = parent
        initial["kind"] = CHILD_KIND.get(NodeKind(parent.kind), NodeKind.TASK)
    if request.GET.get("kind") in NodeKind.values:
        initial["kind"] = request.GET["kind"]
    return _node_form_page(request, NodeForm(initial=initial, version=version), version)


@login_required
def node_edit(request: HttpRequest, pk: int) -> HttpResponse:
    node = _get_node(request.user, pk, write=True)
    version = node.version
    if version.is_frozen:
        return _frozen(request, version)
    if request.method == "POST":
        form = NodeForm(request.POST, version=version, node=node)
        if form.is_valid():
            try:
                services.node_update(
                    node=node, actor=request.user, data=form.service_data(), m2m=form.m2m()
                )
            except FrozenVersion as exc:
                _flash(request, exc)
                return redirect(version)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The changes have been saved."))
                return redirect(node)
        return _node_form_page(request, form, version, node, status=400)
    form = NodeForm(initial=NodeForm.initial_for(node), version=version, node=node)
    return _node_form_page(request, form, version, node)


@login_required
def node_delete(request: HttpRequest, pk: int) -> HttpResponse:
    node = _get_node(request.user, pk, write=True)
    version = node.version
    if version.is_frozen:
        return _frozen(request, version)
    if request.method == "POST":
        try:
            services.node_delete(node=node, actor=request.user)
        except FrozenVersion as exc:
            _flash(request, exc)
            return redirect(version)
        except ValidationError as exc:
            _flash(request, exc)
            return redirect(node)
        messages.success(request, _("The part has been removed."))
        return redirect(version)
    return render(
        request,
        "programme/node_confirm_delete.html",
        {"node": node, "version": version, "programme": version.programme},
    )


def node_detail(request: HttpRequest, pk: int) -> HttpResponse:
    node = _get_node(request.user, pk)
    prefetch_related_objects(
        [node],
        "partners",
        "areas",
        "directions__theme",
        "target_groups",
        "counties",
        Prefetch("indicator_links", queryset=IndicatorLink.objects.order_by("indicator__code")),
    )
    version = node.version
    # The node's rolled-up progress, from the same tree every other page shows.
    states = selectors.indicator_states(programme=version.programme)
    tree = selectors.version_progress(version=version, states=states)
    found = None
    for row in _rows(tree):
        if row.node.pk == node.pk:
            found = row.state
            break
    indicators = [
        {"state": states[link.indicator_id], "weight": link.weight}
        for link in node.indicator_links.all()
        if link.indicator_id in states
    ]
    can_edit = request.user.has_perm("programme.change_programme") and not version.is_frozen
    return render(
        request,
        "programme/node_detail.html",
        {
            "node": node,
            "version": version,
            "programme": version.programme,
            "state": found,
            "indicators": indicators,
            "children_states": found.children if found else [],
            "can_edit": can_edit,
            "child_kind": CHILD_KIND.get(NodeKind(node.kind)),
        },
    )
