"""Forms of the monitoring rounds. The report form is built from the report's rows; numbers are
read as text and checked by ``report_save``, so the page and any other caller get the same
clear message for "pięć"."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import ActionStatus
from .models import ActionReport, InstitutionReport, ValueReport
from .services_monitoring import action_field, value_field


class RoundForm(forms.Form):
    year = forms.IntegerField(label=_("Year reported on"), min_value=2000, max_value=2100)
    deadline = forms.DateField(
        label=_("Reports due"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["year"].initial = today.year - 1
        self.fields["deadline"].initial = today + datetime.timedelta(days=30)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept the report")), ("return", _("Return it for corrections"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comments for the institution"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when the report is returned."),
    )


@dataclass
class ActionRow:
    row: ActionReport
    status: forms.BoundField
    spent: forms.BoundField
    comment: forms.BoundField


@dataclass
class ValueRow:
    row: ValueReport
    value: forms.BoundField
    note: forms.BoundField


class ReportForm(forms.Form):
    """One field per action's status, spending and comment, and per reported value."""

    def __init__(
        self,
        *args: Any,
        report: InstitutionReport,
        action_rows: list[ActionReport],
        value_rows: list[ValueReport],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.report = report
        self.action_rows = action_rows
        self.value_rows = value_rows
        statuses = [("", "—"), *ActionStatus.choices]
        for a in action_rows:
            code = a.node.code
            self.fields[action_field(a.node_id, "status")] = forms.ChoiceField(
                label=_("Status of %(code)s") % {"code": code},
                choices=statuses,
                required=False,
                initial=a.status,
            )
            self.fields[action_field(a.node_id, "spent")] = forms.CharField(
                label=_("Spent so far of %(code)s (PLN)") % {"code": code},
                required=False,
                initial="" if a.spent is None else str(a.spent),
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 12}),
            )
            self.fields[action_field(a.node_id, "comment")] = forms.CharField(
                label=_("Comment on %(code)s") % {"code": code},
                required=False,
                initial=a.comment,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        for v in value_rows:
            where = v.county.name if v.county_id and v.county else _("the region")
            name = f"{v.indicator.code} ({where})"
            self.fields[value_field(v.pk, "value")] = forms.CharField(
                label=_("Value of %(name)s in %(unit)s") % {"name": name, "unit": v.indicator.unit},
                required=False,
                initial="" if v.value is None else str(v.value.normalize()),
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 10}),
            )
            self.fields[value_field(v.pk, "note")] = forms.CharField(
                label=_("Source of %(name)s") % {"name": name},
                required=False,
                max_length=300,
                initial=v.note,
            )

    def rows(self) -> tuple[list[ActionRow], list[ValueRow]]:
        actions = [
            ActionRow(
                a,
                self[action_field(a.node_id, "status")],
                self[action_field(a.node_id, "spent")],
                self[action_field(a.node_id, "comment")],
            )
            for a in self.action_rows
        ]
        values = [
            ValueRow(v, self[value_field(v.pk, "value")], self[value_field(v.pk, "note")])
            for v in self.value_rows
        ]
        return actions, values

    def service_data(self) -> tuple[dict[int, dict[str, Any]], dict[int, dict[str, Any]]]:
        data = self.cleaned_data
        actions = {
            a.node_id: {
                name: data.get(action_field(a.node_id, name), "")
                for name in ("status", "spent", "comment")
            }
            for a in self.action_rows
        }
        values = {
            v.pk: {name: data.get(value_field(v.pk, name), "") for name in ("value", "note")}
            for v in self.value_rows
        }
        return actions, values
