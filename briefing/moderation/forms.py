"""The moderators' forms: queue filters and one small form per decision.

Each decision form carries the decision version the moderator saw (a hidden field), so a
decision made on a comment someone else has decided meanwhile is refused, not applied twice.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from briefing.moderation.actions import (
    NOTE_MAX_LENGTH,
    SUSPENSION_MAX_DAYS,
    TEMPORARY_MAX_DAYS,
    validate_received_on,
)
from briefing.moderation.queue import STATES
from briefing.rules import CITABLE_RULES, RULES, get_rule, name_the_law_message, rule_choices

STATE_LABELS = {
    "held": _("검토 대기"),
    "reported": _("신고됨"),
    "hidden": _("신고로 숨김"),
    "flagged": _("검토 표시"),
    "temporary": _("임시조치"),
    "lapsing": _("임시조치 곧 만료"),
    "overdue": _("임시조치 기간 지남(결정 필요)"),
    "appealed": _("이의제기"),
}


def removal_rule_choices():
    return [("", _("운영원칙 선택"))] + rule_choices(CITABLE_RULES)


def all_rule_choices():
    return [("", _("운영원칙 선택"))] + rule_choices()


def require_named_law(form, cleaned) -> None:
    """A removal under a rule that needs the law named (rule 12) must name it in the note."""
    rule = cleaned.get("rule")
    if rule and get_rule(rule).law_must_be_named and not cleaned.get("note", "").strip():
        form.add_error("note", name_the_law_message(get_rule(rule)))


class QueueFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("상태"),
        required=False,
        choices=[("", _("전체"))] + [(state, STATE_LABELS[state]) for state in STATES],
    )
    rule = forms.TypedChoiceField(
        label=_("운영원칙"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("전체"))] + rule_choices(),
    )
    release = forms.TypedChoiceField(
        label=_("보도자료"), required=False, coerce=int, empty_value=None, choices=()
    )
    q = forms.CharField(label=_("검색어"), required=False, max_length=100)

    def __init__(self, *args, releases=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["release"].choices = [("", _("전체"))] + [
            (release.pk, release.title) for release in releases
        ]


class DecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    note = forms.CharField(
        label=_("작성자에게 남길 말(선택)"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RemoveForm(DecisionForm):
    rule = forms.TypedChoiceField(
        label=_("어긋나는 운영원칙"), coerce=int, choices=removal_rule_choices
    )
    field_order = ["version", "rule", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].help_text = " ".join(
            name_the_law_message(rule) for rule in RULES if rule.law_must_be_named
        )

    def clean(self):
        cleaned = super().clean()
        require_named_law(self, cleaned)
        return cleaned


class TemporaryForm(DecisionForm):
    days = forms.IntegerField(
        label=_("임시조치 기간(일)"),
        min_value=1,
        max_value=TEMPORARY_MAX_DAYS,
        initial=TEMPORARY_MAX_DAYS,
    )
    field_order = ["version", "days", "note"]


class AgencyRequestForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    agency = forms.CharField(label=_("요청 기관"), max_length=100)
    reference = forms.CharField(label=_("문서 번호"), max_length=100)
    received_on = forms.DateField(
        label=_("요청 일자"), widget=forms.DateInput(attrs={"type": "date"})
    )
    legal_basis = forms.CharField(label=_("법적 근거(선택)"), max_length=200, required=False)
    disclosable = forms.BooleanField(
        label=_("작성자에게 수사기관 요청임을 알려도 됨"),
        help_text=_(
            "요청 기관이 허락한 경우에만 고르세요. 고르지 않으면 작성자는 '검토 중이어서 공개되지 "
            "않습니다'라고만 봅니다."
        ),
        required=False,
    )

    def clean_received_on(self):
        received_on = self.cleaned_data["received_on"]
        validate_received_on(received_on)
        return received_on


class SuspendForm(forms.Form):
    rule = forms.TypedChoiceField(label=_("근거 운영원칙"), coerce=int, choices=all_rule_choices)
    days = forms.IntegerField(
        label=_("정지 기간(일)"),
        required=False,
        min_value=1,
        max_value=SUSPENSION_MAX_DAYS,
        initial=7,
    )
    permanent = forms.BooleanField(label=_("기한 없이 정지"), required=False)
    reason = forms.CharField(
        label=_("사유(시민에게 보임)"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("permanent"):
            cleaned["days"] = None
        elif not cleaned.get("days") and "days" not in self.errors:
            self.add_error("days", _("정지 기간을 적거나 '기한 없이 정지'를 고르세요."))
        return cleaned


class LiftSuspensionForm(forms.Form):
    note = forms.CharField(
        label=_("해제 사유(기록에 남음)"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BulkForm(forms.Form):
    action = forms.ChoiceField(
        label=_("일괄 조치"), choices=[("approve", _("승인")), ("remove", _("삭제"))]
    )
    rule = forms.TypedChoiceField(
        label=_("운영원칙"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=removal_rule_choices,
    )
    note = forms.CharField(label=_("메모(선택)"), required=False, max_length=NOTE_MAX_LENGTH)
    selected = forms.MultipleChoiceField(
        label=_("선택한 댓글"),
        choices=(),
        error_messages={"required": _("처리할 댓글을 목록에서 하나 이상 고르세요.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "pk:version" pairs from the checkboxes; validated in clean_selected, not against a list.
        self.fields["selected"].choices = (
            [(value, value) for value in self.data.getlist("selected")]
            if hasattr(self.data, "getlist")
            else []
        )

    def clean_selected(self):
        pairs = []
        for value in self.cleaned_data["selected"]:
            pk, _sep, version = value.partition(":")
            if not all(
                part.isascii() and part.isdigit() and len(part) <= 18 for part in (pk, version)
            ):
                raise ValidationError(_("선택한 댓글을 알아볼 수 없습니다. 화면을 새로 고치세요."))
            pairs.append((int(pk), int(version)))
        return pairs

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "remove" and not cleaned.get("rule"):
            self.add_error("rule", _("삭제하려면 어긋나는 운영원칙을 고르세요."))
        require_named_law(self, cleaned)
        return cleaned
