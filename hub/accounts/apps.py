from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "hub.accounts"
    # "accounts" alone is a label many third-party apps claim.
    label = "hub_accounts"
    verbose_name = "Staff accounts"
