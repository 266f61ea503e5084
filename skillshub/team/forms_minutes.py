"""Forms of the minutes: the edit form (one textarea per agenda item), the consultation's
deadline, comments and the approval."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import AgendaItem, Meeting, MinutesComment


class SittingChoiceField(forms.ModelChoiceField):
    """Sittings named as "IV posiedzenie (12.03.2026)"."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.label} ({timezone.localtime(obj.starts_at):%d.%m.%Y})"


def summary_field(item: AgendaItem) -> str:
    return f"summary_{item.pk}"


class MinutesForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    opening = forms.CharField(
        label=_("Opening"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, items: Iterable[AgendaItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[summary_field(item)] = forms.CharField(
                label=_("Item %(order)s: %(title)s") % {"order": item.order, "title": item.title},
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                initial=item.summary,
            )
        self.fields["closing"] = forms.CharField(
            label=_("Closing"), required=False, widget=forms.Textarea(attrs={"rows": 3})
        )
        self.fields["recorded_by"] = forms.CharField(
            label=_("Minutes taken by"), max_length=200, required=False
        )

    def data_and_summaries(self) -> tuple[dict[str, Any], dict[int, str]]:
        data = {name: self.cleaned_data[name] for name in ("opening", "closing", "recorded_by")}
        summaries = {item.pk: self.cleaned_data[summary_field(item)] for item in self.items}
        return data, summaries


class ConsultationForm(forms.Form):
    deadline = forms.DateTimeField(
        label=_("Comments until"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}))
    agenda_item = forms.ModelChoiceField(
        label=_("About item"),
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label=_("the minutes as a whole"),
    )
    reply_to = forms.ModelChoiceField(
        queryset=MinutesComment.objects.none(), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, meeting: Meeting, minutes_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        item_field = self.fields["agenda_item"]
        assert isinstance(item_field, forms.ModelChoiceField)
        item_field.queryset = AgendaItem.objects.filter(meeting=meeting)
        reply_field = self.fields["reply_to"]
        assert isinstance(reply_field, forms.ModelChoiceField)
        reply_field.queryset = MinutesComment.objects.filter(minutes_id=minutes_id)


class ApproveForm(forms.Form):
    at_meeting = SittingChoiceField(label=_("Approved at sitting"), queryset=Meeting.objects.none())

    def __init__(self, *args: Any, later: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["at_meeting"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = later
