"""Run one submitted notebook in a separate process with resource limits, inside bubblewrap where it exists.

Trainee notebooks are untrusted code. Each one runs in its own throw-away folder, in a child process (the
notebook client and its kernel) with caps on memory, CPU time, open files, file size and processes, and a
wall-clock timeout. Where `bwrap` (Debian package `bubblewrap`) works, the child also runs:

* with the whole system read-only, a private /tmp, no network (its own network namespace: loopback only),
  its own process namespace, and killed with the grader (`--die-with-parent`);
* without sight of the home folders, the submissions folder or the results folder (empty tmpfs over them);
* as the unprivileged user `nobody` when the grader runs as root (`setpriv`), because a process limit does
  not bind root.

Where bwrap is missing or refused (macOS, Windows, containers without user namespaces), the folder and the
limits still apply and the grader says so. What a submission tried is reported only where it is visible in
its own outputs (a refused write, a refused connection, a limit hit); nothing more is claimed.

`python -m embargo_kit.exercises.sandbox run NOTEBOOK RESULT --timeout S` is the child's entry point.
"""
from __future__ import annotations

import functools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .runner import RunOutcome, run_notebook, short

INSIDE = Path("/tmp/work")  # where the throw-away folder appears inside the sandbox
NOBODY = 65534
#: What the reports say when notebooks ran in local kernels (``--sandbox off``).
NOTICE = "Checks ran in a local kernel without isolation; hidden or human-reviewed parts are not graded."


class SandboxUnavailable(RuntimeError):
    """--sandbox required, but bubblewrap cannot run here."""


@dataclass(frozen=True)
class Limits:
    memory_bytes: int = 4 * 1024**3      # address space of each process (client, kernel)
    cpu_seconds: int = 0                  # 0: derived from the timeout
    open_files: int = 1024
    file_bytes: int = 256 * 1024**2       # largest file a notebook may write
    processes: int = 160                  # tasks of the sandbox user (threads count)

    def describe(self, timeout: float) -> str:
        return (f"memory {self.memory_bytes / 1024**3:g} GiB per process, CPU {self.cpu(timeout)} s, "
                f"{self.open_files} open files, files up to {self.file_bytes // 1024**2} MiB, "
                f"{self.processes} processes (where they bind), wall clock {timeout:g} s")

    def cpu(self, timeout: float) -> int:
        return self.cpu_seconds or int(timeout * 2 + 30)


@dataclass(frozen=True)
class Protections:
    """Which protections are in force for a grading run, and a sentence a trainer can read."""

    mode: str          # "bwrap" | "limits" | "none"
    statement: str
    limits: Limits = field(default_factory=Limits)


@functools.cache
def bwrap_works() -> tuple[bool, str]:
    """(usable, reason). Tries a real, minimal sandbox, since user namespaces may be switched off."""
    path = shutil.which("bwrap")
    if not path:
        return False, "bubblewrap (bwrap) is not installed (Debian/Ubuntu package `bubblewrap`)"
    try:
        proc = subprocess.run([path, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-net",
                               "--unshare-pid", "--die-with-parent", "true"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, f"bwrap could not start ({exc.__class__.__name__})"
    if proc.returncode != 0:
        return False, f"bwrap is installed but refused to run here ({proc.stderr.strip()[:120] or proc.returncode})"
    return True, ""


def protections(mode: str, timeout: float, limits: Limits | None = None) -> Protections:
    limits = limits or Limits()
    if mode == "off":
        return Protections("none", NOTICE, limits)
    ok, reason = bwrap_works()
    if ok:
        who = " as the unprivileged user nobody" if os.geteuid() == 0 else ""
        return Protections("bwrap", (
            f"Each notebook ran in a bubblewrap sandbox{who}: read-only system, its own /tmp and working folder, "
            "no network, no view of home folders, of other submissions or of the results; limits: "
            f"{limits.describe(timeout)}. Hidden or human-reviewed parts are not graded."), limits)
    if mode == "required":
        raise SandboxUnavailable(f"--sandbox required, but {reason}. Install it (apt-get install bubblewrap) "
                                 "or grade with --sandbox auto to run with folder isolation and limits only.")
    root_note = " (the process limit does not bind when grading as root)" if os.geteuid() == 0 else ""
    return Protections("limits", (
        f"No sandbox: {reason}. Each notebook ran in its own throw-away folder, in a separate process with limits: "
        f"{limits.describe(timeout)}{root_note}. It could still read and write what your user can and reach the "
        "network. Hidden or human-reviewed parts are not graded."), limits)


# ------------------------------------------------------------------------------------------- the host side
def _set_limits(limits: Limits, timeout: float):
    import resource

    def apply():
        os.setsid()  # its own process group, so a timeout kills the client, the kernel and any children
        for name, value in (("RLIMIT_AS", limits.memory_bytes), ("RLIMIT_CPU", limits.cpu(timeout)),
                            ("RLIMIT_NOFILE", limits.open_files), ("RLIMIT_FSIZE", limits.file_bytes),
                            ("RLIMIT_NPROC", limits.processes), ("RLIMIT_CORE", 0)):
            try:
                resource.setrlimit(getattr(resource, name), (value, value))
            except (ValueError, OSError):
                pass  # a hard limit already lower than ours stays as it is
    return apply


def _python_paths() -> list[str]:
    """Folders the child Python needs to read (the interpreter, the venv, editable sources)."""
    paths = {sys.prefix, sys.base_prefix, str(Path(sys.executable).resolve().parent.parent)}
    paths.update(p for p in sys.path if p and Path(p).is_dir())
    # extra check modules (tests and authoring) must be readable too
    paths.update(p for p in os.environ.get("EMBARGO_KIT_EXTRA_CHECKS", "").split(os.pathsep) if p)
    return sorted(p for p in paths if p and Path(p).exists())


def _bwrap_command(inner: list[str], work: Path, hide: list[Path]) -> list[str]:
    cmd = ["bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"]
    # /tmp is replaced by the sandbox's own; home folders are hidden. A venv or checkout that lives under
    # one of them (a CI clone in /tmp, a venv in /root) is brought back read-only below.
    hidden_homes = [h for h in ("/tmp", "/root", "/home") if Path(h).is_dir()]
    for home in hidden_homes:
        cmd += ["--tmpfs", home]
    made: set[str] = set()
    for path in _python_paths():  # bring back only what Python needs (home folders are mode 700)
        home = next((h for h in hidden_homes if path == h or path.startswith(h + "/")), None)
        if home is None:
            continue
        # the folders on the way are created by bwrap; make them traversable by the sandbox user
        for parent in reversed(Path(path).parents):
            if str(parent).startswith(home + "/") and str(parent) not in made:
                made.add(str(parent))
                cmd += ["--perms", "0755", "--dir", str(parent)]
        cmd += ["--ro-bind", path, path]
    for folder in hide:  # after the binds, so the submissions and results stay hidden even inside them
        if folder.is_dir():
            cmd += ["--tmpfs", str(folder.resolve())]
    cmd += ["--bind", str(work), str(INSIDE), "--chdir", str(INSIDE), "--unshare-net", "--unshare-pid",
            "--unshare-ipc", "--unshare-uts", "--die-with-parent", "--new-session"]
    if os.geteuid() == 0 and shutil.which("setpriv"):
        cmd += ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    return cmd + inner


def _child_env(home: Path) -> dict[str, str]:
    keep = ("PATH", "LANG", "LC_ALL", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "EMBARGO_KIT_EXTRA_CHECKS",
            "PYTHONHASHSEED", "TZ")
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(HOME=str(home), JUPYTER_RUNTIME_DIR=str(home / "runtime"), JUPYTER_DATA_DIR=str(home / "data"),
               IPYTHONDIR=str(home / "ipython"), MPLCONFIGDIR=str(home / "mpl"), MPLBACKEND="Agg",
               PYTHONDONTWRITEBYTECODE="1", PYDEVD_DISABLE_FILE_VALIDATION="1", OMP_NUM_THREADS="1",
               OPENBLAS_NUM_THREADS="1")
    return env


def run_isolated(nb_file: Path, work: Path, timeout: float, prot: Protections, hide: list[Path]):
    """Run `work/nb_file` (a copy) in a child process; return the RunOutcome the in-process runner would."""
    work = Path(work)
    os.chmod(work, 0o777)  # the sandbox user (nobody) writes its results here
    os.chmod(work / nb_file.name, 0o666)
    base = INSIDE if prot.mode == "bwrap" else work
    inner = [sys.executable, "-m", "embargo_kit.exercises.sandbox", "run", str(base / nb_file.name),
             str(base / "result.json"), "--timeout", f"{timeout:g}"]
    cmd = _bwrap_command(inner, work, hide) if prot.mode == "bwrap" else inner
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=work, env=_child_env(base / ".home"), stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=_set_limits(prot.limits, timeout))
    try:
        _, err = proc.communicate(timeout=timeout + 90)  # startup and kernel shutdown on top of the notebook's time
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        proc.communicate()
        return RunOutcome("timeout", f"stopped after {timeout:g} s: the notebook did not finish (an endless loop?)",
                          nbformat.v4.new_notebook(), [], time.perf_counter() - started)
    seconds = time.perf_counter() - started
    _kill_group(proc)  # whatever the notebook left running (a forked child) goes with it
    result = work / "result.json"
    executed = work / "executed.ipynb"
    if not result.exists():
        tail = (err or b"").decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        why = "ran out of memory" if "MemoryError" in tail[0] else _signal_note(proc.returncode) or short(tail[0], 120) \
            or f"exit code {proc.returncode}"
        return RunOutcome("crashed", f"the grading process stopped before it could report ({why})",
                          nbformat.v4.new_notebook(), [], seconds)
    data = json.loads(result.read_text(encoding="utf-8"))
    try:
        nb = nbformat.read(executed, as_version=4)
    except Exception:
        nb = nbformat.v4.new_notebook()
    return RunOutcome(data["status"], data["note"], nb, data.get("errors", []), seconds)


def _signal_note(returncode: int | None) -> str:
    """Name a fatal signal; under the address-space limit a C library that cannot allocate often dies of SIGSEGV."""
    if returncode is None:
        return ""
    number = -returncode if returncode < 0 else returncode - 128 if returncode > 128 else 0
    if number in (signal.SIGSEGV, signal.SIGBUS, signal.SIGKILL, signal.SIGABRT):
        return f"killed by {signal.Signals(number).name}, most often the memory limit"
    return ""


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


# ------------------------------------------------------------------------------ what a submission visibly did
SIGNS = [
    (re.compile(r"Read-only file system|Errno 30\b|PermissionError|Errno 13\b|Operation not permitted"),
     "a write outside its folder was refused"),
    (re.compile(r"Network is unreachable|Errno 101\b|ConnectionRefusedError|Errno 111\b|gaierror|"
                r"Temporary failure in name resolution"), "a network connection was refused"),
    (re.compile(r"MemoryError|Cannot allocate memory|Errno 12\b"), "hit the memory limit"),
    (re.compile(r"BlockingIOError.*Resource temporarily unavailable|Errno 11\b.*fork|fork.*Resource temporarily"),
     "hit the process limit"),
    (re.compile(r"File too large|Errno 27\b"), "hit the file-size limit"),
    (re.compile(r"\[embargo-kit: further output dropped\]"), "printed more than 2 MB; the rest was dropped"),
]


def visible_attempts(nb: nbformat.NotebookNode) -> list[str]:
    """What the notebook's own outputs show it ran into; in the order of SIGNS, each once."""
    texts = []
    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            texts.append(str(out.get("text", "")))
            texts.append(f"{out.get('ename', '')}: {out.get('evalue', '')}")
            texts.extend(str(v) for v in (out.get("data") or {}).values() if isinstance(v, str))
    blob = "\n".join(texts)
    return [label for rx, label in SIGNS if rx.search(blob)]


# ------------------------------------------------------------------------------------------ the child side
def _child_main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m embargo_kit.exercises.sandbox")
    sub = parser.add_subparsers(dest="cmd", required=True)
    run = sub.add_parser("run", help="run one notebook and write RESULT (JSON) and executed.ipynb beside it")
    run.add_argument("notebook", type=Path)
    run.add_argument("result", type=Path)
    run.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args(argv)
    home = Path(os.environ.get("HOME", args.result.parent / ".home"))
    for sub_dir in ("runtime", "data", "ipython", "mpl"):
        (home / sub_dir).mkdir(parents=True, exist_ok=True)
    nb = nbformat.read(args.notebook, as_version=4)
    env = dict(os.environ)
    env.pop("EMBARGO_KIT_STRICT", None)
    outcome = run_notebook(nb, timeout=args.timeout, cwd=args.notebook.parent, env=env)
    nbformat.write(outcome.nb, args.result.parent / "executed.ipynb")
    args.result.write_text(json.dumps({"status": outcome.status, "note": outcome.note, "errors": outcome.errors}),
                           encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(_child_main(sys.argv[1:]))
