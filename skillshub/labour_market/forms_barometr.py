"""Forms of Barometr zawodów: a new round, a panel's ratings, the CSV import and a panel's
members."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import BarometrLevel
from .models import BarometrGroup, BarometrPanel
from .services_barometr import (
    MAX_BYTES,
    GroupListError,
    GroupSpec,
    decode_text,
    groups_parse,
)

LEVEL_CHOICES = [
    *[(str(v), label) for v, label in BarometrLevel.choices if v != BarometrLevel.NO_RATING],
    (str(BarometrLevel.NO_RATING.value), BarometrLevel.NO_RATING.label),
]


class RoundForm(forms.Form):
    year = forms.IntegerField(label=_("Forecast year"), min_value=2000, max_value=2100)
    groups_text = forms.CharField(
        label=_("Occupation groups"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "One group a line: the group's name, a semicolon, then its 6-digit KZiS occupation "
            "codes separated by commas, e.g. “Spawacze;722204,722206”."
        ),
    )
    groups_file = forms.FileField(
        label=_("…or a CSV file with the same lines"),
        required=False,
        help_text=_("UTF-8 or Windows-1250; the file is used when both are given."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year + 1
        self.groups: list[GroupSpec] = []

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload = cleaned.get("groups_file")
        field = "groups_file" if upload else "groups_text"
        if upload:
            data = upload.read(MAX_BYTES + 1)
            try:
                text, _encoding = decode_text(data)
            except UnicodeDecodeError:
                self.add_error(field, _("The file is neither UTF-8 nor Windows-1250."))
                return cleaned
        else:
            text = cleaned.get("groups_text") or ""
        try:
            self.groups = groups_parse(text)
        except GroupListError as exc:
            self.add_error(field, exc)
        return cleaned


class RatingForm(forms.Form):
    """One select per group of the round, all saved at once."""

    def __init__(
        self,
        *args: Any,
        groups: list[BarometrGroup],
        current: dict[int, int],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.groups = groups
        for group in groups:
            self.fields[f"g{group.pk}"] = forms.TypedChoiceField(
                label=group.name,
                choices=[("", _("— not rated yet —")), *LEVEL_CHOICES],
                coerce=int,
                required=False,
                empty_value=None,
                initial=str(current[group.pk]) if group.pk in current else "",
            )

    def ratings(self) -> dict[int, int]:
        """The groups given a level (or "no rating"); untouched selects are left out."""
        return {
            group.pk: self.cleaned_data[f"g{group.pk}"]
            for group in self.groups
            if self.cleaned_data.get(f"g{group.pk}") is not None
        }


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_(
            "Columns: panel (the panel's name or a county TERYT code), grupa (the group's name), "
            "ocena (0–5, or a code or label of the scale). At most 5 MB."
        ),
    )


class PanelMembersForm(forms.Form):
    panel = forms.ModelChoiceField(
        label=_("Panel"), queryset=BarometrPanel.objects.order_by("name"), widget=forms.HiddenInput
    )
    members = forms.ModelMultipleChoiceField(
        label=_("Members"),
        required=False,
        queryset=get_user_model().objects.filter(is_active=True).order_by("last_name", "username"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Members rate for the panel through their own login."),
    )
