from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "skillshub.accounts"
    label = "accounts"
    verbose_name = "Accounts"
