"""Staff forms for news, pages and campaigns. The image is a plain file field: the service
stores it under a random name after checking its content."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import PublicationStatus
from .models import Campaign, NewsItem, Page
from .services_content import validate_image

HTML_HELP = _(
    "Paragraphs, headings (h2–h4), lists, links, bold, italics, quotes and tables are kept; "
    "anything else (scripts, styles, images) is removed."
)


class _VersionedForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
        if "body" in self.fields:
            self.fields["body"].help_text = HTML_HELP

    def service_data(self) -> dict[str, Any]:
        data = {
            k: v
            for k, v in self.cleaned_data.items()
            if k not in ("version", "image", "remove_image")
        }
        return data


class _ImageFormMixin(forms.Form):
    image = forms.FileField(
        label=_("Image"),
        required=False,
        help_text=_("PNG, JPEG or WebP, at most 2 MB. Describe it below."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )
    remove_image = forms.BooleanField(label=_("Remove the current image"), required=False)

    def clean_image(self) -> Any:
        image = self.cleaned_data.get("image")
        if image:
            validate_image(image)
        return image

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("image") and not cleaned.get("image_alt"):
            self.add_error("image_alt", _("Describe the image for people who cannot see it."))
        return cleaned


class NewsForm(_ImageFormMixin, _VersionedForm):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=PublicationStatus.choices,
        initial=PublicationStatus.DRAFT,
    )

    class Meta:
        model = NewsItem
        fields = ["title", "slug", "lead", "body", "image_alt"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 12}),
            "lead": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # A news item's status moves with the buttons, not the form.
            del self.fields["status"]


class PageForm(_VersionedForm):
    class Meta:
        model = Page
        fields = ["title", "slug", "body", "status", "in_footer", "order"]
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}


class CampaignForm(_ImageFormMixin, _VersionedForm):
    class Meta:
        model = Campaign
        fields = [
            "title", "slug", "lead", "body", "image_alt", "link_url", "starts_on", "ends_on",
            "status",
        ]  # fmt: skip
        widgets = {
            "body": forms.Textarea(attrs={"rows": 8}),
            "lead": forms.Textarea(attrs={"rows": 2}),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
