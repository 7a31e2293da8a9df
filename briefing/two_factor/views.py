"""Setting up the authenticator, signing in with it, and the recovery codes (package doc)."""

from base64 import b32encode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from briefing.two_factor.devices import (
    has_authenticator,
    is_throttled,
    matching_device,
    new_recovery_codes,
    pending_authenticator,
    recovery_codes_left,
)
from briefing.two_factor.forms import CodeForm

THROTTLED = gettext_lazy("잘못된 코드가 이어져 잠시 막았습니다. 몇 초 뒤에 다시 입력하세요.")


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admin:index")


def _staff_only(request):
    if not request.user.is_staff:
        raise Http404


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def verify(request):
    _staff_only(request)
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not has_authenticator(request.user):
        return redirect(f"{reverse('two_factor:enrol')}?{request.GET.urlencode()}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if is_throttled(request.user):
            form.add_error("code", THROTTLED)
        else:
            device = matching_device(request.user, form.cleaned_data["code"])
            if device is not None:
                otp_login(request, device)
                return redirect(_next_url(request))
            form.add_error("code", gettext("코드가 맞지 않거나 이미 쓴 코드입니다."))
    return render(request, "two_factor/verify.html", {"form": form, "next": _next_url(request)})


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def enrol(request):
    """Scan the key, prove it with one code, and receive the recovery codes (shown once)."""
    _staff_only(request)
    if has_authenticator(request.user):
        return redirect(f"{reverse('two_factor:verify')}?{request.GET.urlencode()}")
    device = pending_authenticator(request.user)
    form = CodeForm(request.POST or None, recovery_allowed=False)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if not device.verify_is_allowed()[0]:
            form.add_error("code", THROTTLED)
        elif code.isdigit() and device.verify_token(code):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            codes = new_recovery_codes(request.user)
            otp_login(request, device)
            return _recovery_codes_page(request, codes, _next_url(request))
        else:
            form.add_error(
                "code", gettext("코드가 맞지 않습니다. 인증 앱에 지금 보이는 숫자를 입력하세요.")
            )
    # segno on first use: the URLconf imports this module in every worker, and only staff
    # setting up an authenticator see a QR code.
    import segno

    secret = b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "next": _next_url(request),
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(
            scale=4, title=gettext("인증 앱에 등록할 QR 코드")
        ),
        "secret_groups": [secret[start : start + 4] for start in range(0, len(secret), 4)],
    }
    return render(request, "two_factor/enrol.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def recovery_codes(request):
    """How many codes are left; new ones on request (the old ones stop working)."""
    _staff_only(request)
    if not request.user.is_verified():
        return redirect(f"{reverse('two_factor:verify')}?next={request.path}")
    if request.method == "POST":
        return _recovery_codes_page(
            request, new_recovery_codes(request.user), reverse("admin:index")
        )
    return render(request, "two_factor/codes.html", {"left": recovery_codes_left(request.user)})


def _recovery_codes_page(request, codes, next_url):
    return render(
        request,
        "two_factor/new_codes.html",
        {"codes": codes, "next": next_url, "issuer": settings.OTP_TOTP_ISSUER},
    )
