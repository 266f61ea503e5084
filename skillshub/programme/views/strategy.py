"""The reference strategy: ZSU 2030's areas of impact with the themes and directions of action
the office enters, per edition. Public to read; staff edit (``programme.edit_strategy``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from skillshub.core.choices import StrategyPart
from skillshub.core.forms import add_service_errors
from skillshub.core.models import StrategyArea

from .. import services_strategy as services
from ..forms_strategy import DirectionForm, EditionForm, ThemeForm
from ..models import StrategyDirection, StrategyEdition, StrategyTheme

EDIT = "programme.edit_strategy"


def _require(user: Any, perm: str) -> None:
    if not user.has_perm(perm):
        raise Http404


def _edition_url(edition: StrategyEdition) -> str:
    url = reverse("programme:strategy_detail")
    return url if edition.is_current else f"{url}?edition={edition.pk}"


def _chosen_edition(request: HttpRequest, editions: list[StrategyEdition]) -> StrategyEdition:
    wanted = request.GET.get("edition", "")
    if wanted:
        for edition in editions:
            if str(edition.pk) == wanted:
                return edition
        raise Http404
    current = next((e for e in editions if e.is_current), None)
    if current is None and editions:
        current = editions[0]
    if current is None:
        raise Http404
    return current


def strategy_detail(request: HttpRequest) -> HttpResponse:
    """The chosen edition (the current one by default) as a tree: area of impact → themes →
    directions, in 4 queries whatever the size; staff may start a new edition here."""
    can_edit = request.user.has_perm(EDIT)
    edition_form = None
    status = 200
    if request.method == "POST":
        _require(request.user, EDIT)
        edition_form = EditionForm(request.POST)
        if edition_form.is_valid():
            try:
                created = services.edition_create(
                    actor=request.user,
                    name=edition_form.cleaned_data["name"],
                    published=edition_form.cleaned_data["published"],
                )
            except ValidationError as exc:
                add_service_errors(edition_form, exc)
            else:
                messages.success(
                    request,
                    _("The new edition is now the current one, with a copy of the themes and "
                      "directions of the previous one."),
                )  # fmt: skip
                return redirect(_edition_url(created))
        status = 400
    editions = list(StrategyEdition.objects.all())
    edition: StrategyEdition | None = None
    if editions or request.GET.get("edition"):
        edition = _chosen_edition(request, editions)
    areas = list(StrategyArea.objects.filter(part=StrategyPart.DETAILED).order_by("number"))
    by_area: dict[int, list[StrategyTheme]] = {area.pk: [] for area in areas}
    if edition is not None:
        themes = edition.themes.order_by("area__number", "order", "code").prefetch_related(
            Prefetch("directions", queryset=StrategyDirection.objects.order_by("order", "code"))
        )
        for theme in themes:
            by_area.setdefault(theme.area_id, []).append(theme)
    if can_edit and edition_form is None:
        edition_form = EditionForm()
    return render(
        request,
        "programme/strategy_detail.html",
        {
            "edition": edition,
            "editions": editions,
            "tree": [(area, by_area.get(area.pk, [])) for area in areas],
            "can_edit": can_edit,
            "edition_form": edition_form,
        },
        status=status,
    )


def _form_page(
    request: HttpRequest, form: Any, *, title: str, edition: StrategyEdition, status: int = 200,
    theme: StrategyTheme | None = None,
) -> HttpResponse:  # fmt: skip
    return render(
        request,
        "programme/strategy_form.html",
        {
            "form": form,
            "title": title,
            "edition": edition,
            "theme": theme,
            "back": _edition_url(edition),
        },
        status=status,
    )


@login_required
def theme_create(request: HttpRequest) -> HttpResponse:
    _require(request.user, EDIT)
    wanted = request.GET.get("edition", "")
    if wanted:
        edition = StrategyEdition.objects.filter(pk=wanted if wanted.isdigit() else 0).first()
    else:
        edition = StrategyEdition.objects.filter(is_current=True).first()
    if edition is None:
        if wanted:
            raise Http404
        messages.error(request, _("Start an edition of the strategy first."))
        return redirect("programme:strategy_detail")
    title = _("New theme of action in “%(edition)s”") % {"edition": edition.name}
    if request.method == "POST":
        form = ThemeForm(request.POST)
        if form.is_valid():
            try:
                services.theme_create(edition=edition, actor=request.user, data=form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The theme has been added."))
                return redirect(_edition_url(edition))
        return _form_page(request, form, title=title, edition=edition, status=400)
    area = request.GET.get("area", "")
    return _form_page(
        request,
        ThemeForm(initial={"area": area} if area.isdigit() else None),
        title=title,
        edition=edition,
    )


@login_required
def theme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, EDIT)
    theme = StrategyTheme.objects.select_related("edition", "area").filter(pk=pk).first()
    if theme is None:
        raise Http404
    title = _("Edit the theme “%(code)s”") % {"code": theme.code}
    if request.method == "POST":
        form = ThemeForm(request.POST)
        if form.is_valid():
            try:
                services.theme_update(theme=theme, actor=request.user, data=form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The changes have been saved."))
                return redirect(_edition_url(theme.edition))
        return _form_page(
            request, form, title=title, edition=theme.edition, theme=theme, status=400
        )
    form = ThemeForm(initial=ThemeForm.initial_for(theme))
    return _form_page(request, form, title=title, edition=theme.edition, theme=theme)


@login_required
def direction_create(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, EDIT)
    theme = StrategyTheme.objects.select_related("edition").filter(pk=pk).first()
    if theme is None:
        raise Http404
    title = _("New direction of action in the theme “%(code)s”") % {"code": theme.code}
    if request.method == "POST":
        form = DirectionForm(request.POST)
        if form.is_valid():
            try:
                services.direction_create(theme=theme, actor=request.user, data=form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The direction has been added."))
                return redirect(_edition_url(theme.edition))
        return _form_page(
            request, form, title=title, edition=theme.edition, theme=theme, status=400
        )
    return _form_page(request, DirectionForm(), title=title, edition=theme.edition, theme=theme)


@login_required
def direction_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, EDIT)
    direction = StrategyDirection.objects.select_related("theme__edition").filter(pk=pk).first()
    if direction is None:
        raise Http404
    theme = direction.theme
    title = _("Edit the direction “%(code)s”") % {"code": direction.code}
    if request.method == "POST":
        form = DirectionForm(request.POST)
        if form.is_valid():
            try:
                services.direction_update(
                    direction=direction, actor=request.user, data=form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The changes have been saved."))
                return redirect(_edition_url(theme.edition))
        return _form_page(
            request, form, title=title, edition=theme.edition, theme=theme, status=400
        )
    form = DirectionForm(initial=DirectionForm.initial_for(direction))
    return _form_page(request, form, title=title, edition=theme.edition, theme=theme)
