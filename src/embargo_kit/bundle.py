"""What goes on a trainee's laptop: the learner wheel, the learner bundle zip and an offline wheelhouse.

design.md ("Nothing with an answer on a trainee's laptop", "Learner bundle and offline wheelhouse"):

* :func:`build_learner_wheel` builds the package's wheel and rewrites it as ``<version>+learner``: the quiz bank
  keeps item IDs, stems and options but loses every ``correct``, ``accept``, ``feedback`` and ``explanation``
  field, and every pre/post item; everything else (the registry's force data included: it is law, not an
  answer) ships unchanged. Checks already keep right picks as salted hashes.
* :func:`build_full_wheel` is the ordinary wheel, for the trainer kit.
* :func:`build_wheelhouse` fills a folder with the learner wheel and every wheel a trainee needs to open and
  run the notebooks (jupyterlab included), for ``pip install --no-index --find-links``. It is built for the
  machine that runs it (tested: Linux x86_64, CPython 3.11); for Windows or macOS run the same command there,
  or install online (:data:`README`).
* :func:`build_learner_bundle` writes one zip: the learner wheel, the learner notebooks, a README with the
  commands for Windows, macOS and Linux (and, with ``wheelhouse=True``, the wheelhouse).
* :func:`scan_archive` lists what in a wheel or zip only a trainer may see; the kit's scan calls it on every
  archive of the learner kit.
"""
from __future__ import annotations

import base64
import csv
import hashlib
import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import yaml

__all__ = ["BundleError", "LEARNER_TAG", "build_full_wheel", "build_learner_wheel", "build_wheelhouse",
           "build_learner_bundle", "learner_bank", "scan_archive", "project_root", "README", "wheelhouse_pythons"]

LEARNER_TAG = "learner"
BANK_PREFIX = "embargo_kit/data/quizbank/"
KEY_FIELDS = ("accept", "explanation")
OPTION_KEY_FIELDS = ("correct", "feedback")  # feedback says "Yes" on the right option: it is a key too
# What a trainee installs besides the package, to open and run the notebooks.
LEARNER_EXTRAS = ("jupyterlab",)
BUNDLE_NAME = "embargo-kit-learner-bundle.zip"


class BundleError(RuntimeError):
    """A wheel, wheelhouse or bundle could not be built; the message says why and what to do."""


def project_root(start: Path | None = None) -> Path:
    """The course repository (pyproject.toml naming embargo_kit, with exercises/), from ``start`` or this file."""
    for base in ([Path(start)] if start else []) + [Path(__file__).resolve().parent, Path.cwd()]:
        for cand in (base.resolve(), *base.resolve().parents):
            py = cand / "pyproject.toml"
            if py.is_file() and "embargo_kit" in py.read_text(encoding="utf-8", errors="replace") \
                    and (cand / "src" / "embargo_kit").is_dir():
                return cand
    raise BundleError("the course repository (pyproject.toml and src/embargo_kit) was not found: run this from a "
                      "clone of the course, not from an installed package")


# ------------------------------------------------------------------------------------------- wheels


def build_full_wheel(out_dir: Path, root: Path | None = None) -> Path:
    """The package's ordinary wheel (answers included: for the trainer kit)."""
    root = project_root(root)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ek-wheel-") as tmp:
        # A clean copy: an in-tree build reuses build/lib, which can hold files deleted since.
        source = Path(tmp) / "source"
        source.mkdir()
        for name in ("pyproject.toml", "README.md", "setup.cfg", "MANIFEST.in", "LICENSE"):
            if (root / name).is_file():
                shutil.copy2(root / name, source / name)
        shutil.copytree(root / "src", source / "src",
                        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc", ".ipynb_checkpoints"))
        proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
                               "-w", tmp, str(source)], capture_output=True, text=True)
        wheels = sorted(Path(tmp).glob("embargo_kit-*.whl"))
        if proc.returncode != 0 or not wheels:
            raise BundleError("could not build the embargo_kit wheel: "
                              + ((proc.stderr or "").strip().splitlines() or ["pip wheel failed"])[-1])
        target = out_dir / wheels[-1].name
        shutil.copy2(wheels[-1], target)
    return target


def learner_bank(text: str) -> str:
    """A quiz-bank file as it ships to trainees: no pre/post items, no key fields."""
    items = yaml.safe_load(text) or []
    out = []
    for item in items:
        if not isinstance(item, dict) or "pre-post" in (item.get("use") or []):
            continue
        item = {k: v for k, v in item.items() if k not in KEY_FIELDS}
        if isinstance(item.get("options"), list):
            item["options"] = [{k: v for k, v in o.items() if k not in OPTION_KEY_FIELDS} if isinstance(o, dict)
                               else o for o in item["options"]]
        out.append(item)
    return ("# Learner copy of the quiz bank: item IDs, stems and options only; no keys, no pre/post items.\n"
            + yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=120))


def _record_line(name: str, data: bytes) -> list[str]:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return [name, f"sha256={digest}", str(len(data))]


def _relabel(wheel: Path, out_dir: Path, tag: str) -> Path:
    """Rewrite ``wheel`` as version ``+tag`` with the learner's quiz bank; a fresh RECORD."""
    match = re.match(r"(?P<name>[^-]+)-(?P<version>[^-]+)-(?P<rest>.+)\.whl$", wheel.name)
    if not match:
        raise BundleError(f"{wheel.name}: not a wheel file name")
    name, version = match["name"], match["version"]
    new_version = f"{version.split('+')[0]}+{tag}"
    old_info, new_info = f"{name}-{version}.dist-info/", f"{name}-{new_version}.dist-info/"
    target = Path(out_dir) / f"{name}-{new_version}-{match['rest']}.whl"
    records = []
    with zipfile.ZipFile(wheel) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            arcname = info.filename
            if arcname.startswith(old_info):
                arcname = new_info + arcname[len(old_info):]
            if arcname == new_info + "RECORD":
                continue
            data = src.read(info.filename)
            if arcname.startswith(BANK_PREFIX) and arcname.endswith((".yaml", ".yml")):
                data = learner_bank(data.decode("utf-8")).encode("utf-8")
            elif arcname == new_info + "METADATA":
                data = re.sub(rb"^Version: .*$", f"Version: {new_version}".encode(), data, count=1, flags=re.M)
            dst.writestr(arcname, data)
            records.append(_record_line(arcname, data))
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerows(records + [[new_info + "RECORD", "", ""]])
        dst.writestr(new_info + "RECORD", buf.getvalue())
    return target


def build_learner_wheel(out_dir: Path, root: Path | None = None) -> Path:
    """The wheel for trainees' laptops (``+learner``): no keys, no pre/post items. Returns its path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ek-learner-") as tmp:
        full = build_full_wheel(Path(tmp), root)
        learner = _relabel(full, out_dir, LEARNER_TAG)
    leaks = scan_archive(learner)
    if leaks:
        raise BundleError("the learner wheel would carry answers: " + "; ".join(leaks[:10]))
    return learner


# ------------------------------------------------------------------------------------------- scanning

LEAK_MARKERS = ("answer-key", "trainer-note", "Instructor edition: contains", '<aside class="notes">', "Answer key",
                "# BEGIN SOLUTION", "pre/post test item")
TEXT_SUFFIXES = (".html", ".ipynb", ".md", ".txt", ".js", ".json", ".csv")


def _bank_leak(name: str, text: str) -> str | None:
    try:
        items = yaml.safe_load(text) or []
    except yaml.YAMLError:
        return f"{name}: a quiz-bank file that cannot be read"
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        if "pre-post" in (item.get("use") or []):
            return f"{name}: pre/post item {item.get('id')}"
        if any(k in item for k in KEY_FIELDS) or any(
                isinstance(o, dict) and any(k in o for k in OPTION_KEY_FIELDS) for o in item.get("options") or []):
            return f"{name}: item {item.get('id')} carries its key"
    return None


def scan_archive(path: Path, label: str = "") -> list[str]:
    """What in a wheel or zip (and in the archives inside it) only a trainer may see."""
    label = label or Path(path).name
    found = []
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        return [f"{label}: not a readable archive, so it cannot be checked"]
    with zf:
        for name in zf.namelist():
            where = f"{label}!{name}"
            if name.endswith("/"):
                continue
            if "/solutions/" in f"/{name}" or "answer-key" in name:
                found.append(f"{where}: a solutions or answer-key file")
                continue
            if name.endswith((".whl", ".zip")):
                with tempfile.TemporaryDirectory(prefix="ek-scan-") as tmp:
                    inner = Path(tmp) / Path(name).name
                    inner.write_bytes(zf.read(name))
                    found += scan_archive(inner, where)
                continue
            if "quizbank/" in name and name.endswith((".yaml", ".yml")):
                leak = _bank_leak(where, zf.read(name).decode("utf-8", errors="replace"))
                if leak:
                    found.append(leak)
                continue
            if name.endswith(TEXT_SUFFIXES):
                text = zf.read(name).decode("utf-8", errors="replace")
                marker = next((m for m in LEAK_MARKERS if m in text), None)
                if marker:
                    found.append(f"{where}: contains {marker!r}")
    return found


# ------------------------------------------------------------------------------------------- wheelhouse


def build_wheelhouse(out_dir: Path, wheel: Path, *, extras: tuple[str, ...] = LEARNER_EXTRAS,
                     python: str | Path | None = None) -> Path:
    """Every wheel that ``wheel`` and ``extras`` need, for the platform and Python of ``python``, in ``out_dir``.

    ``python`` is the interpreter whose pip fills the wheelhouse (default: this one), so its own tags pick the
    wheels: run it once per Python the room has (3.11 and 3.12 share a folder). pip reaches the configured index
    or mirror; the trainee side installs with ``pip install --no-index --find-links``. Ready-made wheels only:
    pip may build a pure-Python wheel from a source archive (searoute has no wheel on PyPI), but a package it
    would have to compile for this machine is refused, because such a wheel would not install elsewhere; make
    it an optional extra instead (as name matching is: :mod:`embargo_kit.exercises.optional`).
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if not (out_dir / Path(wheel).name).exists():
        shutil.copy2(wheel, out_dir / Path(wheel).name)
    interpreter = str(python or sys.executable)
    cmd = [interpreter, "-m", "pip", "wheel", "--prefer-binary", "--disable-pip-version-check", "-w", str(out_dir),
           str(out_dir / Path(wheel).name), *extras]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True)
    except OSError as exc:
        raise BundleError(f"{interpreter}: cannot run this Python to fill the wheelhouse ({exc})") from None
    if proc.returncode != 0:
        tail = [line for line in (proc.stderr or proc.stdout or "").strip().splitlines()
                if not line.startswith("WARNING: Location")][-3:]
        raise BundleError("the wheelhouse could not be filled (pip needs a package index or mirror while the kit is "
                          "built): " + " / ".join(tail))
    compiled = [name for name in re.findall(r"Created wheel for \S+: filename=(\S+\.whl)", proc.stdout or "")
                if not re.search(r"-py[23][^-]*-none-any\.whl$", name)]
    # a wheel pip built here earlier comes from its cache without "Created wheel": on Linux its tag gives it away
    compiled += [p.name for p in out_dir.glob("*-linux_*.whl") if p.name not in compiled]
    if compiled:
        raise BundleError("these packages have no ready-made wheel and were compiled for this machine only, so the "
                          "wheelhouse would not install on another one: " + ", ".join(sorted(compiled))
                          + ". Make them an optional extra (see embargo_kit/exercises/optional.py).")
    return out_dir


def wheelhouse_pythons(house: Path) -> list[str]:
    """The CPython versions a wheelhouse has compiled wheels for, e.g. ``["3.11", "3.12"]``."""
    tags = {m.group(1) for p in Path(house).glob("*.whl") for m in [re.search(r"-cp3(\d+)-cp3\d+", p.name)] if m}
    return [f"3.{minor}" for minor in sorted(tags, key=int)]


# ------------------------------------------------------------------------------------------- the bundle

README = """\
Learner bundle: {title}
{rule}

What is here
  {wheel}
      the course package (practice data, checks; no answers)
  notebooks/
      the exercise notebooks; open them in JupyterLab
{wheelhouse_line}
Install once (Python 3.11 or 3.12; 3.13 is not tested)
------------------------------------------------------
Linux (tested: x86_64)
  python3 -m venv ekvenv
  ekvenv/bin/pip install {find}{wheel} jupyterlab
  ekvenv/bin/jupyter lab notebooks/

macOS
  python3 -m venv ekvenv
  ekvenv/bin/pip install {online}{wheel} jupyterlab
  ekvenv/bin/jupyter lab notebooks/

Windows (PowerShell or cmd, in this folder)
  py -3.12 -m venv ekvenv
  ekvenv\\Scripts\\pip install {online}{wheel} jupyterlab
  ekvenv\\Scripts\\jupyter lab notebooks\\

{platform_note}
Check the set-up: open any notebook, run all cells (Run > Run All Cells). Every check prints
PASS, NOT YET or CAN'T CHECK with a sentence; an untouched notebook prints NOT YET. A traceback
instead means the set-up is not finished: ask your trainer.

{names_note}
The practice data are fictional (the Republic of Lumeria, its companies, vessels and banks); real
designated entities appear only as they appear on the public 1718 List.
"""

PLATFORM_NOTE_OFFLINE = """\
The wheelhouse/ folder holds ready-made wheels for Linux x86_64, CPython {py}: on Linux it installs
with no internet. macOS and Windows install online (the commands above, with internet), or build their
own wheelhouse once on a connected machine of the same system and Python:
  pip wheel -w wheelhouse {wheel} jupyterlab
then copy wheelhouse/ to the room and install with
  pip install --no-index --find-links wheelhouse {wheel} jupyterlab
"""

PLATFORM_NOTE_ONLINE = """\
These commands need internet once. For a room without internet, the trainer builds a wheelhouse
(`embargo-kit workshop kit --wheelhouse`, or `pip wheel -w wheelhouse {wheel} jupyterlab` on a
connected machine of the same system and Python) and installs with
  pip install --no-index --find-links wheelhouse {wheel} jupyterlab
"""

#: design.md: a dependency with no wheels is an optional extra, and the README says which notebooks need it
NAMES_NOTE = """\
Name matching is optional: customs-02 and finance-02
----------------------------------------------------
Those two notebooks compare names with followthemoney, rigour and fingerprints. They need PyICU,
which has no ready-made wheel on PyPI, so they are not in the wheelhouse and not installed by the
commands above. Without them both notebooks still run: the setup cell says what to install, and
the name questions print CAN'T CHECK with the install line; every other notebook is unaffected.
To add them (internet needed), in the same ekvenv:
  Linux (Debian or Ubuntu): sudo apt install libicu-dev pkg-config g++ python3-dev
    (pip compiles PyICU; python3-dev: the headers of the Python in ekvenv, python3.X-dev), then
    ekvenv/bin/pip install {names}
  macOS: conda-forge builds pyicu for macOS (Intel and Apple silicon). Use a conda environment
    instead of ekvenv:  conda create -n ek -c conda-forge python=3.12 pyicu jupyterlab
    conda activate ek  then  pip install {wheel} {names}
  Windows: PyPI has no PyICU wheel. The pyicu-build project publishes Windows wheels on its
    Releases page (https://github.com/cgohlke/pyicu-build/releases): download the one for your
    Python (cp312 = 3.12, win_amd64 = 64-bit) and install it first, then the libraries:
    ekvenv\\Scripts\\pip install pyicu-<version>-cp312-cp312-win_amd64.whl
    ekvenv\\Scripts\\pip install {names}
"""


def names_requirements() -> str:
    """The optional name-matching libraries as pip arguments, e.g. ``"followthemoney<5,>=4.11" ...``."""
    from embargo_kit.exercises import optional

    return " ".join(f'"{r}"' for r in optional.requirements())


def bundle_readme(wheel_name: str, wheelhouse: bool, title: str = "all tracks",
                  pythons: list[str] | None = None) -> str:
    py = " and ".join(pythons or [f"{sys.version_info.major}.{sys.version_info.minor}"])
    find = "--no-index --find-links wheelhouse " if wheelhouse else ""
    note = (PLATFORM_NOTE_OFFLINE if wheelhouse else PLATFORM_NOTE_ONLINE).format(py=py, wheel=wheel_name)
    names = names_requirements()
    return README.format(title=title, rule="=" * (17 + len(title)), wheel=wheel_name, find=find, online="",
                         wheelhouse_line=("  wheelhouse/\n      every package the notebooks need, for Linux x86_64 "
                                          f"CPython {py} with no internet\n" if wheelhouse else ""),
                         platform_note=note, names_note=NAMES_NOTE.format(wheel=wheel_name, names=names))


def learner_notebooks(root: Path, lessons: list[str] | None = None) -> list[Path]:
    """The learner notebooks (never solutions) of ``lessons`` (all if None), in part then name order."""
    base = Path(root) / "exercises"
    found = []
    for path in sorted(base.glob("*/*.ipynb")):
        if path.parent.name == "solutions":
            continue
        if lessons is None or any(path.name.startswith(lesson + "-") or path.stem == lesson
                                  or re.match(re.escape(lesson) + r"[ab]?-", path.name) for lesson in lessons):
            found.append(path)
    return found


def build_learner_bundle(out_dir: Path, *, wheelhouse: bool = False, root: Path | None = None,
                         lessons: list[str] | None = None, title: str = "all tracks",
                         wheelhouse_dir: Path | None = None) -> Path:
    """One zip for trainees: learner wheel, learner notebooks, README (and the wheelhouse). Returns its path.

    ``wheelhouse_dir``: an already filled wheelhouse to include (else one is built when ``wheelhouse``).
    """
    root = project_root(root)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / BUNDLE_NAME
    with tempfile.TemporaryDirectory(prefix="ek-bundle-") as tmp:
        wheel = build_learner_wheel(Path(tmp) / "wheel", root)
        house = None
        if wheelhouse:
            house = Path(wheelhouse_dir) if wheelhouse_dir else build_wheelhouse(Path(tmp) / "wheelhouse", wheel)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("README.txt", bundle_readme(wheel.name, house is not None, title,
                                                    wheelhouse_pythons(house) if house is not None else None))
            zf.write(wheel, wheel.name)
            for nb in learner_notebooks(root, lessons):
                zf.write(nb, f"notebooks/{nb.parent.name}/{nb.name}")
            if house is not None:
                for path in sorted(house.glob("*.whl")):
                    if not path.name.startswith("embargo_kit-") or path.name == wheel.name:
                        zf.write(path, f"wheelhouse/{path.name}", compress_type=zipfile.ZIP_STORED)
                if not (house / wheel.name).exists():
                    zf.write(wheel, f"wheelhouse/{wheel.name}", compress_type=zipfile.ZIP_STORED)
    leaks = scan_archive(target)
    if leaks:
        target.unlink()
        raise BundleError("the learner bundle would carry answers, so it was not written: " + "; ".join(leaks[:10]))
    return target
