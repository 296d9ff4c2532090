"""Included at admin/ before Wagtail's admin URLs, so the throttled reset form takes its address."""

from django.urls import path

from . import views
from .password_reset import ThrottledPasswordResetView

urlpatterns = [
    path("password_reset/", ThrottledPasswordResetView.as_view(), name="hub_admin_password_reset"),
    path("two-factor/", views.overview, name="hub_two_factor"),
    path("two-factor/enrol/", views.enrol, name="hub_two_factor_enrol"),
    path("two-factor/verify/", views.verify, name="hub_two_factor_verify"),
    path("two-factor/recovery-codes/", views.recovery_codes, name="hub_two_factor_recovery_codes"),
    path("two-factor/remove/", views.remove, name="hub_two_factor_remove"),
]
