"""Why a citizen's action was refused, as exceptions carrying the sentence to show them.

Rule findings are not exceptions (they come back in the verdict); these are the refusals that no
rewording can fix: a suspension, a rate limit, a duplicate report.
"""


class Refused(Exception):
    """An action the citizen is told about in plain words; ``message`` is safe to show."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class Suspended(Refused):
    def __init__(self, message, suspension):
        super().__init__(message)
        self.suspension = suspension


class RateLimited(Refused):
    pass


class ReportRefused(Refused):
    pass


class DuplicateReport(ReportRefused):
    pass


class AppealRefused(Refused):
    pass


class Unverified(Refused):
    """The citizen has not yet opened the link sent to their e-mail address."""


class EditRefused(Refused):
    pass


class DeleteRefused(Refused):
    pass


class ObjectionRefused(Refused):
    pass
