"""Forms for programmes, their versions and the tree.

Plain forms, not model forms: every write goes through ``services``, and a model form would
change the instance in place while validating.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from skillshub.core.forms import narrow_choices
from skillshub.core.models import County, StrategyArea, TargetGroup
from skillshub.stakeholders.models import Institution

from .choices import ActionStatus, FundingSource, NodeKind, RollupRule
from .models import Node, Programme, ProgrammeVersion, StrategyDirection
from .services import NODE_FIELDS, NODE_M2M, PROGRAMME_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ParentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.get_kind_display()}: {obj.code} {obj.title}"


class ProgrammeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300)
    start_year = forms.IntegerField(label=_("From year"), min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label=_("To year"), min_value=2000, max_value=2100)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    rollup_rule = forms.ChoiceField(
        label=_("How progress rolls up"),
        choices=RollupRule.choices,
        initial=RollupRule.WEIGHTED,
        widget=forms.RadioSelect,
        help_text=_(
            "An action's progress is the mean of its indicators' and tasks' progress, an "
            "objective's the mean of its indicators' and actions'. Parts without data are left "
            "out. Weighted: each part counts by its weight."
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_year"), data.get("end_year")
        if start is not None and end is not None and end < start:
            self.add_error("end_year", _("The programme cannot end before it starts."))
        return data

    @staticmethod
    def initial_for(programme: Programme) -> dict[str, Any]:
        return {name: getattr(programme, name) for name in PROGRAMME_FIELDS}

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in PROGRAMME_FIELDS}


class NodeForm(forms.Form):
    """An objective, an action or a task of one version. The parent is chosen among the
    version's own nodes; the service checks the kind of parent each kind needs."""

    kind = forms.ChoiceField(label=_("Kind"), choices=NodeKind.choices)
    parent = ParentChoiceField(
        label=_("Belongs under"),
        queryset=Node.objects.none(),
        required=False,
        help_text=_(
            "An objective sits at the top; an action under an objective; a task under an action."
        ),
    )
    code = forms.CharField(label=_("Code"), max_length=20)
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=32767, initial=0)
    weight = forms.DecimalField(
        label=_("Weight in the roll-up"),
        min_value=0,
        max_digits=6,
        decimal_places=2,
        initial=1,
        help_text=_("Used when progress rolls up by weights."),
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("ZSU areas of impact"),
        queryset=StrategyArea.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    directions = forms.ModelMultipleChoiceField(
        label=_("Directions of action"),
        queryset=StrategyDirection.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # Actions and tasks.
    lead = forms.ModelChoiceField(
        label=_("Lead institution"), queryset=Institution.objects.none(), required=False
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Partners"), queryset=Institution.objects.none(), required=False
    )
    start_date = forms.DateField(label=_("Start"), required=False, widget=DATE)
    end_date = forms.DateField(label=_("End"), required=False, widget=DATE)
    funding_source = forms.ChoiceField(
        label=_("Funding source"),
        choices=[("", "—"), *FundingSource.choices],
        required=False,
    )
    budget_planned = forms.DecimalField(
        label=_("Planned budget (PLN)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
    )
    budget_spent = forms.DecimalField(
        label=_("Spent (PLN)"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Target groups"),
        queryset=TargetGroup.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    counties = forms.ModelMultipleChoiceField(
        label=_("Counties"),
        queryset=County.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", "—"), *ActionStatus.choices], required=False
    )

    ACTION_FIELDS = ("lead", "partners", "start_date", "end_date", "funding_source",
                     "budget_planned", "budget_spent", "target_groups", "counties",
                     "status")  # fmt: skip

    def __init__(
        self, *args: Any, version: ProgrammeVersion, node: Node | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        parents = version.nodes.filter(kind__in=[NodeKind.OBJECTIVE, NodeKind.ACTION])
        if node is not None:
            parents = parents.exclude(pk=node.pk)
        # By code, so each action follows its objective.
        narrow_choices(self, "parent", parents.order_by("code", "id"))
        narrow_choices(self, "areas", StrategyArea.objects.filter(part="detailed"))
        narrow_choices(
            self,
            "directions",
            StrategyDirection.objects.filter(theme__edition__is_current=True).order_by(
                "theme__area__number", "theme__order", "order", "code"
            ),
        )
        institutions = Institution.objects.active().order_by("name")
        narrow_choices(self, "lead", institutions)
        narrow_choices(self, "partners", institutions)
        narrow_choices(self, "target_groups", TargetGroup.objects.all())
        narrow_choices(self, "counties", County.objects.in_region())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("An action cannot end before it starts."))
        return data

    @staticmethod
    def initial_for(node: Node) -> dict[str, Any]:
        initial: dict[str, Any] = {name: getattr(node, name) for name in NODE_FIELDS}
        for name in NODE_M2M:
            initial[name] = list(getattr(node, name).all())
        return initial

    def service_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in NODE_FIELDS}
        if data["kind"] == NodeKind.OBJECTIVE:
            # The fields for actions mean nothing on an objective.
            for name in self.ACTION_FIELDS:
                if name in data:
                    data[name] = "" if name in ("funding_source", "status") else None
        return data

    def m2m(self) -> dict[str, Any]:
        values = {name: self.cleaned_data[name] for name in NODE_M2M}
        if self.cleaned_data["kind"] == NodeKind.OBJECTIVE:
            for name in ("partners", "target_groups", "counties"):
                values[name] = []
        return values

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name not in self.ACTION_FIELDS]

    def action_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.ACTION_FIELDS]


class VersionStatusForm(forms.Form):
    """Send a version to consultation, back to draft, or adopt it with the board's
    resolution."""

    status = forms.ChoiceField(choices=[("consulted", "consulted"), ("draft", "draft"),
                                        ("adopted", "adopted")],
                               widget=forms.HiddenInput)  # fmt: skip
    adopted_by = forms.CharField(
        label=_("Resolution of the regional board (number)"), max_length=200, required=False
    )
    adopted_on = forms.DateField(label=_("Date of the resolution"), required=False, widget=DATE)


class ReviseForm(forms.Form):
    note = forms.CharField(
        label=_("What the revision is for"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
