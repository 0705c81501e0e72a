"""MkDocs hook: say on the page whether a command it describes exists in this version of the kit.

A page that describes a command still being added writes, above the steps that use it::

    <!-- status: workshop plan -->

At build time the hook looks the command up in the code (``embargo_kit.cli:app``, via the same introspection
that generates the CLI reference). If the command is there, the marker becomes a one-line pointer to its
reference entry; if not, an "In preparation" note. So the handbook stops calling a command "in preparation"
on the day it is registered, without anyone editing the page.
"""

from __future__ import annotations

import re

MARKER = re.compile(r"<!--\s*status:\s*(?P<command>[a-z][a-z0-9 -]*?)\s*-->")
_commands: set[str] | None = None


def known_commands() -> set[str]:
    """Command paths of the CLI: {"grade", "exercises", "exercises build", ...}."""
    global _commands
    if _commands is None:
        try:
            from embargo_kit.cli.reference import commands
        except ImportError as exc:
            from mkdocs.exceptions import PluginError

            raise PluginError(f"the handbook reads the kit's commands from the embargo_kit package, which this "
                              f"Python cannot import ({exc}); build it with `make handbook` or the .venv's mkdocs") \
                from None
        _commands = {" ".join(d.path) for d in commands() if d.path}
    return _commands


def on_config(config):  # noqa: ARG001 - MkDocs hook signature
    """Read the commands afresh at each build (under `mkdocs serve`, restart it after changing src/embargo_kit/cli/)."""
    global _commands
    _commands = None
    return config


def note_for(command: str, present: bool, reference: str) -> str:
    anchor = command.replace(" ", "-")
    if present:
        return (f'!!! info "`embargo-kit {command}`"\n'
                f"    Every option of this command: [its entry in the CLI reference]({reference}#{anchor}).\n")
    return (f'!!! warning "In preparation: `embargo-kit {command}`"\n'
            f"    This version of the kit does not have `embargo-kit {command}` yet: it is being added for the next\n"
            f"    release, and this page describes it as the kit's design names it. Until it lands, "
            f"`embargo-kit --help` lists\n"
            f"    the commands you have, and the [CLI reference]({reference}) lists every option of each.\n")


def _reference_path(src_path: str) -> str:
    depth = src_path.replace("\\", "/").count("/")
    return "../" * depth + "reference/cli.md"


def rewrite(markdown: str, src_path: str, commands: set[str]) -> str:
    def replace(match: re.Match) -> str:
        command = match["command"].strip()
        return note_for(command, command in commands, _reference_path(src_path))

    return MARKER.sub(replace, markdown)


def on_page_markdown(markdown, page, config, files):  # noqa: ARG001 - MkDocs hook signature
    if "<!--" not in markdown:
        return markdown
    return rewrite(markdown, page.file.src_path, known_commands())
