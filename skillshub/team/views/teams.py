"""The teams, their terms (composition on any date) and working groups."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, F, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from skillshub.core.forms import add_service_errors

from ..access import get_team_for_user, require_perm
from ..forms_teams import MembershipForm, TeamForm, parse_day
from ..models import Membership, Team
from ..selectors import composition_on, required_for
from ..services import meetings as services


@login_required
def team_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    # A subquery, not Count("memberships"): visible_to() already joins the memberships of a
    # member, and a count over that join would count only their own row.
    members_today = (
        Membership.objects.filter(team=OuterRef("pk"))
        .current_on(today)
        .voting()
        .order_by()
        .values("team")
        .annotate(n=Count("id"))
        .values("n")
    )
    teams = (
        Team.objects.visible_to(request.user)
        .select_related("parent")
        .annotate(members_today=Coalesce(Subquery(members_today, output_field=IntegerField()), 0))
        .order_by(F("parent_id").asc(nulls_first=True), "name")
    )
    return render(
        request,
        "team/team_list.html",
        {"teams": teams, "can_manage": request.user.has_perm("team.manage_team")},
    )


def _team_data(form: TeamForm) -> tuple[dict[str, Any], list[Any]]:
    data = dict(form.cleaned_data)
    pillars = list(data.pop("pillars", []))
    return data, pillars


@login_required
def team_create(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "team.manage_team")
    return _team_create(request, parent=None)


@login_required
def working_group_create(request: HttpRequest, pk: int) -> HttpResponse:
    parent = get_team_for_user(request.user, pk, write=True)
    if parent.is_working_group:
        # Working groups are one level deep: a group of a group would have no quorum owner.
        raise Http404
    return _team_create(request, parent=parent)


def _team_create(request: HttpRequest, *, parent: Team | None) -> HttpResponse:
    form = TeamForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data, pillars = _team_data(form)
        data["parent"] = parent
        try:
            team = services.team_create(actor=request.user, data=data, pillars=pillars)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The team has been created."))
            return redirect(team)
    return render(
        request,
        "team/team_form.html",
        {"form": form, "parent": parent},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def team_edit(request: HttpRequest, pk: int) -> HttpResponse:
    team = get_team_for_user(request.user, pk, write=True)
    form = TeamForm(request.POST or None, instance=team)
    if request.method == "POST" and form.is_valid():
        data, pillars = _team_data(form)
        data["pillars"] = pillars
        try:
            team = services.team_update(team=team, actor=request.user, data=data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(team)
    return render(
        request,
        "team/team_form.html",
        {"form": form, "team": team, "parent": team.parent},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def team_detail(request: HttpRequest, pk: int) -> HttpResponse:
    team = get_team_for_user(request.user, pk)
    today = timezone.localdate()
    day = today
    raw = request.GET.get("on")
    if raw:
        parsed = parse_day(raw)
        if parsed is None:
            messages.warning(request, _("That is not a valid date; showing today's composition."))
        else:
            day = parsed
    members = composition_on(team=team, day=day)
    return render(
        request,
        "team/team_detail.html",
        {
            "team": team,
            "day": day,
            "is_today": day == today,
            "members": members,
            "member_count": len(members),
            "required": required_for(team, len(members)) if members else 0,
            "pillars": list(team.pillars.all()),
            "working_groups": list(team.working_groups.order_by("name")),
            "can_manage": request.user.has_perm("team.manage_team", team),
            "can_view_parent": bool(team.parent)
            and request.user.has_perm("team.view_team", team.parent),
        },
    )


def _membership_for_staff(user: Any, pk: int) -> Membership:
    membership = get_object_or_404(
        Membership.objects.select_related("team", "team__parent", "person"), pk=pk
    )
    require_perm(user, "team.view_team", membership.team)
    require_perm(user, "team.manage_team", membership.team)
    return membership


@login_required
def membership_create(request: HttpRequest, pk: int) -> HttpResponse:
    team = get_team_for_user(request.user, pk, write=True)
    form = MembershipForm(
        request.POST or None, team=team, initial={"start_date": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_create(team=team, actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The member has been added."))
            return redirect(team)
    return render(
        request,
        "team/membership_form.html",
        {"form": form, "team": team},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def membership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership_for_staff(request.user, pk)
    team = membership.team
    form = MembershipForm(request.POST or None, instance=membership, team=team)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_update(
                membership=membership, actor=request.user, data=form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The term has been saved."))
            return redirect(team)
    return render(
        request,
        "team/membership_form.html",
        {"form": form, "team": team, "membership": membership},
        status=400 if request.method == "POST" else 200,
    )
