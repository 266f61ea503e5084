"""One FilterSet for the catalogue: the HTML list, the CSV export and the API share it."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from skillshub.core.models import County, StrategyArea, TargetGroup

from .choices import OfferKind, OfferStatus
from .models import LearningOffer

COST_CHOICES = [("free", _("free of charge")), ("paid", _("paid"))]
YES_NO = [("yes", _("yes")), ("no", _("no"))]


class OfferFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Title contains"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=OfferKind.choices)
    county = django_filters.ModelChoiceFilter(
        label=_("County"), queryset=County.objects.in_region()
    )
    target_group = django_filters.ModelChoiceFilter(
        label=_("Target group"),
        field_name="target_groups",
        queryset=TargetGroup.objects.all(),
        to_field_name="code",
    )
    cost = django_filters.ChoiceFilter(label=_("Cost"), choices=COST_CHOICES, method="filter_cost")
    online = django_filters.ChoiceFilter(label=_("Online"), choices=YES_NO, method="filter_online")
    date_from = django_filters.DateFilter(label=_("Runs on or after"), method="filter_date_from")
    date_to = django_filters.DateFilter(label=_("Starts on or before"), method="filter_date_to")
    area = django_filters.ModelChoiceFilter(
        label=_("ZSU 2030 area"),
        queryset=StrategyArea.objects.filter(part="detailed"),
        to_field_name="number",
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=OfferStatus.choices)

    class Meta:
        model = LearningOffer
        fields = ["q", "kind", "county", "target_group", "cost", "online", "date_from", "date_to",
                  "area", "status"]  # fmt: skip

    def __init__(self, *args: Any, staff: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not staff:
            # The public sees only published offers: the status means nothing to them.
            del self.filters["status"]
        for f in self.form.fields.values():
            f.required = False
        for name in ("date_from", "date_to"):
            self.form.fields[name].widget.input_type = "date"

    def filter_q(
        self, queryset: QuerySet[LearningOffer], name: str, value: str
    ) -> QuerySet[LearningOffer]:
        words = value.split()[:10]
        for word in words:
            # SQLite's LIKE folds only ASCII: also try the usual spellings of a Polish word.
            match = Q()
            for variant in {word, word.lower(), word.capitalize(), word.upper()}:
                match |= Q(title__icontains=variant) | Q(place__icontains=variant)
            queryset = queryset.filter(match)
        return queryset

    def filter_cost(
        self, queryset: QuerySet[LearningOffer], name: str, value: str
    ) -> QuerySet[LearningOffer]:
        return queryset.filter(is_free=value == "free")

    def filter_online(
        self, queryset: QuerySet[LearningOffer], name: str, value: str
    ) -> QuerySet[LearningOffer]:
        return queryset.filter(is_online=value == "yes")

    def filter_date_from(
        self, queryset: QuerySet[LearningOffer], name: str, value: Any
    ) -> QuerySet[LearningOffer]:
        # Still running on or after the date (undated offers always are).
        return queryset.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=value))

    def filter_date_to(
        self, queryset: QuerySet[LearningOffer], name: str, value: Any
    ) -> QuerySet[LearningOffer]:
        return queryset.filter(Q(starts_on__isnull=True) | Q(starts_on__lte=value))
