from django.apps import AppConfig
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPConfig


class AccountsConfig(AppConfig):
    # The one for "accounts" among the configs below.
    default = True
    name = "accounts"
    verbose_name = "Accounts"


# django-otp's devices, as administrators look for them in the admin (its
# app names are otp_totp and otp_static).
class AuthenticatorAppsConfig(TOTPConfig):
    verbose_name = "Two-factor sign-in: authenticator apps"


class RecoveryCodesConfig(StaticConfig):
    verbose_name = "Two-factor sign-in: recovery codes"
