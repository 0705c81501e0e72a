"""Run one notebook in a fresh kernel: the small interface the grader and the sandbox share.

``run_notebook(nb, timeout=..., cwd=..., env=...)`` executes every code cell (continuing after errors) and
returns a :class:`RunOutcome` (``graded``, ``timeout`` or ``crashed``, a note, the executed notebook, the
errors raised). The grader calls it in-process; the sandbox calls it in a child process
(``python -m embargo_kit.exercises.sandbox run``). Neither depends on the other's private names.
"""

from __future__ import annotations

import asyncio
import functools
import math
import os
import re
import subprocess
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from .checking import MIMETYPE
from .runtime import ENV_STRICT

__all__ = ["DEFAULT_TIMEOUT", "MAX_OUTPUT_CHARS", "RunOutcome", "run_notebook", "short"]

DEFAULT_TIMEOUT = 120.0


@dataclass
class RunOutcome:
    status: str  # graded | timeout | crashed
    note: str
    nb: nbformat.NotebookNode
    errors: list[str] = field(default_factory=list)  # "cell 3 raised NameError: ..."
    seconds: float = 0.0


def _kernel_env(env: dict[str, str] | None) -> dict[str, str]:
    if env is not None:
        return dict(env)
    out = dict(os.environ)
    out.pop(ENV_STRICT, None)
    return out


def short(text: str, limit: int = 160) -> str:
    """``text`` on one line without terminal colours, cut to ``limit`` characters with an ellipsis."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", " ".join(str(text).split()))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fmt_seconds(timeout: float) -> str:
    return f"{timeout:g}"


@functools.cache
def _this_interpreter_manager():
    """A kernel manager class whose kernel is this Python (where embargo_kit is installed), whatever
    kernelspec named ``python3`` a user may have installed elsewhere."""
    import sys

    from jupyter_client.kernelspec import KernelSpec
    from jupyter_client.manager import AsyncKernelManager

    class ThisInterpreterKernelManager(AsyncKernelManager):
        @property
        def kernel_spec(self):  # type: ignore[override]
            if self._kernel_spec is None:
                self._kernel_spec = KernelSpec(
                    argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                    display_name="Python 3 (embargo-kit grader)",
                    language="python",
                    metadata={},
                )
            return self._kernel_spec

    return ThisInterpreterKernelManager


#: Outputs kept per notebook (characters). A cell printing in an endless loop would otherwise fill memory;
#: check results and errors are always kept.
MAX_OUTPUT_CHARS = 2_000_000
MAX_CHECK_OUTPUTS = 10_000


@functools.cache
def _capped_client_class():
    from nbclient import NotebookClient

    class CappedNotebookClient(NotebookClient):
        _chars = 0
        _checks = 0
        _truncated = False

        def output(self, outs, msg, display_id, cell_index):  # type: ignore[override]
            content = msg.get("content") or {}
            data = content.get("data") or {}
            if msg.get("msg_type") == "error" or (MIMETYPE in data and self._checks < MAX_CHECK_OUTPUTS):
                self._checks += MIMETYPE in data
                return super().output(outs, msg, display_id, cell_index)
            size = len(content.get("text", "") or "") + sum(len(str(v)) for v in data.values())
            room = MAX_OUTPUT_CHARS - self._chars
            self._chars += size
            if size > room and msg.get("msg_type") == "stream" and room > 0:
                msg = {**msg, "content": {**content, "text": content["text"][:room]}}
                super().output(outs, msg, display_id, cell_index)
            if size > room:
                if not self._truncated:
                    self._truncated = True
                    note = nbformat.v4.new_output("stream", name="stderr", text="[embargo-kit: further output dropped]\n")
                    outs.append(note)
                return None
            return super().output(outs, msg, display_id, cell_index)

    return CappedNotebookClient


async def _execute(nb, timeout: float, cwd: str, env: dict[str, str], kernel_name: str | None) -> RunOutcome:
    from nbclient.exceptions import DeadKernelError

    NotebookClient = _capped_client_class()

    extra: dict[str, Any] = {}
    if kernel_name is None:
        extra["kernel_manager_class"] = _this_interpreter_manager()
    client = NotebookClient(
        nb,
        **extra,
        timeout=max(1, math.ceil(timeout)),
        startup_timeout=60,
        kernel_name=kernel_name or "python3",
        allow_errors=True,
        interrupt_on_timeout=False,
        record_timing=False,
        shutdown_kernel="immediate",
        resources={"metadata": {"path": cwd}},
    )
    loop = asyncio.get_running_loop()
    started = loop.time()
    status, note, current = "graded", "", -1
    try:
        # the kernel's own stderr (e.g. ipykernel's TCP warning) is noise here; cell output comes over iopub
        async with client.async_setup_kernel(env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL):
            deadline = loop.time() + timeout
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                current = index
                remaining = deadline - loop.time()
                if remaining <= 0:
                    raise asyncio.TimeoutError
                client.timeout = max(1, math.ceil(remaining))
                await asyncio.wait_for(client.async_execute_cell(cell, index), remaining + 2)
    except (asyncio.TimeoutError, TimeoutError):
        status = "timeout"
        note = f"stopped after {_fmt_seconds(timeout)} s: the notebook did not finish (an endless loop?)"
    except DeadKernelError:
        status = "crashed"
        note = (
            f"the kernel stopped while running cell {current} "
            "(the notebook called exit(), crashed Python or ran out of memory)"
        )
    except Exception as exc:  # kernel failed to start, lost connection, ...
        status = "crashed"
        where = f" while running cell {current}" if current >= 0 else " before any cell ran"
        note = f"the kernel failed{where} ({exc.__class__.__name__}: {short(exc, 120)})"
    errors = []
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if out.get("output_type") == "error":
                errors.append(f"cell {index} raised {out.get('ename', 'an error')}: {short(out.get('evalue', ''), 120)}")
    return RunOutcome(status, note, nb, errors, loop.time() - started)


def run_notebook(
    nb: nbformat.NotebookNode,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    cwd: str | Path | None = None,
    env: dict[str, str] | None = None,
    kernel_name: str | None = None,
) -> RunOutcome:
    """Run every code cell of ``nb`` (in place) in a fresh kernel, continuing after errors.

    ``timeout`` bounds the whole notebook (from the moment the kernel is ready); on expiry the kernel is
    killed. ``env`` defaults to this process's environment without ``EMBARGO_KIT_STRICT``. ``kernel_name``
    None runs the kernel in this Python interpreter; a name uses that installed kernelspec.
    Stale outputs are cleared first, so results come only from this run.
    """
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    tmp = None
    if cwd is None:
        tmp = tempfile.TemporaryDirectory(prefix="embargo-kit-run-")
        cwd = tmp.name
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return asyncio.run(_execute(nb, float(timeout), str(cwd), _kernel_env(env), kernel_name))
    finally:
        if tmp is not None:
            tmp.cleanup()
