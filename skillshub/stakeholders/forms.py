from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from skillshub.core.forms import narrow_choices
from skillshub.core.models import Commune, County, StrategyArea, TargetGroup

from .choices import LegalBasis
from .models import ConsentRecord, ContactPerson, Institution, Interaction, JoinApplication
from .validators import clean_digits


class IdentifierCleaningMixin:
    """People type NIPs as 123-456-32-18; store digits only, then let the validators speak."""

    cleaned_data: dict[str, Any]

    def clean_nip(self) -> str:
        return clean_digits(self.cleaned_data.get("nip", "")) or self.cleaned_data.get("nip", "")

    def clean_regon(self) -> str:
        return clean_digits(self.cleaned_data.get("regon", "")) or self.cleaned_data.get(
            "regon", ""
        )

    def clean_krs(self) -> str:
        return clean_digits(self.cleaned_data.get("krs", "")) or self.cleaned_data.get("krs", "")


def _loosen_identifier_fields(form: forms.ModelForm[Any]) -> None:
    # Allow "123-456-32-18" in the input; the digits are checked after cleaning.
    for name, length in (("nip", 13), ("regon", 17), ("krs", 12)):
        if name in form.fields:
            form.fields[name].max_length = length  # type: ignore[attr-defined]
            form.fields[name].widget.attrs["maxlength"] = length
            form.fields[name].validators = []


class InstitutionForm(IdentifierCleaningMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Institution
        fields = [
            "name", "short_name", "kind", "pillar", "nip", "regon", "krs", "street",
            "postal_code", "city", "county", "commune", "website", "email", "phone", "areas",
            "target_groups", "description", "listed_publicly",
        ]  # fmt: skip
        widgets = {
            "areas": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _loosen_identifier_fields(self)
        narrow_choices(self, "county", County.objects.in_region())
        # Communes of the chosen county only; choosing another county refreshes the list.
        county_id = self.data.get("county") if self.is_bound else self.instance.county_id
        communes = Commune.objects.filter(county__in=County.objects.in_region())
        if county_id and str(county_id).isdigit():
            communes = communes.filter(county_id=county_id)
        narrow_choices(self, "commune", communes.select_related("county"))
        self.fields["county"].widget.attrs.update(
            {
                "hx-get": reverse("stakeholders:commune_options"),
                "hx-target": "#id_commune",
                "hx-trigger": "change",
            }
        )
        narrow_choices(self, "areas", StrategyArea.objects.filter(part="detailed"))
        narrow_choices(self, "target_groups", TargetGroup.objects.all())
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        county, commune = cleaned.get("county"), cleaned.get("commune")
        if county and commune and commune.county_id != county.pk:
            self.add_error("commune", _("This commune lies in another county."))
        # The model checks NIP/REGON uniqueness as a conditional constraint, which Django
        # reports form-wide; say it on the field the person has to correct instead.
        for field, message in (
            ("nip", _("An institution with this NIP already exists.")),
            ("regon", _("An institution with this REGON already exists.")),
        ):
            value = cleaned.get(field)
            if value and field not in self.errors:
                others = Institution.objects.filter(**{field: value}).exclude(pk=self.instance.pk)
                if others.exists():
                    self.add_error(field, message)
        return cleaned


class ContactForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ContactPerson
        fields = ["first_name", "last_name", "position", "email", "phone"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version


class ConsentForm(forms.ModelForm):
    class Meta:
        model = ConsentRecord
        fields = ["basis", "scope", "given_at", "source"]
        widgets = {"given_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["basis"].initial = LegalBasis.CONSENT


class JoinForm(IdentifierCleaningMixin, forms.ModelForm):
    """The public application. ``homepage`` is a honeypot: people never see or fill it."""

    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    homepage = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    privacy = forms.BooleanField(
        label=_("I have read the information on personal data processing"),
        error_messages={"required": _("Please confirm that you have read the privacy notice.")},
    )

    class Meta:
        model = JoinApplication
        fields = [
            "institution_name", "kind", "nip", "regon", "krs", "county", "city", "street",
            "postal_code", "website", "areas", "contact_first_name", "contact_last_name",
            "contact_position", "contact_email", "contact_phone", "message", "consent_contact",
            "consent_listing",
        ]  # fmt: skip
        widgets = {
            "areas": forms.CheckboxSelectMultiple,
            "message": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _loosen_identifier_fields(self)
        narrow_choices(self, "county", County.objects.in_region())
        narrow_choices(self, "areas", StrategyArea.objects.filter(part="detailed"))
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["contact_first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["contact_last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["contact_phone"].widget.attrs["autocomplete"] = "tel"

    def is_spam(self) -> bool:
        return bool(self.data.get("homepage"))


class DecisionForm(forms.Form):
    DECISIONS = [
        ("accept", _("Accept")),
        ("request_info", _("Ask for more information")),
        ("reject", _("Reject")),
    ]
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    link_to = forms.ModelChoiceField(
        label=_("Link to a known institution instead of creating a new one"),
        queryset=Institution.objects.none(),
        required=False,
    )
    note = forms.CharField(
        label=_("Message to the applicant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when asking for information or rejecting."),
    )

    def __init__(self, *args: Any, candidates: list[Institution] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        ids = [c.pk for c in candidates or []]
        narrow_choices(self, "link_to", Institution.objects.filter(pk__in=ids))
        if not ids:
            del self.fields["link_to"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("decision") in ("request_info", "reject")
            and not cleaned.get("note", "").strip()
        ):
            self.add_error("note", _("Write a message to the applicant."))
        return cleaned


class InteractionForm(forms.ModelForm):
    class Meta:
        model = Interaction
        fields = ["kind", "date", "subject", "note", "contacts", "follow_up", "follow_up_due"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "follow_up_due": forms.DateInput(attrs={"type": "date"}),
            "note": forms.Textarea(attrs={"rows": 3}),
            "contacts": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, institution: Institution, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        narrow_choices(self, "contacts", institution.contacts.current())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        due, date = cleaned.get("follow_up_due"), cleaned.get("date")
        if due and date and due < date:
            self.add_error(
                "follow_up_due", _("The follow-up cannot be due before the interaction.")
            )
        if due and not cleaned.get("follow_up"):
            self.add_error("follow_up", _("Say what the follow-up is."))
        return cleaned


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("Columns: see the template. At most 5 MB and 10,000 rows."),
    )
