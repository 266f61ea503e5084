from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "skillshub.programme"
    label = "programme"
    verbose_name = _("ZSU 2030 regional implementation programme")
