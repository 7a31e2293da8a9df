"""Citizen comments on releases: accounts, the posting service, reports and suspensions.

``from briefing.comments import post_comment`` works, but this package is imported before the
models are ready, so the service module is only loaded when the function is first asked for.
"""

__all__ = ["post_comment", "report_comment"]


def __getattr__(name):
    if name in __all__:
        from briefing.comments import services

        return getattr(services, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
