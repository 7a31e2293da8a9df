"""Forms citizens fill in: sign-up, display name, a comment, a report."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from briefing import rules
from briefing.comments.models import (
    APPEAL_MAX_LENGTH,
    COMMENT_MAX_LENGTH,
    CONSENT_VERSION,
    DISPLAY_NAME_MAX_LENGTH,
    EXPLANATION_MAX_LENGTH,
    OBJECTION_MAX_LENGTH,
    CitizenProfile,
    reportable_rule_choices,
)
from briefing.comments.name_characters import name_key, validate_display_name_characters
from briefing.rules import REJECT

DISPLAY_NAME_MIN_LENGTH = 2
NAME_TAKEN = _("이미 쓰이고 있는 표시 이름입니다.")


def clean_display_name(name, *, exclude_user=None) -> str:
    """A display name no one else uses (ignoring case) that does not pose as an official."""
    name = " ".join(str(name or "").split())
    if len(name) < DISPLAY_NAME_MIN_LENGTH:
        raise ValidationError(
            _("표시 이름은 %(min)d자 이상이어야 합니다."),
            code="min_length",
            params={"min": DISPLAY_NAME_MIN_LENGTH},
        )
    validate_display_name_characters(name)
    rules.validate_display_name(name)  # loaded on first use (briefing/rules/__init__.py)
    taken = CitizenProfile.objects.filter(name_key=name_key(name))
    if exclude_user is not None:
        taken = taken.exclude(user=exclude_user)
    if taken.exists():
        raise ValidationError(NAME_TAKEN, code="duplicate")
    return name


ACCOUNT_UNAVAILABLE = _(
    "이 아이디나 전자우편으로는 가입할 수 없습니다. 이미 가입했다면 로그인하고, "
    "아니라면 다른 아이디와 전자우편을 쓰세요."
)


class SignUpForm(UserCreationForm):
    email = forms.EmailField(label=_("전자우편"), help_text=_("공개되지 않습니다."))
    display_name = forms.CharField(
        label=_("표시 이름"),
        max_length=DISPLAY_NAME_MAX_LENGTH,
        help_text=_(
            "댓글 옆에 보이는 이름입니다. 공무원이나 운영자로 오인될 이름은 쓸 수 없습니다."
        ),
    )

    # 개인정보 보호법 제15조, 제22조: a separate, unticked box; the notice it agrees to is shown
    # right above it (templates/includes/consent_notice.html).
    consent = forms.BooleanField(
        label=_("위 개인정보 수집·이용에 동의합니다. (필수)"),
        error_messages={
            "required": _(
                "개인정보 수집·이용에 동의해야 가입할 수 있습니다. 동의하지 않으면 계정을 만들지 않습니다."
            )
        },
    )

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email", "display_name")

    def clean_username(self):
        # Whether the name is registered is answered in clean(), together with the address.
        return self.cleaned_data["username"]

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def clean(self):
        """A taken login name or e-mail address gets one message that names neither: the form
        must not tell a stranger which addresses have an account here (throttle_signup limits
        how often it can be asked at all)."""
        cleaned = super().clean()
        username, email = cleaned.get("username"), cleaned.get("email")
        users = get_user_model().objects
        if (username and users.filter(username__iexact=username).exists()) or (
            email and users.filter(email__iexact=email).exists()
        ):
            raise ValidationError(ACCOUNT_UNAVAILABLE, code="duplicate")
        return cleaned

    def validate_unique(self):
        pass  # clean() above, and the database's unique index at save()

    def clean_display_name(self):
        return clean_display_name(self.cleaned_data["display_name"])

    def save(self, commit=True):
        try:
            with transaction.atomic():
                user = super().save(commit=True)
                CitizenProfile.objects.create(
                    user=user,
                    display_name=self.cleaned_data["display_name"],
                    consented_at=timezone.now(),
                    consent_version=CONSENT_VERSION,
                )
        except IntegrityError:
            # Someone took the name (or the login name) between the check and the save.
            raise ValidationError(NAME_TAKEN, code="duplicate") from None
        return user


class DisplayNameForm(forms.Form):
    display_name = forms.CharField(label=_("표시 이름"), max_length=DISPLAY_NAME_MAX_LENGTH)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_display_name(self):
        return clean_display_name(self.cleaned_data["display_name"], exclude_user=self.user)

    def save(self):
        try:
            with transaction.atomic():
                profile, _created = CitizenProfile.objects.update_or_create(
                    user=self.user, defaults={"display_name": self.cleaned_data["display_name"]}
                )
        except IntegrityError:
            # Two citizens renaming to one name at the same moment: the second is told.
            raise ValidationError(NAME_TAKEN, code="duplicate") from None
        return profile


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("댓글 내용"),
        max_length=COMMENT_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
    )
    #: The portal's own warning above its comment box, word for word.
    PLACEHOLDER = _(
        "정책브리핑 게시물 운영원칙에 따라 다음과 같은 게시물은 삭제 또는 계정이 차단 될 수 있습니다."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = _(
            "%(limit)d자까지 쓸 수 있습니다. 게시물 운영원칙에 어긋나는 글은 등록되지 않습니다."
        ) % {"limit": COMMENT_MAX_LENGTH}

    def add_verdict_errors(self, verdict) -> None:
        """Every rule the text breaks, at once, each naming its rule (never the words).

        Only the rejecting findings: a "held for review" note would contradict the refusal.
        """
        findings = verdict.findings_for(REJECT) or verdict.findings
        reasons = dict.fromkeys(str(finding.message) for finding in findings)
        self.add_error("text", ValidationError(list(reasons)))


class ReportForm(forms.Form):
    rule = forms.TypedChoiceField(
        label=_("신고 사유(운영원칙)"),
        coerce=int,
        choices=reportable_rule_choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("설명(선택)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )
    # Rule 2 only (services.report_comment drops them for other rules).
    concerned_party = forms.TypedChoiceField(
        label=_("제2항(명예훼손·권리침해) 신고: 본인이 이 댓글이 가리키는 당사자입니까?"),
        required=False,
        coerce=lambda value: value == "yes",
        empty_value=None,
        choices=[
            ("yes", _("예, 제가 당사자입니다")),
            ("no", _("아니요, 당사자가 아닙니다(대리인 또는 제3자)")),
        ],
        widget=forms.RadioSelect,
    )
    explanation = forms.CharField(
        label=_("제2항 신고: 소명 내용(선택)"),
        help_text=_("어떤 내용이 사실과 다르거나 권리를 침해하는지 적어 주세요. 관리자만 봅니다."),
        required=False,
        max_length=EXPLANATION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
    )


class AppealForm(forms.Form):
    text = forms.CharField(
        label=_("이의제기 내용"),
        max_length=APPEAL_MAX_LENGTH,
        help_text=_(
            "삭제에 동의하지 않는 이유를 %(limit)d자 안에서 적어 주세요. 한 번만 할 수 있습니다."
        )
        % {"limit": APPEAL_MAX_LENGTH},
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )


class ObjectionForm(forms.Form):
    text = forms.CharField(
        label=_("재게시 요청 사유"),
        max_length=OBJECTION_MAX_LENGTH,
        help_text=_(
            "임시조치에 동의하지 않으면 댓글을 다시 게시해야 하는 이유를 %(limit)d자 안에서 "
            "적어 주세요. 관리자가 먼저 검토합니다."
        )
        % {"limit": OBJECTION_MAX_LENGTH},
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )
