import re

from django.conf import settings


def phone_link(number: str) -> str:
    """A ``tel:`` address from a written number: its digits, in international form. A national
    number (leading 0) is taken as Korean: 044-203-3555 -> tel:+82442033555. Empty when the
    number has no digits, or none but zeros (the demo's 000-0000-0000 leads nowhere)."""
    digits = re.sub(r"\D", "", number or "")
    if not digits.strip("0"):
        return ""
    if number.strip().startswith("+"):
        return f"tel:+{digits}"
    if digits.startswith("0"):
        return f"tel:+82{digits[1:]}"
    return f"tel:{digits}"


def site(request):
    """The site's name, address and identity for every template, so each is written once
    (settings, "The site's identity")."""
    return {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "site_operator": settings.SITE_OPERATOR,
        "site_address": settings.SITE_ADDRESS,
        "site_phone": settings.SITE_PHONE,
        "site_phone_link": phone_link(settings.SITE_PHONE),
        "site_phone_hours": settings.SITE_PHONE_HOURS,
        "site_fax": settings.SITE_FAX,
        "site_email": settings.SITE_EMAIL,
        "site_show_egov_banner": settings.SITE_SHOW_EGOV_BANNER,
        "site_footer_note": settings.SITE_FOOTER_NOTE,
    }
