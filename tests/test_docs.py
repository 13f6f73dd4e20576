"""Docs are tested: every CLI command, warehouse view and prefect.yaml entrypoint is real and documented."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_cli_command_is_in_readme() -> None:
    from bulletins.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert set(sub.choices) >= {"ingest", "extract", "query", "checks", "serve"}
    for name in sub.choices:
        assert f"bulletins {name}" in README, f"`bulletins {name}` is not documented in README.md"


@pytest.mark.parametrize("view", ["indicators", "alerts", "current_facts", "quarantine", "series", "indicator_catalog"])
def test_every_view_is_in_readme(view: str, tmp_path: Path) -> None:
    from bulletins.warehouse import Warehouse

    with Warehouse(tmp_path / "wh") as wh:
        columns, _ = wh.query(f"select * from {view} limit 0")
    assert columns
    assert f"`{view}`" in README


def test_prefect_yaml_entrypoints_import() -> None:
    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    deployments = spec["deployments"]
    assert deployments
    for dep in deployments:
        path, func = dep["entrypoint"].split(":")
        module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
        assert callable(getattr(module, func)), dep["entrypoint"]
        assert dep["name"] in README or "prefect deploy" in README


def test_readme_states_the_two_commands() -> None:
    assert "make run" in README and "make test" in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_every_cli_option_is_in_readme() -> None:
    from bulletins.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    table = README[README.index("## The CLI"):README.index("## The fact contract")]
    for name, command in sub.choices.items():
        row = next((line for line in table.splitlines() if line.startswith(f"| `bulletins {name}")), "")
        for action in command._actions:
            for flag in action.option_strings:
                if flag.startswith("--") and flag != "--help":
                    assert flag in row, f"`bulletins {name} {flag}` is missing from the README's CLI table"


def test_every_setting_is_in_readme() -> None:
    from bulletins.settings import Settings

    table = README[README.index("## Configuration"):]
    for name in Settings.model_fields:
        assert f"`BULLETINS_{name.upper()}`" in table, f"BULLETINS_{name.upper()} missing from README Configuration"


def test_readme_check_table_matches_checks_yaml() -> None:
    """The severities users read are the ones the checks use."""
    import re

    severities = yaml.safe_load((ROOT / "bulletins" / "data" / "checks.yaml").read_text(encoding="utf-8"))["severities"]
    documented = dict(re.findall(r"^\| `([a-z_]+)` \| (error|warn|info) \|", README, flags=re.M))
    assert documented == severities
