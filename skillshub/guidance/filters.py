"""One FilterSet per list, shared by the HTML list, the CSV download and the API."""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from skillshub.core.models import County, TargetGroup

from .choices import ServiceKind, ServiceMode
from .models import GuidanceEvent, GuidanceService

YES_NO = [("true", _("yes")), ("false", _("no"))]


def _local_day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class _Base(django_filters.FilterSet):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for f in self.form.fields.values():
            f.required = False


class ServiceFilter(_Base):
    county = django_filters.ModelChoiceFilter(
        label=_("County served"), field_name="counties", queryset=County.objects.in_region()
    )
    target_group = django_filters.ModelChoiceFilter(
        label=_("Target group"),
        field_name="target_groups",
        to_field_name="code",
        queryset=TargetGroup.objects.all(),
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ServiceKind.choices)
    mode = django_filters.ChoiceFilter(label=_("Mode"), choices=ServiceMode.choices)
    online = django_filters.TypedChoiceFilter(
        label=_("Available online"),
        choices=YES_NO,
        coerce=lambda v: v == "true",
        method="filter_online",
    )
    free = django_filters.TypedChoiceFilter(
        label=_("Free of charge"),
        choices=YES_NO,
        coerce=lambda v: v == "true",
        field_name="is_free",
    )

    class Meta:
        model = GuidanceService
        fields = ["county", "target_group", "kind", "mode", "online", "free"]

    def filter_online(
        self, queryset: QuerySet[GuidanceService], name: str, value: bool
    ) -> QuerySet[GuidanceService]:
        online = Q(mode__in=[ServiceMode.ONLINE, ServiceMode.BOTH])
        return queryset.filter(online if value else ~Q(mode=ServiceMode.ONLINE))

    def filter_queryset(self, queryset: QuerySet[GuidanceService]) -> QuerySet[GuidanceService]:
        # Filtering through many-to-many relations: one service must appear once.
        qs = super().filter_queryset(queryset)
        if self.form.cleaned_data.get("county") or self.form.cleaned_data.get("target_group"):
            qs = qs.distinct()
        return qs


class EventFilter(_Base):
    county = django_filters.ModelChoiceFilter(
        label=_("County"), queryset=County.objects.in_region()
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ServiceKind.choices)
    target_group = django_filters.ModelChoiceFilter(
        label=_("Target group"),
        field_name="target_groups",
        to_field_name="code",
        queryset=TargetGroup.objects.all(),
    )
    online = django_filters.TypedChoiceFilter(
        label=_("Online"), choices=YES_NO, coerce=lambda v: v == "true", field_name="is_online"
    )
    free = django_filters.TypedChoiceFilter(
        label=_("Free of charge"),
        choices=YES_NO,
        coerce=lambda v: v == "true",
        field_name="is_free",
    )
    date_from = django_filters.DateFilter(
        label=_("From"),
        method="filter_date_from",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        label=_("To"), method="filter_date_to", widget=forms.DateInput(attrs={"type": "date"})
    )
    past = django_filters.BooleanFilter(
        label=_("Show past events"), method="filter_past", widget=forms.CheckboxInput
    )

    class Meta:
        model = GuidanceEvent
        fields = ["county", "kind", "target_group", "online", "free", "date_from", "date_to"]

    def filter_date_from(
        self, queryset: QuerySet[GuidanceEvent], name: str, value: datetime.date
    ) -> QuerySet[GuidanceEvent]:
        return queryset.filter(ends_at__gte=_local_day_start(value))

    def filter_date_to(
        self, queryset: QuerySet[GuidanceEvent], name: str, value: datetime.date
    ) -> QuerySet[GuidanceEvent]:
        return queryset.filter(starts_at__lt=_local_day_start(value + datetime.timedelta(days=1)))

    def filter_past(
        self, queryset: QuerySet[GuidanceEvent], name: str, value: bool | None
    ) -> QuerySet[GuidanceEvent]:
        return queryset  # applied in filter_queryset: upcoming is the default, not a filter

    def filter_queryset(self, queryset: QuerySet[GuidanceEvent]) -> QuerySet[GuidanceEvent]:
        qs = super().filter_queryset(queryset)
        now = timezone.now()
        if self.form.cleaned_data.get("past"):
            qs = qs.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
        else:
            qs = qs.filter(ends_at__gte=now).order_by("starts_at", "pk")
        if self.form.cleaned_data.get("target_group"):
            qs = qs.distinct()
        return qs
