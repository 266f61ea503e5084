"""Barometr zawodów: the rounds, a panel's ratings through its members' own logins, the staff
import, closing, and the regional views (the distribution of counties per level, a map and a
table per group).

A closed round is public (``view_evidence``); an open one is shown only to staff and panel
members (``view_open_round``); anyone else gets a 404, as for every forbidden object.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from skillshub.core.access import require_perm
from skillshub.core.forms import add_service_errors

from .. import selectors_barometr as selectors
from .. import services_barometr as services
from ..choices import BarometrLevel, ImportStatus, RoundStatus
from ..forms_barometr import ImportForm, PanelMembersForm, RatingForm, RoundForm
from ..models import BarometrGroup, BarometrPanel, BarometrRating, BarometrRound

GEOJSON = (
    Path(__file__).resolve().parents[2] / "core" / "data" / "region" / "powiaty_lubuskie.geojson"
)


@functools.cache
def _county_shapes() -> str:
    """The counties' geometry as shipped (read once per process)."""
    return GEOJSON.read_text(encoding="utf-8")


def get_round_for_user(user: object, year: int) -> BarometrRound:
    """The round, if ``user`` may see it: closed rounds are public, open ones are not."""
    barometr_round = get_object_or_404(BarometrRound, year=year)
    if barometr_round.status == RoundStatus.CLOSED:
        require_perm(user, "labour_market.view_evidence", barometr_round)
    else:
        require_perm(user, "labour_market.view_open_round", barometr_round)
    return barometr_round


def round_list(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "labour_market.view_evidence")
    rounds = selectors.rounds_visible_to(request.user)
    return render(request, "labour_market/barometr_list.html", {"rounds": rounds})


@login_required
def round_create(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "labour_market.manage_rounds")
    form = RoundForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            barometr_round = services.round_open(
                actor=request.user, year=form.cleaned_data["year"], groups=form.groups
            )
        except services.GroupListError as exc:
            upload = form.cleaned_data.get("groups_file")
            form.add_error("groups_file" if upload else "groups_text", exc)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("The %(year)s round is open with %(n)s groups.")
                % {"year": barometr_round.year, "n": len(form.groups)},
            )
            return redirect(barometr_round)
    return render(
        request,
        "labour_market/barometr_create.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def _members_form(request: HttpRequest) -> PanelMembersForm | None:
    """Staff edit one panel's members on the round page (``?members=<panel id>``)."""
    if not request.user.has_perm("labour_market.manage_rounds"):
        return None
    if request.method == "POST":
        return PanelMembersForm(request.POST)
    panel_id = request.GET.get("members", "")
    if not panel_id.isdigit():
        return None
    panel = get_object_or_404(BarometrPanel, pk=int(panel_id))
    return PanelMembersForm(initial={"panel": panel, "members": list(panel.members.all())})


def round_detail(request: HttpRequest, year: int) -> HttpResponse:
    barometr_round = get_round_for_user(request.user, year)
    members_form = _members_form(request)
    if request.method == "POST":
        if members_form is None:
            raise Http404
        if members_form.is_valid():
            panel = members_form.cleaned_data["panel"]
            services.panel_set_members(
                actor=request.user, panel=panel, members=members_form.cleaned_data["members"]
            )
            messages.success(request, _("The members of %(panel)s are saved.") % {"panel": panel})
            return redirect(barometr_round)
    data = selectors.distribution(barometr_round)
    user = request.user
    context = {
        "round": barometr_round,
        "data": data,
        "chart": data.chart(),
        "levels": [BarometrLevel(level) for level in selectors.RATED_LEVELS],
        "progress": selectors.round_progress(barometr_round),
        "is_open": barometr_round.status == RoundStatus.OPEN,
        "can_manage": user.has_perm("labour_market.manage_rounds"),
        "can_import": user.has_perm("labour_market.import_data"),
        "can_rate": barometr_round.status == RoundStatus.OPEN
        and selectors.panels_for_rating(user).exists()
        if user.is_authenticated
        else False,
        "members_form": members_form,
        "members_panel": members_form.initial.get("panel") if members_form else None,
    }
    return render(
        request,
        "labour_market/barometr_detail.html",
        context,
        status=400 if members_form is not None and members_form.errors else 200,
    )


@login_required
def round_rate(request: HttpRequest, year: int) -> HttpResponse:
    barometr_round = get_round_for_user(request.user, year)
    if barometr_round.status != RoundStatus.OPEN:
        messages.error(request, _("This round is closed: its ratings are frozen."))
        return redirect(barometr_round)
    panels = list(selectors.panels_for_rating(request.user))
    if not panels:
        raise Http404
    chosen = request.POST.get("panel") or request.GET.get("panel") or str(panels[0].pk)
    panel = next((p for p in panels if str(p.pk) == chosen), None)
    if panel is None:
        # Someone else's panel: as if it did not exist.
        raise Http404
    require_perm(request.user, "labour_market.rate_for_panel", panel)
    groups = list(BarometrGroup.objects.filter(round=barometr_round).order_by("name"))
    current = dict(
        BarometrRating.objects.filter(round=barometr_round, panel=panel).values_list(
            "group_id", "level"
        )
    )
    form = RatingForm(request.POST or None, groups=groups, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.ratings_save(
                actor=request.user,
                barometr_round=barometr_round,
                panel=panel,
                ratings=form.ratings(),
            )
        except services.RoundClosed as exc:
            messages.error(request, exc.messages[0])
            return redirect(barometr_round)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(panel)s: %(n)s ratings saved.") % {"panel": panel.name, "n": changed},
            )
            return redirect(f"{reverse('labour_market:round_rate', args=[year])}?panel={panel.pk}")
    return render(
        request,
        "labour_market/barometr_rate.html",
        {"round": barometr_round, "panels": panels, "panel": panel, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def round_import(request: HttpRequest, year: int) -> HttpResponse:
    require_perm(request.user, "labour_market.import_data")
    barometr_round = get_round_for_user(request.user, year)
    form = ImportForm(request.POST or None, request.FILES or None)
    run = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        run = services.ratings_import(
            actor=request.user,
            barometr_round=barometr_round,
            data=upload.read(services.MAX_BYTES + 1),
            file_name=upload.name,
        )
        if run.status == ImportStatus.SUCCEEDED:
            messages.success(
                request,
                _("Imported %(read)s rows; %(written)s ratings changed.")
                % {"read": run.rows_read, "written": run.rows_written},
            )
            return redirect(barometr_round)
        if run.status == ImportStatus.UNCHANGED:
            messages.info(request, _("This file was imported before: nothing changed."))
            return redirect(barometr_round)
    return render(
        request,
        "labour_market/barometr_import.html",
        {"round": barometr_round, "form": form, "run": run},
        status=400 if form.errors or run is not None else 200,
    )


@login_required
@require_POST
def round_close(request: HttpRequest, year: int) -> HttpResponse:
    require_perm(request.user, "labour_market.manage_rounds")
    barometr_round = get_round_for_user(request.user, year)
    try:
        services.round_close(actor=request.user, barometr_round=barometr_round)
    except services.RoundClosed as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("The %(year)s round is closed and frozen.") % {"year": year})
    return redirect(barometr_round)


def group_detail(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    barometr_round = get_round_for_user(request.user, year)
    group = get_object_or_404(BarometrGroup, round=barometr_round, pk=pk)
    counties = selectors.group_counties(group)
    if request.GET.get("format") == "geojson":
        return _map_json(group, counties)
    occupations = list(group.occupations.order_by("code"))
    return render(
        request,
        "labour_market/barometr_group.html",
        {
            "round": barometr_round,
            "group": group,
            "counties": counties,
            "occupations": occupations,
            "levels": [BarometrLevel(level) for level in selectors.RATED_LEVELS],
        },
    )


def _map_json(group: BarometrGroup, counties: list[selectors.CountyRating]) -> HttpResponse:
    """The shipped county shapes with ``value`` = the level (null for no rating, hatched)."""
    shapes = json.loads(_county_shapes())
    by_teryt = {c.teryt: c for c in counties}
    for feature in shapes["features"]:
        rating = by_teryt.get(feature["properties"]["teryt"])
        level = rating.level if rating else BarometrLevel.NO_RATING
        feature["properties"]["level"] = level
        feature["properties"]["label"] = str(BarometrLevel(level).label)
        feature["properties"]["panel"] = rating.panel if rating else ""
        feature["properties"]["value"] = level or None
    shapes["group"] = {"id": group.pk, "name": group.name}
    shapes["levels"] = {str(v): str(label) for v, label in BarometrLevel.choices}
    return JsonResponse(shapes, json_dumps_params={"ensure_ascii": False})
