"""Forms of the team's documents. The file's type is checked by content in ``clean_file``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from skillshub.core.filetypes import ALLOWED, validate_upload

from .choices import Visibility
from .forms_minutes import SittingChoiceField
from .models import Meeting, Team

FILE_HELP = _("PDF, DOCX, ODT, XLSX, ODS or an image (PNG, JPEG, GIF, WebP).")


class _UploadMixin:
    cleaned_data: dict[str, Any]

    def clean_file(self) -> Any:
        file = self.cleaned_data.get("file")
        if file is not None:
            # Kept so the service need not sniff twice for the form's own message.
            self.content_type = validate_upload(file)
        return file


class DocumentForm(_UploadMixin, forms.Form):
    """A new document: its first version is the uploaded file."""

    title = forms.CharField(label=_("Title"), max_length=300)
    file = forms.FileField(label=_("File"), help_text=FILE_HELP)
    visibility = forms.ChoiceField(
        label=_("Who may see it"), choices=Visibility.choices, initial=Visibility.MEMBERS
    )
    meeting = SittingChoiceField(
        label=_("Sitting"), queryset=Meeting.objects.none(), required=False
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, team: Team, with_meeting: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ",".join(ALLOWED)
        if with_meeting:
            field = self.fields["meeting"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = Meeting.objects.filter(team=team).select_related("team")
        else:
            del self.fields["meeting"]


class DocumentVersionForm(_UploadMixin, forms.Form):
    file = forms.FileField(label=_("New version of the file"), help_text=FILE_HELP)
    note = forms.CharField(label=_("What changed"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ",".join(ALLOWED)


class DocumentFilterForm(forms.Form):
    """The filters of the document list: visibility and sitting."""

    visibility = forms.ChoiceField(
        label=_("Visibility"), choices=[("", _("all")), *Visibility.choices], required=False
    )
    meeting = SittingChoiceField(
        label=_("Sitting"), queryset=Meeting.objects.none(), required=False, empty_label=_("all")
    )

    def __init__(self, *args: Any, team: Team, public_only: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["meeting"]
        assert isinstance(field, forms.ModelChoiceField)
        meetings = Meeting.objects.filter(team=team).select_related("team")
        if public_only:
            # Outside the team, only sittings with a public document are named at all.
            meetings = meetings.filter(documents__visibility=Visibility.PUBLIC).distinct()
        field.queryset = meetings
