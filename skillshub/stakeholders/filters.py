"""One FilterSet for the directory: the HTML list, the CSV/XLSX export and the API share it."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from skillshub.core.models import County, StrategyArea, TargetGroup

from .choices import InstitutionKind, InstitutionStatus
from .models import Institution, Pillar


class InstitutionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=InstitutionKind.choices)
    county = django_filters.ModelChoiceFilter(
        label=_("County"), queryset=County.objects.in_region()
    )
    pillar = django_filters.ModelChoiceFilter(label=_("Pillar"), queryset=Pillar.objects.all())
    area = django_filters.ModelChoiceFilter(
        label=_("Area of interest"),
        field_name="areas",
        queryset=StrategyArea.objects.filter(part="detailed"),
    )
    target_group = django_filters.ModelChoiceFilter(
        label=_("Target group"), field_name="target_groups", queryset=TargetGroup.objects.all()
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=InstitutionStatus.choices)

    class Meta:
        model = Institution
        fields = ["q", "kind", "county", "pillar", "area", "target_group", "status"]

    def __init__(self, *args: Any, staff: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not staff:
            # The public only ever sees active, listed institutions: status is meaningless.
            del self.filters["status"]
        for f in self.form.fields.values():
            f.required = False

    def filter_q(
        self, queryset: QuerySet[Institution], name: str, value: str
    ) -> QuerySet[Institution]:
        return queryset.search(value)  # type: ignore[attr-defined]
