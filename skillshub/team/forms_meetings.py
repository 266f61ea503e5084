"""Forms of the sitting page: the sitting itself, agenda items, attendance, resolutions, votes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from skillshub.core.forms import narrow_choices
from skillshub.matters.models import Matter
from skillshub.programme.choices import VersionStatus
from skillshub.programme.models import Node

from .choices import AttendanceKind, ResolutionKind, VoteChoice
from .models import AgendaItem, Document, Meeting, Membership

# What an <input type="datetime-local"> sends and expects.
LOCAL = "%Y-%m-%dT%H:%M"


class MeetingForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Meeting
        fields = ["number", "title", "starts_at", "ends_at", "place", "online_url"]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL),
        }
        help_texts = {"number": _("Leave empty to take the team's next number.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["number"].required = False
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("place") and not data.get("online_url"):
            raise forms.ValidationError(_("Give the place, the online link, or both."))
        return data

    def _post_clean(self) -> None:
        # The service validates the model (number unique per team, dates) with the team set.
        pass


class AgendaItemForm(forms.ModelForm):
    matter = forms.ModelChoiceField(
        label=_("Matter"),
        queryset=Matter.objects.none(),
        required=False,
        help_text=_(
            "A matter whose proposal is ready; it moves onto this sitting's agenda. Leave the "
            "title empty to use the matter's."
        ),
    )
    documents = forms.ModelMultipleChoiceField(
        label=_("Documents"),
        queryset=Document.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = AgendaItem
        fields = [
            "kind", "title", "description", "presenter", "programme_node", "matter", "documents",
        ]  # fmt: skip
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        # The adopted programme's objectives and actions (a report on progress, a discussion).
        narrow_choices(
            self,
            "programme_node",
            Node.objects.filter(
                version__status=VersionStatus.ADOPTED, kind__in=["objective", "action"]
            )
            .select_related("version__programme")
            .order_by("version__programme__name", "code"),
        )
        if self.instance.pk:
            # A matter is placed with a new item; an existing item keeps its matter.
            del self.fields["matter"]
        else:
            narrow_choices(self, "matter", Matter.objects.ready_for_agenda().order_by("title"))
        # The sitting's own documents and the team's general ones (not other sittings').
        narrow_choices(
            self,
            "documents",
            Document.objects.filter(team_id=meeting.team_id)
            .filter(Q(meeting=meeting) | Q(meeting__isnull=True))
            .order_by("-created_at"),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("title") and not data.get("matter"):
            self.add_error("title", _("Give the item a title, or choose a matter."))
        return data

    def _post_clean(self) -> None:
        pass


class MembershipChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return _membership_label(obj)


class AttendanceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Present as"), choices=AttendanceKind.choices)
    membership = MembershipChoiceField(
        label=_("Member or deputy"), queryset=Membership.objects.none(), required=False
    )
    guest_name = forms.CharField(label=_("Guest's name"), max_length=200, required=False)
    guest_institution = forms.CharField(
        label=_("Guest's institution"), max_length=200, required=False
    )

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        narrow_choices(self, "membership", candidates)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        membership = data.get("membership")
        if kind in (AttendanceKind.MEMBER, AttendanceKind.DEPUTY) and membership is None:
            self.add_error("membership", _("Choose the member or deputy."))
        if kind == AttendanceKind.GUEST and not data.get("guest_name", "").strip():
            self.add_error("guest_name", _("Give the guest's name."))
        return data


def _membership_label(membership: Membership) -> str:
    if membership.deputy_of_id and membership.deputy_of:
        return str(
            _("%(person)s — deputy of %(member)s (%(institution)s)")
            % {
                "person": membership.person,
                "member": membership.deputy_of.person,
                "institution": membership.institution,
            }
        )
    return f"{membership.person} ({membership.institution})"


class ResolutionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ResolutionKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 5}))
    addressee = forms.CharField(
        label=_("Addressee"),
        max_length=200,
        required=False,
        help_text=_("For a position, opinion or recommendation, e.g. the regional board."),
    )
    agenda_item = forms.ModelChoiceField(
        label=_("Agenda item"), queryset=AgendaItem.objects.none(), required=False
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        narrow_choices(
            self,
            "agenda_item",
            AgendaItem.objects.filter(meeting=meeting, resolution__isnull=True),
        )


class VoteForm(forms.Form):
    votes_for = forms.IntegerField(label=_("For"), min_value=0, initial=0)
    votes_against = forms.IntegerField(label=_("Against"), min_value=0, initial=0)
    votes_abstain = forms.IntegerField(label=_("Abstaining"), min_value=0, initial=0)

    def __init__(
        self,
        *args: Any,
        voters: list[Membership] | None = None,
        decides_matter: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.voters = voters or []
        if decides_matter:
            self.fields["amended"] = forms.BooleanField(
                label=_("The WZK adopted the proposal with amendments"), required=False
            )
        for membership in self.voters:
            self.fields[f"named_{membership.pk}"] = forms.ChoiceField(
                label=str(membership.person),
                choices=[("", _("not recorded")), *VoteChoice.choices],
                required=False,
            )

    def named_votes(self) -> dict[Membership, str]:
        return {
            m: self.cleaned_data[f"named_{m.pk}"]
            for m in self.voters
            if self.cleaned_data.get(f"named_{m.pk}")
        }
