"""Staff accounts: two-factor authentication and throttled password resets.

Login throttling itself is django-axes, configured in hub.settings.base.
"""
