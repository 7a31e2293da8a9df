"""The page where a citizen deletes their own account (policy: account_deletion.py).

GET shows what will happen and asks for the password; only a POST with the right password deletes.
Staff accounts are closed by an administrator instead: their names are on revisions and decisions.
"""

from django import forms
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from briefing.comments.account_deletion import delete_citizen_account
from briefing.comments.models import CONSENT_VERSION
from briefing.site import site_domain, site_protocol
from briefing.throttle import password_guard, refuse_account_email_if_over


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("비밀번호"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("본인 확인을 위해 지금 쓰는 비밀번호를 입력하세요."),
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self):
        password = self.cleaned_data["password"]
        guard = password_guard(self.request, self.request.user)
        guard.refuse_if_locked()
        if not self.request.user.check_password(password):
            guard.record_failure()
            raise ValidationError(_("비밀번호가 맞지 않습니다."), code="password_incorrect")
        return password


@require_http_methods(["GET", "POST"])
@login_required
def delete_account(request):
    if request.user.is_staff or request.user.is_superuser:
        return render(request, "accounts/delete.html", {"staff": True})
    form = DeleteAccountForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        delete_citizen_account(user=request.user)
        logout(request)
        # Rendered, not redirected: the visitor is logged out and the page exists for them once.
        return render(request, "accounts/delete.html", {"deleted": True})
    return render(request, "accounts/delete.html", {"form": form})


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset, with two changes: the e-mail's link is built from SITE_URL (Django would
    take the request's Host header, which the client writes), and the requests one address may
    make are limited (briefing.throttle), as each sends an e-mail. The page after it says the
    same whether or not the address has an account."""

    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"

    def form_valid(self, form):
        try:
            refuse_account_email_if_over(self.request)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        self.domain_override = site_domain()
        self.use_https = site_protocol() == "https"
        self.extra_email_context = {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL}
        return super().form_valid(form)


def privacy_policy(request):
    """개인정보처리방침 (개인정보 보호법 제30조), with the privacy officer from settings."""
    return render(
        request,
        "privacy.html",
        {
            "privacy_officer_name": settings.PRIVACY_OFFICER_NAME,
            "privacy_officer_email": settings.PRIVACY_OFFICER_EMAIL,
            "privacy_officer_phone": settings.PRIVACY_OFFICER_PHONE,
            "consent_version": CONSENT_VERSION,
        },
    )
