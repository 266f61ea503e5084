"""Forms of career guidance: the provider's service and event forms and the public
registration form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from skillshub.accounts.rules import is_office_staff
from skillshub.core.forms import narrow_choices
from skillshub.core.models import County, TargetGroup
from skillshub.stakeholders.models import Institution
from skillshub.stakeholders.rules import represented_institution_id

from .models import GuidanceEvent, GuidanceService

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _providers_for(user: Any) -> Any:
    """Staff choose any institution; a provider's contact only their own."""
    if is_office_staff(user):
        return Institution.objects.order_by("name")
    institution_id = represented_institution_id(user)
    if institution_id is None:
        return Institution.objects.none()
    return Institution.objects.filter(pk=institution_id)


class ServiceForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = GuidanceService
        fields = [
            "provider", "title", "kind", "description", "target_groups", "mode", "counties",
            "is_free", "address", "contact_email", "contact_phone", "url",
        ]  # fmt: skip
        widgets = {
            "target_groups": forms.CheckboxSelectMultiple,
            "counties": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        narrow_choices(self, "provider", _providers_for(user))
        narrow_choices(self, "counties", County.objects.in_region())
        narrow_choices(self, "target_groups", TargetGroup.objects.all())
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
        elif not self.instance.pk and not is_office_staff(user):
            self.initial.setdefault("provider", represented_institution_id(user))


class EventForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = GuidanceEvent
        fields = [
            "provider", "service", "title", "kind", "description", "target_groups", "county",
            "place", "is_online", "starts_at", "ends_at", "is_free", "capacity",
            "registration_closes_at",
        ]  # fmt: skip
        widgets = {
            "target_groups": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 5}),
            "starts_at": DATETIME_WIDGET,
            "ends_at": DATETIME_WIDGET,
            "registration_closes_at": DATETIME_WIDGET,
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        providers = _providers_for(user)
        narrow_choices(self, "provider", providers)
        narrow_choices(
            self,
            "service",
            GuidanceService.objects.filter(provider__in=providers).select_related("provider"),
        )
        narrow_choices(self, "county", County.objects.in_region())
        narrow_choices(self, "target_groups", TargetGroup.objects.all())
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
        elif not self.instance.pk and not is_office_staff(user):
            self.initial.setdefault("provider", represented_institution_id(user))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        service, provider = cleaned.get("service"), cleaned.get("provider")
        if service and provider and service.provider_id != provider.pk:
            self.add_error("service", _("Choose a service of the same organiser."))
        return cleaned


class RegistrationForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"))
    phone = forms.CharField(label=_("Phone (optional)"), max_length=30, required=False)
    privacy_accepted = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree that the organiser and the office "
            "process my data to handle this registration."
        ),
        required=True,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
