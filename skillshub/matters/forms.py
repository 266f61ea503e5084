"""Forms for one matter: raising and editing it, the proposal, comments, moves, forwarding.

Plain forms, not model forms: every write goes through ``services``, and a model form would
change the instance in place while validating.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from skillshub.core.filetypes import validate_upload
from skillshub.core.forms import narrow_choices
from skillshub.core.models import County, StrategyArea
from skillshub.stakeholders.models import Institution

from .choices import AddresseeKind, MatterState, Urgency
from .models import Matter, Proposal
from .services import ATTACHMENT_MAX_BYTES, MAX_ATTACHMENTS

MAX_OPTIONS = 4
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input (Django's documented recipe); cleans to a list."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        result = single(data, initial)
        return [result] if result else []


class MatterForm(forms.Form):
    """Raise a matter (``creating``) or edit one. Staff see the fields the office keeps."""

    title = forms.CharField(label=_("Title"), max_length=300)
    # The length limit is the service's: its message tells what to do with a long text.
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Up to 10,000 characters; attach a document for the details."),
    )
    on_behalf_of = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Institution.objects.none(), required=False
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("ZSU areas of impact"),
        queryset=StrategyArea.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    counties = forms.ModelMultipleChoiceField(
        label=_("Counties concerned"),
        queryset=County.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial=Urgency.NORMAL)
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("PDF, DOCX, ODT, XLSX, ODS or images; up to 10 files of 20 MB each."),
    )
    confidential = forms.BooleanField(
        label=_("Confidential: only I and the office see it"), required=False
    )
    # Staff only.
    raised_orally = forms.BooleanField(label=_("Raised orally at a sitting"), required=False)
    raised_by_name = forms.CharField(
        label=_("Raised by (name)"),
        max_length=200,
        required=False,
        help_text=_("For a matter raised orally: who raised it."),
    )
    proposal_due = forms.DateField(label=_("Proposal due"), required=False, widget=DATE)
    is_public = forms.BooleanField(label=_("Public once decided"), required=False)
    # Hidden: the double-submit key (new matters) and the version (edits).
    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)

    STAFF_FIELDS = ("raised_orally", "raised_by_name", "proposal_due", "is_public")

    def __init__(self, *args: Any, staff: bool, creating: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.staff = staff
        narrow_choices(self, "on_behalf_of", Institution.objects.active().order_by("name"))
        narrow_choices(self, "areas", StrategyArea.objects.filter(part="detailed"))
        narrow_choices(self, "counties", County.objects.in_region())
        if not staff:
            for name in self.STAFF_FIELDS:
                del self.fields[name]
        if creating:
            del self.fields["version"]
        else:
            del self.fields["submission_key"]
            del self.fields["attachments"]

    def clean_attachments(self) -> list[Any]:
        files: list[Any] = self.cleaned_data.get("attachments") or []
        if len(files) > MAX_ATTACHMENTS:
            raise ValidationError(
                _("A matter can have at most %(n)s attachments.") % {"n": MAX_ATTACHMENTS}
            )
        errors: list[str] = []
        for file in files:
            try:
                validate_upload(file, max_bytes=ATTACHMENT_MAX_BYTES)
            except ValidationError as exc:
                errors.extend(f"{file.name}: {message}" for message in exc.messages)
        if errors:
            raise ValidationError(errors)
        return files

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("raised_orally") and not cleaned.get("raised_by_name", "").strip():
            self.add_error("raised_by_name", _("Say who raised the matter at the sitting."))
        return cleaned

    def service_data(self) -> dict[str, Any]:
        """What ``matter_create``/``matter_update`` take as ``data``."""
        skip = {"areas", "counties", "attachments", "submission_key", "version"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}

    @staticmethod
    def initial_for(matter: Matter) -> dict[str, Any]:
        return {
            "title": matter.title,
            "description": matter.description,
            "on_behalf_of": matter.on_behalf_of_id,
            "areas": [a.pk for a in matter.areas.all()],
            "counties": [c.pk for c in matter.counties.all()],
            "urgency": matter.urgency,
            "confidential": matter.confidential,
            "raised_orally": matter.raised_orally,
            "raised_by_name": matter.raised_by_name,
            "proposal_due": matter.proposal_due,
            "is_public": matter.is_public,
            "version": matter.version,
        }


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Add a file"))


class ProposalForm(forms.Form):
    """A new version of the proposed solution: the text, up to four options, the
    recommended one."""

    text = forms.CharField(label=_("Proposed solution"), widget=forms.Textarea(attrs={"rows": 8}))
    recommended = forms.TypedChoiceField(
        label=_("Recommended option"),
        choices=[("", _("None"))] + [(str(i), str(i)) for i in range(1, MAX_OPTIONS + 1)],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(1, MAX_OPTIONS + 1):
            self.fields[f"option_{i}_title"] = forms.CharField(
                label=_("Option %(n)s: title") % {"n": i}, max_length=200, required=False
            )
            self.fields[f"option_{i}_text"] = forms.CharField(
                label=_("Option %(n)s: text") % {"n": i},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        # The radio after the options it refers to.
        self.order_fields(["text", *[f for f in self.fields if f.startswith("option_")]])

    def option_rows(self) -> list[tuple[int, forms.BoundField, forms.BoundField]]:
        return [
            (i, self[f"option_{i}_title"], self[f"option_{i}_text"])
            for i in range(1, MAX_OPTIONS + 1)
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        options: list[dict[str, str]] = []
        index_of: dict[int, int] = {}
        for i in range(1, MAX_OPTIONS + 1):
            title = (cleaned.get(f"option_{i}_title") or "").strip()
            text = (cleaned.get(f"option_{i}_text") or "").strip()
            if title or text:
                index_of[i] = len(options)
                options.append({"title": title, "text": text})
        recommended = cleaned.get("recommended")
        if recommended is not None and recommended not in index_of:
            self.add_error("recommended", _("Recommend one of the options you have filled in."))
        cleaned["options"] = options
        cleaned["recommended_index"] = index_of.get(recommended) if recommended else None
        return cleaned

    @staticmethod
    def initial_for(proposal: Proposal | None) -> dict[str, Any]:
        """A new version starts from the last one."""
        if proposal is None:
            return {}
        initial: dict[str, Any] = {"text": proposal.text}
        for i, option in enumerate(proposal.options[:MAX_OPTIONS], start=1):
            initial[f"option_{i}_title"] = option.get("title", "")
            initial[f"option_{i}_text"] = option.get("text", "")
        if proposal.recommended is not None:
            initial["recommended"] = str(proposal.recommended + 1)
        return initial


class ConsultationForm(forms.Form):
    deadline = forms.DateTimeField(
        label=_("Comments until"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    reply_to = forms.IntegerField(widget=forms.HiddenInput, required=False)


class MoveForm(forms.Form):
    target = forms.ChoiceField(choices=MatterState.choices)
    expected_state = forms.ChoiceField(choices=MatterState.choices)
    note = forms.CharField(required=False, max_length=5000)


class ForwardForm(forms.Form):
    addressee_kind = forms.ChoiceField(label=_("Forwarded to"), choices=AddresseeKind.choices)
    addressee = forms.CharField(label=_("Addressee"), max_length=200)
    forwarded_on = forms.DateField(label=_("Forwarded on"), widget=DATE)
    answer_due = forms.DateField(label=_("Answer expected by"), required=False, widget=DATE)
    letter = forms.FileField(label=_("Letter"), required=False)
    expected_state = forms.CharField(widget=forms.HiddenInput)


class AnswerForm(forms.Form):
    received_on = forms.DateField(label=_("Answer received on"), widget=DATE)
    text = forms.CharField(
        label=_("Answer"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    file = forms.FileField(label=_("Answer (file)"), required=False)
    expected_state = forms.CharField(widget=forms.HiddenInput)
