"""What a deployment installs: floors above published advisories, and a lock that pins them all.

`make install` installs requirements.lock with --require-hashes; `make lock` refreshes it
(README, "Dependencies").
"""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

PROJECT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
LOCK = (PROJECT / "requirements.lock").read_text(encoding="utf-8")

# Releases with published advisories that a floor must exclude (the fixed release in brackets).
ADVISORIES = {
    "gunicorn": "22.0.0",  # request smuggling, CVE-2024-6827 [23.0.0]
    "pillow": "10.2.0",  # buffer overflow, CVE-2024-28219 [10.3.0]
    "django": "5.2.0",  # several, fixed in 5.2 patch releases
}


def requirements(*groups):
    project = PYPROJECT["project"]
    lines = list(project["dependencies"])
    for group in groups:
        lines += project["optional-dependencies"][group]
    return [Requirement(line) for line in lines]


def pins():
    found = {}
    for name, version, hashes in re.findall(
        r"^([A-Za-z0-9_.\-]+)==(\S+)((?:\s*\\\n\s+--hash=sha256:[0-9a-f]{64})+)", LOCK, re.M
    ):
        found[canonicalize_name(name)] = (Version(version), hashes.count("--hash="))
    return found


@pytest.mark.parametrize(("package", "vulnerable"), sorted(ADVISORIES.items()))
def test_floors_exclude_releases_with_published_advisories(package, vulnerable):
    """pyproject.toml's range refuses the last release with a known advisory."""
    requirement = next(r for r in requirements() if canonicalize_name(r.name) == package)
    assert Version(vulnerable) not in requirement.specifier


def test_the_lock_pins_every_dependency_with_hashes_inside_its_range():
    """Each runtime and test dependency is pinned, hashed, and allowed by pyproject.toml."""
    locked = pins()
    for requirement in requirements("test"):
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{name} is not in requirements.lock (run `make lock`)"
        version, hashes = locked[name]
        assert hashes >= 1, name
        assert version in SpecifierSet(str(requirement.specifier)), f"{name} {version}"


def test_the_install_uses_the_lock():
    """The Makefile installs from the lock with hash checking, the project without its deps."""
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes -r requirements.lock" in makefile
    assert "--no-deps -e ." in makefile
