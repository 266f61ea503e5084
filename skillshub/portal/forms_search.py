"""The public search form: a query and the filters, read from the query string."""

from __future__ import annotations

import time
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from skillshub.core.models import County, TargetGroup
from skillshub.core.search import SearchFilters

KIND_CHOICES = [
    ("offer", _("Learning offers")),
    ("service", _("Guidance services")),
    ("event", _("Events")),
    ("news", _("News")),
    ("institution", _("Institutions")),
    ("page", _("Pages")),
]
KIND_LABELS = {
    "offer": _("Learning offer"),
    "service": _("Guidance service"),
    "event": _("Event"),
    "news": _("News"),
    "institution": _("Institution"),
    "page": _("Page"),
}
ANY = ""
FREE_CHOICES = [(ANY, _("free or paid")), ("free", _("free")), ("paid", _("paid"))]
ONLINE_CHOICES = [
    (ANY, _("online or in person")),
    ("online", _("online")),
    ("in_person", _("in person")),
]


_CHOICES_TTL = 300.0
_choices_cache: dict[str, Any] = {}


def _reference_choices(
    *, refresh: bool = False
) -> tuple[list[tuple[int, str]], list[tuple[str, str]]]:
    """The counties and target groups to filter by: reference data that changes at deploy,
    kept in the process for five minutes instead of two queries on every search. A value not
    among the kept choices refreshes them (``refresh``) before it is called invalid."""
    now = time.monotonic()
    cached = _choices_cache.get("value")
    if refresh or cached is None or now - _choices_cache["at"] > _CHOICES_TTL:
        cached = (
            [(c.pk, str(c)) for c in County.objects.in_region()],
            [(g.code, str(g)) for g in TargetGroup.objects.all()],
        )
        _choices_cache.update(value=cached, at=now)
    return cached


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search for"),
        required=False,
        # Longer queries are cut by the engine with a note; the form never refuses them.
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "enterkeyhint": "search"}
        ),
    )
    kind = forms.MultipleChoiceField(
        label=_("What"), choices=KIND_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    county = forms.TypedChoiceField(label=_("County"), coerce=int, required=False, empty_value=None)
    target_group = forms.ChoiceField(label=_("For whom"), required=False)
    free = forms.ChoiceField(label=_("Cost"), choices=FREE_CHOICES, required=False)
    online = forms.ChoiceField(label=_("Where"), choices=ONLINE_CHOICES, required=False)
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        counties, groups = _reference_choices()
        county, group = self.data.get("county"), self.data.get("target_group")
        if (county and county not in {str(pk) for pk, _n in counties}) or (
            group and group not in {code for code, _n in groups}
        ):
            counties, groups = _reference_choices(refresh=True)
        self.fields["county"].choices = [("", _("whole region")), *counties]  # type: ignore[attr-defined]
        self.fields["target_group"].choices = [("", _("everyone")), *groups]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_to < date_from:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned

    def query(self) -> str:
        """The query typed, even when a filter is invalid (call after ``is_valid``)."""
        return str(self.cleaned_data.get("q") or "")

    def filters(self) -> SearchFilters:
        """The valid filters only: an invalid one is reported on the form and ignored here."""
        data = self.cleaned_data
        county = data.get("county")
        target_group = data.get("target_group") or ""
        free, online = data.get("free"), data.get("online")
        return SearchFilters(
            kinds=tuple(data.get("kind") or ()),
            county_id=county or None,
            target_group=target_group,
            is_free={"free": True, "paid": False}.get(free or ""),
            is_online={"online": True, "in_person": False}.get(online or ""),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
