"""The rules engine is pure: no models, no queries, nothing of ours but itself.

import-linter (pyproject.toml, run by .ci/run) keeps other apps of ours out of briefing.rules;
these tests add what it cannot see: which parts of Django the engine may use at all, and that a
check on prepared inputs touches no database.
"""

import ast
from pathlib import Path

import pytest

import briefing.rules
from briefing.rules import ReleaseContext, check

from .conftest import Author

PACKAGE = Path(briefing.rules.__file__).parent
#: Translation and ValidationError are all the engine needs of Django (AppConfig: apps.py only,
#: and the evaluation script's django.setup()).
ALLOWED_DJANGO = {"django.utils.translation", "django.core.exceptions"}
ALLOWED_IN = {"apps.py": {"django.apps"}, "evaluate.py": {"django"}, "bench.py": set()}
#: Management commands wrap the engine's scripts for manage.py.
ALLOWED_IN_COMMANDS = {"django.core.management"}


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda path: path.name)
def test_the_engine_uses_no_database_part_of_django_and_nothing_of_ours(path):
    """Every module: Django's translation and exceptions at most; briefing only as itself."""
    allowed = ALLOWED_DJANGO | ALLOWED_IN.get(path.name, set())
    if "management" in path.parts:
        allowed |= ALLOWED_IN_COMMANDS
    for module in imported_modules(path):
        if module == "django" or module.startswith("django."):
            assert module in allowed, f"{path.name} imports {module}"
        if module.startswith("briefing"):
            assert module.startswith("briefing.rules"), f"{path.name} imports {module}"


@pytest.mark.django_db
def test_a_check_on_prepared_inputs_runs_no_query(django_assert_num_queries):
    """Release facts, the author and their history handed in: not one query, whatever fires."""
    release = ReleaseContext(
        text="조달청 해외조달 수출실적", phones=("042-724-6492",), people=("김성일",)
    )
    texts = [
        "수출 실적 축하드립니다",
        "제 번호는 010-1234-5678 입니다",
        "저는 조달청장입니다",
        "http://example.com 에서 확인하세요",
        "수출 실적 축하드립니다",
    ]
    with django_assert_num_queries(0):
        for text in texts:
            check(
                text,
                release=release,
                author=Author(days_old=1),
                recent_texts=texts[:2],
                flood_texts=texts,
            )
