"""The public search form: a query and the filters, read from the query string."""

from __future__ import annotations

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
    county = forms.ModelChoiceField(
        label=_("County"),
        queryset=County.objects.none(),
        required=False,
        empty_label=_("whole region"),
    )
    target_group = forms.ModelChoiceField(
        label=_("For whom"),
        queryset=TargetGroup.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("everyone"),
    )
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
        county = self.fields["county"]
        assert isinstance(county, forms.ModelChoiceField)
        county.queryset = County.objects.in_region()

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
        target_group = data.get("target_group")
        free, online = data.get("free"), data.get("online")
        return SearchFilters(
            kinds=tuple(data.get("kind") or ()),
            county_id=county.pk if county else None,
            target_group=target_group.code if target_group else "",
            is_free={"free": True, "paid": False}.get(free or ""),
            is_online={"online": True, "in_person": False}.get(online or ""),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
