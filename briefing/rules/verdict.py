"""What a check returns: findings for moderators and one verdict for the comment form."""

from dataclasses import dataclass, field

from .registry import ACTIONS, FLAG, HOLD, PUBLISH, REJECT

__all__ = ["Finding", "Verdict", "PUBLISH", "FLAG", "HOLD", "REJECT"]


@dataclass(frozen=True)
class Finding:
    """One rule that fired. ``detail`` tells a moderator why: the kind of match for patterns and
    lexicons (never the matched personal data or slur), and for the learned score the score and
    the comment's words that weighed most."""

    rule: int
    action: str
    code: str
    message: str
    score: float = 1.0
    urgent: bool = False
    detail: str = ""

    def as_dict(self, *, details: bool = True) -> dict:
        data = {
            "rule": self.rule,
            "action": self.action,
            "code": self.code,
            "score": round(float(self.score), 3),
            "urgent": self.urgent,
        }
        if details and self.detail:
            data["detail"] = self.detail
        return data


@dataclass(frozen=True)
class Verdict:
    """The outcome of ``check()``: the strongest action among the findings wins."""

    action: str = PUBLISH
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @classmethod
    def from_findings(cls, findings) -> "Verdict":
        findings = tuple(findings)
        return cls(action=strongest_action(f.action for f in findings), findings=findings)

    @property
    def rules(self) -> frozenset[int]:
        return frozenset(f.rule for f in self.findings if f.rule and f.action != PUBLISH)

    @property
    def reasons(self) -> tuple:
        return tuple(f.message for f in self.findings)

    @property
    def urgent(self) -> bool:
        return any(f.urgent for f in self.findings)

    @property
    def is_public(self) -> bool:
        """Whether the comment may be shown at once (publish, or flag for later review)."""
        return self.action in (PUBLISH, FLAG)

    def findings_for(self, action: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.action == action)

    def as_dict(self, *, details: bool = True) -> dict:
        """A JSON-serialisable summary: codes, scores and, for the comment row the moderator
        reads, each finding's detail. ``details=False`` for records that must hold no word of
        the comment (the audit trail)."""
        return {
            "action": self.action,
            "rules": sorted(self.rules),
            "urgent": self.urgent,
            "findings": [f.as_dict(details=details) for f in self.findings],
        }


def strongest_action(actions) -> str:
    return max(actions, key=ACTIONS.index, default=PUBLISH)


def hold_pending_review(message) -> Verdict:
    """The verdict used when the engine itself failed: keep the comment for a human."""
    return Verdict(action=HOLD, findings=(Finding(0, HOLD, "engine.error", message, 0.0),))
