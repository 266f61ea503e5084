from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceKind(models.TextChoices):
    INDIVIDUAL_ADVICE = "individual_advice", _("individual advice")
    GROUP_WORKSHOP = "group_workshop", _("group workshop")
    INTEREST_TESTS = "interest_tests", _("interest and aptitude tests")
    JOB_FAIR = "job_fair", _("job fair")
    INFORMATION = "information", _("information")


class ServiceMode(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    ONLINE = "online", _("online")
    BOTH = "both", _("in person and online")


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    ARCHIVED = "archived", _("archived")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    CANCELLED = "cancelled", _("cancelled")
    ARCHIVED = "archived", _("archived")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    WAITING = "waiting", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")
