from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "skillshub.core"
    label = "core"
    verbose_name = "Core"
