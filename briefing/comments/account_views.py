"""The page where a citizen deletes their own account (policy: account_deletion.py).

GET shows what will happen and asks for the password; only a POST with the right password deletes.
Staff accounts are closed by an administrator instead: their names are on revisions and decisions.
"""

from django import forms
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from briefing.comments.account_deletion import delete_citizen_account
from briefing.throttle import password_guard


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
