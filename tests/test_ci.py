"""CI runs the checks CONTRIBUTING.md lists, then exactly the README's test command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return [block.strip() for block in re.findall(r"```bash\n(.*?)```", readme, re.S)]


def test_ci_runs_the_checks_then_the_readme_test_command():
    build, test = _readme_commands()[:2]
    assert build.endswith("kg build seeds/ -o exports/") and test.endswith("python -m pytest -q")
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    commands = [line for line in lines if line and not line.startswith("#")]
    assert commands[-1] == test
    checks = ["ruff check kg tests benchmarks", "ruff format --check kg tests benchmarks", "mypy"]
    assert [commands.index(c) for c in checks] == sorted(commands.index(c) for c in checks)
    assert commands.index("mypy") < len(commands) - 1


def test_ci_installs_what_the_checks_need():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    lint = " ".join(project["project"]["optional-dependencies"]["lint"])
    assert all(tool in lint for tool in ("ruff", "mypy", "types-networkx"))
    assert 'pip install -q -e ".[test,lint]"' in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    pytest_options = project["tool"]["pytest"]["ini_options"]
    assert "--strict-markers" in pytest_options["addopts"]
    assert pytest_options["filterwarnings"][0] == "error"


def test_the_ontology_states_the_package_version():
    """One version: pyproject.toml's, read by kg.version; the shipped ontology says the same."""
    import kg

    ontology = (ROOT / "kg" / "ontology.ttl").read_text(encoding="utf-8")
    assert f'owl:versionInfo "{kg.__version__}"' in ontology
