"""One FilterSet for matters: the HTML list, the board, the CSV/XLSX exports and the API share it.

It only ever narrows the queryset it is given; the caller hands it
``Matter.objects.visible_to(user)``, so the permissions are already in the SQL.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from skillshub.core.models import County, StrategyArea

from .choices import MatterState, Urgency
from .models import Matter


class MatterFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    state = django_filters.MultipleChoiceFilter(
        label=_("State"), choices=MatterState.choices, widget=forms.CheckboxSelectMultiple
    )
    area = django_filters.ModelChoiceFilter(
        label=_("ZSU area of impact"),
        field_name="areas",
        queryset=StrategyArea.objects.filter(part="detailed"),
    )
    county = django_filters.ModelChoiceFilter(
        label=_("County"), field_name="counties", queryset=County.objects.in_region()
    )
    # A text filter rather than a list of people: no extra query to draw the form, and no
    # names of people whose only matters are drafts or confidential.
    raised_by = django_filters.CharFilter(label=_("Raised by"), method="filter_raised_by")
    urgency = django_filters.ChoiceFilter(label=_("Urgency"), choices=Urgency.choices)
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")
    confidential = django_filters.BooleanFilter(label=_("Confidential"))

    class Meta:
        model = Matter
        fields = ["q", "state", "area", "county", "raised_by", "urgency", "overdue", "confidential"]

    def __init__(self, *args: Any, staff: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not staff:
            # Members see confidential matters only when they raised them: no filter to probe.
            del self.filters["confidential"]
        for f in self.form.fields.values():
            f.required = False

    def filter_q(self, queryset: QuerySet[Matter], name: str, value: str) -> QuerySet[Matter]:
        return queryset.search(value)  # type: ignore[attr-defined]

    def filter_raised_by(
        self, queryset: QuerySet[Matter], name: str, value: str
    ) -> QuerySet[Matter]:
        # Every word must appear in the raiser's first name, last name, login or, for a
        # matter raised orally, the name staff noted.
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(raised_by__first_name__icontains=word)
                | Q(raised_by__last_name__icontains=word)
                | Q(raised_by__username__icontains=word)
                | Q(raised_by_name__icontains=word)
            )
        return queryset

    def filter_overdue(
        self, queryset: QuerySet[Matter], name: str, value: bool | None
    ) -> QuerySet[Matter]:
        if value is None:
            return queryset
        late = Matter.objects.overdue().values("pk")
        return queryset.filter(pk__in=late) if value else queryset.exclude(pk__in=late)
