from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "skillshub.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        # Each app's search.py registers its search providers (core imports no domain app).
        autodiscover_modules("search")
