from django import forms
from django.utils.translation import gettext_lazy as _

from briefing.two_factor.devices import normalise_code


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("인증 코드"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, recovery_allowed=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = (
            _("인증 앱에 보이는 6자리 숫자, 또는 복구 코드 하나를 입력하세요.")
            if recovery_allowed
            else _("인증 앱에 보이는 6자리 숫자를 입력하세요.")
        )

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if not code.isascii() or not code.isalnum():
            raise forms.ValidationError(_("숫자와 영문자로 된 코드를 입력하세요."), code="format")
        return code
