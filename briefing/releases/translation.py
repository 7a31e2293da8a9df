"""Which fields readers see in both languages. Korean is required; English falls back to it."""

from modeltranslation.translator import TranslationOptions, register

from briefing.releases.models import Contact, Ministry, Photo, Release, Statistic


@register(Ministry)
class MinistryTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("ko",)


@register(Release)
class ReleaseTranslation(TranslationOptions):
    fields = (
        "title", "subtitle", "body", "footnote", "attribution", "withdrawal_notice", "excerpt"
    )  # fmt: skip
    required_languages = ("ko",)


@register(Photo)
class PhotoTranslation(TranslationOptions):
    fields = ("caption", "alt_text", "credit")
    required_languages = ("ko",)


@register(Statistic)
class StatisticTranslation(TranslationOptions):
    fields = ("label", "unit", "value_text", "as_of", "note")
    required_languages = ("ko",)


@register(Contact)
class ContactTranslation(TranslationOptions):
    fields = ("department", "name", "position")
    required_languages = ("ko",)
