from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LabourMarketConfig(AppConfig):
    name = "skillshub.labour_market"
    label = "labour_market"
    verbose_name = _("labour-market evidence")
