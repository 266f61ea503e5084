from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a signed-in person does here. The anonymous public has no account at all."""

    OFFICE_ADMIN = "office_admin", _("office administrator")
    OFFICE_STAFF = "office_staff", _("office staff")
    TEAM_MEMBER = "team_member", _("WZK member")
    INSTITUTION_CONTACT = "institution_contact", _("institution contact")
    GUIDANCE_EDITOR = "guidance_editor", _("guidance-provider editor")
