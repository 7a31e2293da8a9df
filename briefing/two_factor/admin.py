"""django-otp's device admins are taken out of the admin.

They would show every staff member's authenticator key and QR code to any superuser (enough to
clone someone else's second factor), under untranslated labels (OTP_TOTP, OTP_STATIC). Staff set
up their own authenticator at sign-in and renew their recovery codes themselves; a lost phone is
reset with ``manage.py reset_two_factor <username>`` (README, "The second factor for staff"),
which is logged. The admin autodiscovers this module after django-otp's (INSTALLED_APPS order).
"""

from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
