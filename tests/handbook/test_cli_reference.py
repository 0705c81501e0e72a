"""The CLI reference in the handbook is generated from the code and cannot drift from it; the commands the
handbook's pages tell people to type exist, with the options they use, or are marked as in preparation."""
from __future__ import annotations

import re
from enum import Enum
from pathlib import Path
from typing import Optional

import pytest
import typer

from embargo_kit.cli import reference as cli_reference
from embargo_kit.cli.reference import REGENERATE, inventory, inventory_from_markdown, render
from handbook_build import DOCS

CLI_PAGE = DOCS / "reference" / "cli.md"


def test_committed_reference_equals_a_fresh_generation():
    committed = CLI_PAGE.read_text(encoding="utf-8")
    fresh = render()
    if committed != fresh:
        missing = sorted(inventory() - inventory_from_markdown(committed))
        extra = sorted(inventory_from_markdown(committed) - inventory())
        detail = "".join([
            f"\n  in the code but not in the reference: {', '.join(missing)}" if missing else "",
            f"\n  in the reference but not in the code: {', '.join(extra)}" if extra else "",
        ]) or "\n  (help texts, types or defaults changed)"
        pytest.fail(f"handbook/docs/reference/cli.md is out of date:{detail}\n"
                    f"Run `{REGENERATE}` from the repository root and commit the page.")


def test_every_command_and_option_in_code_is_in_the_reference_and_the_reverse():
    in_code, in_page = inventory(), inventory_from_markdown(CLI_PAGE.read_text(encoding="utf-8"))
    assert in_code - in_page == set(), f"missing from the reference; run `{REGENERATE}`"
    assert in_page - in_code == set(), f"the reference documents what the code lacks; run `{REGENERATE}`"
    assert {"grade", "grade --out", "grade SUBMISSIONS", "exercises build"} <= in_code


# ------------------------------------------------------------------------------- the generator itself
class Colour(str, Enum):
    red = "red"
    green = "green"


def _toy_app(extra_option: bool = False) -> typer.Typer:
    app = typer.Typer(name="embargo-kit", help="Toy.", add_completion=False)

    @app.callback()
    def _main() -> None:
        """Toy."""

    sub = typer.Typer(help="Things for <part> folders | pipes.")
    app.add_typer(sub, name="workshop")

    @sub.command("plan")
    def plan(
        lessons: Path = typer.Argument(..., help="A file of lesson IDs."),
        out: Path = typer.Option(..., "--out", help="Folder for the agenda."),
        days: int = typer.Option(1, "--days", min=1, max=3, help="How many days."),
        colour: Colour = typer.Option(Colour.red, "--colour", help="Colour of exercises/<part>/*.ipynb."),
        quiet: bool = typer.Option(False, "--quiet/--loud", help="Say less."),
    ) -> None:
        """Lay out an agenda. More text."""

    if extra_option:
        @app.command("publish")
        def publish(out: Optional[Path] = typer.Option(None, "--out", help="Where.")) -> None:
            """Publish."""

    return app


def test_generator_documents_every_argument_option_type_and_default():
    text = render(_toy_app())
    assert "## embargo-kit workshop plan {#workshop-plan}" in text
    assert "embargo-kit workshop plan [OPTIONS] LESSONS" in text
    row = {line.split("|")[1].strip(): line for line in text.splitlines() if line.startswith("| `")}
    assert "required" in row["`LESSONS`"] and "A file of lesson IDs." in row["`LESSONS`"]
    assert "required" in row["`--out`"]
    assert "`1`" in row["`--days`"] and "at least 1" in row["`--days`"] and "at most 3" in row["`--days`"]
    assert "`red`" in row["`--colour`"] and "red\\|green" in row["`--colour`"]
    assert "`--quiet` / `--loud`" in text and "flag" in row["`--quiet` / `--loud`"]
    # text from help strings cannot break the page: no raw tags, no stray emphasis, no extra table columns
    assert "&lt;part&gt;" in text and "/\\*.ipynb" in text and "\\| pipes" in text
    assert inventory(_toy_app()) == inventory_from_markdown(text) == {
        "workshop", "workshop plan", "workshop plan LESSONS", "workshop plan --out", "workshop plan --days",
        "workshop plan --colour", "workshop plan --quiet"}


def test_a_new_command_or_option_shows_up_as_missing():
    old_page = render(_toy_app())
    new_code = inventory(_toy_app(extra_option=True))
    assert new_code - inventory_from_markdown(old_page) == {"publish", "publish --out"}


def test_check_mode_exits_1_on_a_stale_page_and_0_on_a_fresh_one(tmp_path, capsys):
    page = tmp_path / "cli.md"
    page.write_text("# stale\n", encoding="utf-8")
    assert cli_reference.main(["--check", "--out", str(page)]) == 1
    assert REGENERATE in capsys.readouterr().err
    assert cli_reference.main(["--out", str(page)]) == 0
    assert cli_reference.main(["--check", "--out", str(page)]) == 0
    assert page.read_text(encoding="utf-8") == render()


# -------------------------------------------------------------------- commands used in the pages
_FENCE = re.compile(r"^(```|~~~)[^\n]*\n(.*?)^\1", re.S | re.M)
_MARKER = re.compile(r"<!--\s*status:\s*([a-z][a-z0-9 -]*?)\s*-->")


def _invocations(text: str):
    for block in _FENCE.finditer(text):
        for line in block.group(2).splitlines():
            line = line.split("#", 1)[0].strip() if " #" in line else line.strip()
            line = line.removeprefix("$ ")
            if line.startswith("embargo-kit "):
                yield line.split()[1:]


def test_commands_in_the_pages_exist_with_the_options_they_use_or_are_marked_in_preparation():
    problems = usage_problems(inventory())
    assert not problems, "the handbook tells people to type what the CLI does not take:\n" + "\n".join(problems)


def usage_problems(code: set[str]) -> list[str]:
    """Every `embargo-kit ...` line in the handbook's code blocks that the CLI (``code``) would not take."""
    commands = {e for e in code if not e.split()[-1].startswith("-") and not e.split()[-1].isupper()}
    groups = {c for c in commands if any(o.startswith(c + " ") for o in commands)}
    problems = []
    for page in sorted(DOCS.rglob("*.md")):
        if page == CLI_PAGE:
            continue  # generated from the code itself
        text = page.read_text(encoding="utf-8")
        marked = set(_MARKER.findall(text))
        for words in _invocations(text):
            if not words or words[0].startswith("-"):
                continue
            where = f"{page.relative_to(DOCS)}: `embargo-kit {' '.join(words)}`"
            wordy = [w for w in words[:2] if re.fullmatch(r"[a-z][a-z-]*", w)]
            prefixes = [" ".join(words[:n]) for n in (2, 1) if n <= len(wordy) and wordy == words[:len(wordy)]]
            command = next((p for p in prefixes if p in commands | marked), None)
            if command is None:
                guess = prefixes[0] if prefixes else words[0]
                problems.append(f"{where}: no command `{guess}` in the CLI, and the page does not mark it "
                                f"with <!-- status: {guess} -->")
                continue
            if command not in commands:
                continue  # marked as in preparation on this page
            rest = words[len(command.split()):]
            if command in groups and rest[:1] and not rest[0].startswith("-"):
                problems.append(f"{where}: `{command}` has no subcommand {rest[0]}")
                continue
            for word in rest:
                option = word.split("=", 1)[0]
                if option.startswith("--") and option != "--help" and f"{command} {option}" not in code \
                        and not any(f"{command} {o}" in code for o in _negations(option)):
                    problems.append(f"{where}: `{command}` has no option {option}")
    return problems


def _negations(option: str) -> list[str]:
    return [option.replace("--no-", "--", 1)] if option.startswith("--no-") else []


def test_status_markers_render_as_in_preparation_only_for_missing_commands():
    import importlib.util

    spec = importlib.util.spec_from_file_location("cli_status", DOCS.parent / "hooks" / "cli_status.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    text = "Intro.\n\n<!-- status: workshop plan -->\n\nSteps."
    absent = hook.rewrite(text, "how-to/x.md", {"grade"})
    present = hook.rewrite(text, "how-to/x.md", {"grade", "workshop plan"})
    assert "In preparation: `embargo-kit workshop plan`" in absent and "../reference/cli.md" in absent
    assert "In preparation" not in present and "../reference/cli.md#workshop-plan" in present
    assert "<!--" not in absent + present
