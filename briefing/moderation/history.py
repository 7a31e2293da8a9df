"""Where rule 11 finds an author's recent comments when the caller does not pass them.

The comments app registers a provider that queries the database; this package stays model-free.
"""

from collections.abc import Callable, Sequence

HistoryProvider = Callable[[object, object], tuple[Sequence[str], Sequence[str]]]


def _no_history(author, release):
    return (), ()


_provider: HistoryProvider = _no_history


def set_history_provider(provider: HistoryProvider | None) -> None:
    """Register ``provider(author, release) -> (recent_texts, flood_texts)``; None resets it."""
    global _provider
    _provider = provider or _no_history


def get_history_provider() -> HistoryProvider:
    return _provider


def load_history(author, release) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Ask the registered provider for (the author's recent texts, other accounts' recent texts)."""
    recent, flood = _provider(author, release)
    return tuple(recent or ()), tuple(flood or ())
