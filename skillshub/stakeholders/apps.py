from django.apps import AppConfig


class StakeholdersConfig(AppConfig):
    name = "skillshub.stakeholders"
    label = "stakeholders"
    verbose_name = "Stakeholders"
