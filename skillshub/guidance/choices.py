from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ServiceKind(models.TextChoices):
    INDIVIDUAL_ADVICE = "individual_advice", _("individual advice")
    GROUP_WORKSHOP = "group_workshop", _("group workshop")
    INTEREST_TESTS = "interest_tests", _("interest and aptitude tests")
    JOB_FAIR = "job_fair", _("job fair")
    INFORMATION = "information", _("careers information")


class ServiceMode(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    ONLINE = "online", _("online")
    BOTH = "both", _("in person and online")


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("publication status", "draft")
    PUBLISHED = "published", pgettext_lazy("publication status", "published")
    ARCHIVED = "archived", pgettext_lazy("publication status", "archived")


class EventStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("event status", "draft")
    PUBLISHED = "published", pgettext_lazy("event status", "published")
    CANCELLED = "cancelled", pgettext_lazy("event status", "cancelled")
    ARCHIVED = "archived", pgettext_lazy("event status", "archived")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", pgettext_lazy("registration status", "confirmed")
    WAITING = "waiting", pgettext_lazy("registration status", "on the waiting list")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "cancelled")
