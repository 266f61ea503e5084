from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The top of the layering: composes each app's demo data into one `seed_demo`."""

    name = "skillshub.demo"
    label = "demo"
