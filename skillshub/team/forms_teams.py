"""Forms of the team pages (the team, its terms, working groups) and of the resolutions
register (filters, sending a position to its addressee, recording the answer)."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from skillshub.core.filetypes import validate_upload
from skillshub.core.forms import narrow_choices
from skillshub.stakeholders.models import ContactPerson, Institution, Pillar

from .choices import MemberRole, QuorumRule, ResolutionKind, ResolutionOutcome
from .models import Membership, Team


# Browsers want ISO dates in <input type="date">, whatever the page's language.
def date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def parse_day(value: str | None) -> datetime.date | None:
    """``2026-03-01`` → a date; anything else → ``None``."""
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


# --- The team ---------------------------------------------------------------------------------


class TeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = [
            "name", "short_name", "description", "pillars", "quorum_rule", "quorum_fixed",
            "voting_rule",
        ]  # fmt: skip
        widgets = {
            "pillars": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        narrow_choices(self, "pillars", Pillar.objects.all())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        rule = cleaned.get("quorum_rule")
        if rule == QuorumRule.FIXED and not cleaned.get("quorum_fixed"):
            self.add_error("quorum_fixed", _("Give the number of members the fixed rule needs."))
        elif rule and rule != QuorumRule.FIXED:
            # The number only means something under the fixed rule; do not keep a stale one.
            cleaned["quorum_fixed"] = None
        return cleaned

    def _post_clean(self) -> None:
        # The service validates the model (with the parent set) inside its transaction.
        pass


# --- Terms ------------------------------------------------------------------------------------


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj} — {obj.institution}"


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.person} ({obj.institution})"


class MembershipForm(forms.ModelForm):
    person = PersonChoiceField(label=_("Person"), queryset=ContactPerson.objects.none())
    deputy_of = MemberChoiceField(
        label=_("Deputy of"),
        queryset=Membership.objects.none(),
        required=False,
        help_text=_("Only for a deputy: the member they stand in for."),
    )

    class Meta:
        model = Membership
        fields = [
            "person", "institution", "pillar", "role", "deputy_of", "appointed_by",
            "start_date", "end_date",
        ]  # fmt: skip
        widgets = {
            "start_date": date_input(),
            "end_date": date_input(),
        }
        help_texts = {
            "institution": _("Leave empty for the person's own institution."),
            "end_date": _("To end a term, set the day it ends."),
        }

    def __init__(self, *args: Any, team: Team, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.team = team
        people = ContactPerson.objects.filter(
            Q(anonymised_at__isnull=True) | Q(pk=self.instance.person_id or 0)
        )
        narrow_choices(self, "person", people.select_related("institution"))
        narrow_choices(self, "institution", Institution.objects.all())
        self.fields["institution"].required = False
        narrow_choices(self, "pillar", Pillar.objects.all())
        principals = (
            Membership.objects.filter(team=team)
            .voting()
            .exclude(pk=self.instance.pk or 0)
            .select_related("person", "institution")
        )
        narrow_choices(self, "deputy_of", principals)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        person = cleaned.get("person")
        if person is not None and not cleaned.get("institution"):
            cleaned["institution"] = person.institution
        if cleaned.get("role") == MemberRole.DEPUTY:
            if not cleaned.get("deputy_of") and "deputy_of" not in self.errors:
                self.add_error("deputy_of", _("Choose the member this deputy stands in for."))
        else:
            cleaned["deputy_of"] = None
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("A term cannot end before it starts."))
        return cleaned

    def _post_clean(self) -> None:
        # The service validates the membership (constraints, one chair at a time).
        pass


# --- Resolutions ------------------------------------------------------------------------------


AWAITING = "awaiting"
OVERDUE = "overdue"


class ResolutionFilterForm(forms.Form):
    """The register's filters. ``outcome`` is offered only to those who see more than the
    adopted resolutions (staff and members); for others it is removed."""

    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.none(), required=False, empty_label=_("all")
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("all")), *ResolutionKind.choices]
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), required=False, choices=[("", _("all")), *ResolutionOutcome.choices]
    )
    answer = forms.ChoiceField(
        label=_("Answer from the addressee"),
        required=False,
        choices=[("", _("all")), (AWAITING, _("awaiting an answer")), (OVERDUE, _("overdue"))],
    )

    def __init__(self, *args: Any, years: list[int], with_outcome: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year = self.fields["year"]
        assert isinstance(year, forms.TypedChoiceField)
        year.choices = [("", _("all")), *((y, str(y)) for y in years)]
        narrow_choices(self, "team", Team.objects.order_by("parent_id", "name"))
        if not with_outcome:
            del self.fields["outcome"]

    def apply(self, queryset: Any) -> Any:
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data.get("year"):
            queryset = queryset.filter(year=data["year"])
        if data.get("team"):
            queryset = queryset.filter(team=data["team"])
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        if data.get("outcome"):
            queryset = queryset.filter(outcome=data["outcome"])
        if data.get("answer") == AWAITING:
            queryset = queryset.awaiting_answer()
        elif data.get("answer") == OVERDUE:
            queryset = queryset.awaiting_answer().filter(answer_due__lt=timezone.localdate())
        return queryset


class ResolutionSentForm(forms.Form):
    sent_on = forms.DateField(label=_("Sent on"), widget=date_input())
    answer_due = forms.DateField(label=_("Answer expected by"), required=False, widget=date_input())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        sent, due = cleaned.get("sent_on"), cleaned.get("answer_due")
        if sent and due and due < sent:
            self.add_error("answer_due", _("The answer cannot be due before the sending."))
        return cleaned


class ResolutionAnswerForm(forms.Form):
    received_on = forms.DateField(label=_("Answer received on"), widget=date_input())
    text = forms.CharField(
        label=_("Answer"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    file = forms.FileField(
        label=_("Answer (file)"),
        required=False,
        help_text=_("A PDF, DOCX, ODT or scan, if the answer came as a file."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload:
            # The type is read from the content (shared with the team's documents).
            validate_upload(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        empty = not (cleaned.get("text") or "").strip() and not cleaned.get("file")
        if empty and "file" not in self.errors:
            raise forms.ValidationError(_("Give the answer's text or attach its file."))
        return cleaned
