from django.db import models
from django.utils.translation import gettext_lazy as _


class CountyKind(models.TextChoices):
    LAND = "land", _("county")
    CITY = "city", _("city with county rights")


class CommuneKind(models.TextChoices):
    URBAN = "1", _("urban commune")
    RURAL = "2", _("rural commune")
    MIXED = "3", _("urban-rural commune")
    TOWN = "4", _("town in an urban-rural commune")
    RURAL_AREA = "5", _("rural area of an urban-rural commune")
    CITY_DISTRICT = "8", _("city district")
    DELEGATION = "9", _("delegation")


class StrategyPart(models.TextChoices):
    GENERAL = "general", _("priority area (general part)")
    DETAILED = "detailed", _("area of impact (detailed part)")


class AuditAction(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("updated")
    DELETE = "delete", _("deleted")
    TRANSITION = "transition", _("changed status")
    EXPORT = "export", _("exported")
    ANONYMISE = "anonymise", _("anonymised")
    IMPORT = "import", _("imported")
    LOGIN = "login", _("logged in")


class EmailStatus(models.TextChoices):
    PENDING = "pending", _("waiting to be sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")
