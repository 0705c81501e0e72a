"""Performance benchmark of the learner edition (a report, not a timed test): `make benchmark`.

Measures, and prints and writes to benchmarks/results/latest.json:

* build times: a clean build of both editions (empty output folder, `embargo_kit.book.build_both`, what
  `make build` runs) and a cached rebuild of the learner edition (nothing changed), into a temporary folder,
  so the build in _build/ is left alone; and the build ratio: the clean build of both editions divided by
  the time to execute the solution notebooks alone, one after another (budget: 1.5), with the load average;
* page weight: the bytes Chromium fetches to render each page from a cold cache over http://127.0.0.1
  (a new browser context per page; Chromium's own count of encoded bytes per response, headers included),
  for the landing page and every lesson; the median and the largest lesson are compared with the budget
  (median lesson <= 300 KB);
* axe-core on every page of the learner edition (violations by impact; serious or critical ones listed);
* Lighthouse scores (performance, accessibility, best practices) for the landing page and the median
  lesson, when a `lighthouse` command is on PATH or named by $LIGHTHOUSE (it needs npm; it is not a
  dependency of the kit; 12.2.3 runs on Node 20);
* the time to execute every exercise notebook, solutions and learner versions, each in its own kernel.

Options: --html DIR measures an existing build instead of building (no build times); --skip-notebooks and
--skip-axe leave out the slow parts; --build-ratio measures only the build ratio; --check exits 1 when a budget is missed. Chromium is Debian's /usr/bin/chromium, never a downloaded browser.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
sys.path.insert(0, str(ROOT / "tests" / "browser"))
import sitekit  # noqa: E402  (tests/browser/sitekit.py: serve, launch, route guard, page discovery, axe)

BUDGET_MEDIAN_LESSON = 300 * 1024
BUDGET_BUILD_RATIO = 1.5  # clean build of both editions / executing the solution notebooks alone
BUDGET_ACCESSIBILITY = 100


def log(message: str) -> None:
    print(message, flush=True)


# --------------------------------------------------------------------------------------------- builds


def build_learner(root: Path, out: Path) -> tuple[int, float, str]:
    """One learner build of ``root`` into ``out`` (the command embargo_kit.book runs, another output folder)."""
    jb = Path(sys.executable).with_name("jupyter-book")
    env = dict(os.environ, EMBARGO_KIT_EDITION="learner", PYDEVD_DISABLE_FILE_VALIDATION="1")
    cmd = [str(jb), "build", str(root), "--path-output", str(out), "-W", "-n", "--keep-going"]
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=root, capture_output=True, text=True)
    return proc.returncode, time.perf_counter() - start, (proc.stdout + proc.stderr)[-3000:]


def build_both(root: Path, out: Path) -> tuple[int, float]:
    """A clean build of both editions into ``out`` (the learner edition while the solutions execute, then the
    instructor edition: what `make build` runs)."""
    from embargo_kit.book import build_both as run_both

    return run_both(root, quiet=True, out_root=out)


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and of its finished children (builds, kernels)."""
    import resource

    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def build_ratio(clean_both: float, solutions_seconds: float, cpu: dict | None = None) -> dict:
    ratio = clean_both / solutions_seconds if solutions_seconds else float("nan")
    return {"clean_both_seconds": round(clean_both, 1), "solutions_alone_seconds": round(solutions_seconds, 1),
            "cpu_seconds": cpu or {},
            "ratio": round(ratio, 2), "budget": BUDGET_BUILD_RATIO, "met": ratio <= BUDGET_BUILD_RATIO,
            "cpus": os.cpu_count(), "load_average": [round(x, 2) for x in os.getloadavg()]}


def log_ratio(r: dict) -> None:
    verdict = "within" if r["met"] else "OVER"
    log(f"  build ratio {r['ratio']:.2f} ({verdict} the {r['budget']} budget): clean build of both editions "
        f"{r['clean_both_seconds']} s / solution notebooks alone {r['solutions_alone_seconds']} s "
        f"({r['cpus']} CPUs, load average {', '.join(map(str, r['load_average']))})")
    if r.get("cpu_seconds"):
        log(f"  CPU time: both editions {r['cpu_seconds']['both']:.1f} s, solutions alone "
            f"{r['cpu_seconds']['solutions']:.1f} s (on a shared machine, the wall times depend on the load)")


# ---------------------------------------------------------------------------------------- page weight


_GZIP: dict[Path, int] = {}


def gzip_size(html: Path, url_path: str) -> int:
    """What a web server that compresses (nginx, GitHub Pages) would send for this file (gzip -6, no headers)."""
    target = html / unquote(url_path.split("?", 1)[0].lstrip("/"))
    if target.is_dir():
        target = target / "index.html"
    if target not in _GZIP:
        _GZIP[target] = len(gzip.compress(target.read_bytes(), 6)) if target.is_file() else 0
    return _GZIP[target]


def page_weight(browser, base: str, path: str, html: Path) -> dict:
    """Bytes fetched to render ``path`` from a cold cache; requests outside the local server are refused."""
    tab = sitekit.open_tab(browser, base)
    try:
        cdp = tab.context.new_cdp_session(tab.page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        urls: dict[str, str] = {}
        sizes: dict[str, int] = {}
        cdp.on("Network.responseReceived", lambda e: urls.__setitem__(e["requestId"], e["response"]["url"]))
        cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])))
        tab.goto(path)
        tab.page.wait_for_load_state("networkidle")
        resources = sorted(((urls.get(k, "?").replace(base, "/"), v) for k, v in sizes.items()),
                           key=lambda kv: -kv[1])
        gzipped = sum(gzip_size(html, url) for url, _ in resources if not url.startswith(("http", "data:")))
        return {"page": path, "bytes": sum(sizes.values()), "gzip_bytes": gzipped, "requests": len(sizes),
                "largest": resources[:5], "foreign": list(tab.foreign), "errors": list(tab.errors)}
    finally:
        tab.context.close()


def accessibility(browser, base: str, path: str, viewport: dict | None = None) -> dict:
    """axe-core from npm (node_modules/axe-core, the current release) on one page, desktop or phone."""
    tab = sitekit.open_tab(browser, base, viewport)
    try:
        tab.goto(path)
        if path.startswith("search.html?q="):
            tab.page.locator("#search-results ul.search li").first.wait_for(timeout=15000)
        result = sitekit.axe_run(tab.page)
        return {"page": path, "axe_version": result["version"],
                "violations": [{"id": v["id"], "impact": v.get("impact"), "nodes": v["count"], "help": v["help"]}
                               for v in result["violations"]],
                "foreign": list(tab.foreign)}
    finally:
        tab.context.close()


# ----------------------------------------------------------------------------------------- lighthouse


LIGHTHOUSE_RUNS = 3


def _lighthouse_exe() -> str | None:
    local = ROOT / "node_modules" / ".bin" / "lighthouse"
    return os.environ.get("LIGHTHOUSE") or (str(local) if local.exists() else None) or shutil.which("lighthouse")


def lighthouse_once(exe: str, url: str) -> dict:
    """One Lighthouse run (its default: the mobile preset, simulated throttling) in Debian's Chromium."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        cmd = [exe, url, "--quiet", "--output=json", f"--output-path={report}",
               "--only-categories=performance,accessibility,best-practices",
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking"]
        env = dict(os.environ, CHROME_PATH=sitekit.CHROMIUM)
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
        if proc.returncode != 0 or not report.exists():
            return {"skipped": f"Lighthouse failed: {(proc.stderr or proc.stdout)[-500:]}"}
        data = json.loads(report.read_text(encoding="utf-8"))
    out = {name: round(cat["score"] * 100) if cat.get("score") is not None else None
           for name, cat in data["categories"].items()}
    audits = data.get("audits", {})
    out["fcp_ms"] = round(audits.get("first-contentful-paint", {}).get("numericValue") or 0)
    out["lcp_ms"] = round(audits.get("largest-contentful-paint", {}).get("numericValue") or 0)
    out["transfer_bytes"] = int(audits.get("total-byte-weight", {}).get("numericValue") or 0)
    out["lighthouse"] = data.get("lighthouseVersion")
    return out


def lighthouse(url: str, runs: int = LIGHTHOUSE_RUNS) -> dict:
    """The median of ``runs`` Lighthouse runs (each figure's own median), and every run's figures."""
    exe = _lighthouse_exe()
    if not exe:
        return {"skipped": "Lighthouse is not installed (npm ci --ignore-scripts installs lighthouse 12.8.2 from "
                           "package.json); skipped."}
    results = [lighthouse_once(exe, url) for _ in range(runs)]
    good = [r for r in results if "skipped" not in r]
    if not good:
        return results[0]
    median = {key: statistics.median(r[key] for r in good if r.get(key) is not None)
              for key in ("performance", "accessibility", "best-practices", "fcp_ms", "lcp_ms", "transfer_bytes")
              if any(r.get(key) is not None for r in good)}
    median.update({"runs": len(good), "lighthouse": good[0].get("lighthouse"), "each": good})
    return median


# ------------------------------------------------------------------------------------------ notebooks


def execute_notebooks(root: Path, kinds: tuple[str, ...] = ("solutions", "learner")) -> dict:
    import nbformat
    from nbclient import NotebookClient

    out: dict[str, dict] = {}
    for kind, pattern in (("solutions", "exercises/solutions/*/*.ipynb"), ("learner", "exercises/*/*.ipynb")):
        if kind not in kinds:
            continue
        timings = {}
        for path in sorted(p for p in root.glob(pattern) if "solutions" not in p.parts or kind == "solutions"):
            nb = nbformat.read(path, as_version=4)
            env_strict = os.environ.get("EMBARGO_KIT_STRICT")
            os.environ.pop("EMBARGO_KIT_STRICT", None)  # learner notebooks say NOT YET; that is not an error
            start = time.perf_counter()
            try:
                NotebookClient(nb, timeout=600, kernel_name="python3",
                               resources={"metadata": {"path": str(path.parent)}}).execute()
                status = "ok"
            except Exception as exc:  # a report, not a test: say what happened and go on
                lines = [line for line in str(exc).splitlines() if line.strip()]
                status = f"error: {type(exc).__name__}: {lines[-1][:200] if lines else ''}"
            finally:
                if env_strict is not None:
                    os.environ["EMBARGO_KIT_STRICT"] = env_strict
            name = path.relative_to(root).as_posix()
            timings[name] = {"seconds": round(time.perf_counter() - start, 1), "status": status}
            log(f"  {kind:<9} {path.name:<45} {timings[name]['seconds']:>6.1f} s  {status}")
        out[kind] = {"notebooks": timings, "total_seconds": round(sum(t["seconds"] for t in timings.values()), 1)}
    return out


# ----------------------------------------------------------------------------------------------- main


def kb(n: int) -> str:
    return f"{n / 1024:.0f} KB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python benchmarks/run.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the book to build (default: this repository)")
    parser.add_argument("--html", type=Path, help="measure this built learner edition (html folder); no build")
    parser.add_argument("--skip-notebooks", action="store_true")
    parser.add_argument("--skip-axe", action="store_true", help="no axe-core run over every page (the slow part)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a budget is missed")
    parser.add_argument("--out", type=Path, default=RESULTS / "latest.json")
    parser.add_argument("--build-ratio", action="store_true",
                        help="only the build ratio: a clean build of both editions and the solutions executed alone")
    args = parser.parse_args(argv)

    if args.build_ratio:
        with tempfile.TemporaryDirectory(prefix="ek-bench-") as tmp:
            log("Building both editions from clean ...")
            cpu0 = cpu_seconds()
            code, clean = build_both(args.root.resolve(), Path(tmp))
            cpu1 = cpu_seconds()
            if code != 0:
                raise SystemExit("the book did not build; run `make build` to see why")
        log("Executing the solution notebooks alone, one after another ...")
        solutions = execute_notebooks(args.root.resolve(), ("solutions",))["solutions"]["total_seconds"]
        ratio = build_ratio(clean, solutions, {"both": cpu1 - cpu0, "solutions": cpu_seconds() - cpu1})
        log_ratio(ratio)
        return 1 if (args.check and not ratio["met"]) else 0

    if not Path(sitekit.CHROMIUM).exists():
        raise SystemExit(f"needs Debian's chromium at {sitekit.CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    result: dict = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                "system": platform.platform()},
                    "edition": "learner"}
    with tempfile.TemporaryDirectory(prefix="ek-bench-") as tmp:
        if args.html:
            html = args.html.resolve()
            result["build"] = {"skipped": f"measured the existing build in {html}"}
        else:
            log("Building both editions from clean ...")
            code, clean = build_both(args.root.resolve(), Path(tmp))
            if code != 0:
                raise SystemExit("the book did not build; run `make build` to see why")
            log(f"  clean build of both editions {clean:6.1f} s")
            out = Path(tmp) / "learner"
            code, cached, tail = build_learner(args.root.resolve(), out)
            log(f"  cached learner build  {cached:6.1f} s")
            result["build"] = {"clean_both_seconds": round(clean, 1), "cached_seconds": round(cached, 1)}
            html = out / "_build" / "html"

        lessons = [p for pages in sitekit.lessons_by_track(html).values() for p in pages]
        pages = sitekit.all_pages(html)
        notebooks = [p for p in pages if p.startswith("exercises/")]
        log(f"Measuring {len(pages)} pages ({len(lessons)} lessons) in Chromium ...")
        with sitekit.serve(html) as base, sync_playwright() as p:
            browser = sitekit.launch(p)
            try:
                landing = page_weight(browser, base, "book/index.html", html)
                weights = [page_weight(browser, base, path, html) for path in lessons]
                axe = []
                if not args.skip_axe:
                    started = time.perf_counter()
                    axe = [accessibility(browser, base, path) for path in [*pages, "search.html?q=embargo"]]
                    axe += [accessibility(browser, base, path, sitekit.PHONE)  # phone: the page types' samples
                            for path in ("book/index.html", *lessons[:1], *notebooks[:1])]
                    log(f"  axe-core {sitekit.axe_version()} (npm) on {len(axe)} pages: {time.perf_counter() - started:.0f} s")
                median_page = None
                if weights:
                    ordered = sorted(weights, key=lambda w: w["bytes"])
                    median_page = ordered[(len(ordered) - 1) // 2]
                lh = {"landing": lighthouse(base + "book/index.html")}
                if median_page and "skipped" not in lh["landing"]:
                    lh["median_lesson"] = lighthouse(base + median_page["page"])
                if notebooks and "skipped" not in lh["landing"]:
                    lh["notebook"] = lighthouse(base + notebooks[0])
            finally:
                browser.close()

    median_bytes = int(statistics.median(w["bytes"] for w in weights)) if weights else 0
    largest = max(weights, key=lambda w: w["bytes"]) if weights else None
    foreign = sorted({u for w in [landing, *weights, *axe] for u in w["foreign"]})
    median_gzip = int(statistics.median(w["gzip_bytes"] for w in weights)) if weights else 0
    result["page_weight"] = {
        "definition": "bytes Chromium fetched (encoded, headers included) to render the page from a cold cache "
                      "over http://127.0.0.1 served by embargo_kit.serve, which gzips text as a web server would; "
                      "gzip_bytes: the same files gzip-compressed, as a compressing web server would send them",
        "landing": {"page": landing["page"], "bytes": landing["bytes"], "gzip_bytes": landing["gzip_bytes"],
                    "requests": landing["requests"], "largest_resources": landing["largest"]},
        "median_lesson_gzip_bytes": median_gzip,
        "lessons": len(weights),
        "median_lesson_bytes": median_bytes,
        "median_lesson": median_page and {"page": median_page["page"], "bytes": median_page["bytes"],
                                          "largest_resources": median_page["largest"]},
        "largest_lesson": largest and {"page": largest["page"], "bytes": largest["bytes"]},
        "per_lesson": {w["page"]: w["bytes"] for w in weights},
        "requests_outside_local_server": foreign,
        "console_errors": {w["page"]: w["errors"] for w in [landing, *weights] if w["errors"]},
    }
    impacts: dict[str, int] = {}
    bad = []
    for page in axe:
        for v in page["violations"]:
            impacts[v["impact"] or "unknown"] = impacts.get(v["impact"] or "unknown", 0) + 1
            if v["impact"] in sitekit.BAD_IMPACTS:
                bad.append(f"{page['page']}: {v['id']} ({v['impact']}, {v['nodes']} elements): {v['help']}")
    result["accessibility"] = ({"pages": len(axe), "violations_by_impact": impacts, "serious_or_critical": bad}
                               if axe else {"skipped": "--skip-axe"})
    result["lighthouse"] = lh
    if args.skip_notebooks:
        result["notebooks"] = {"skipped": "--skip-notebooks"}
    else:
        log("Executing every exercise notebook ...")
        result["notebooks"] = execute_notebooks(args.root.resolve())
        if "clean_both_seconds" in result["build"]:
            result["build"]["ratio"] = build_ratio(result["build"]["clean_both_seconds"],
                                                   result["notebooks"]["solutions"]["total_seconds"])

    a11y_score = lh.get("landing", {}).get("accessibility")
    result["budget"] = {
        "median_lesson_max_bytes": BUDGET_MEDIAN_LESSON,
        "median_lesson_met": median_bytes <= BUDGET_MEDIAN_LESSON,
        "accessibility_target": BUDGET_ACCESSIBILITY,
        "accessibility_met": bool(axe) and not bad and (a11y_score is None or a11y_score >= BUDGET_ACCESSIBILITY),
        "accessibility_basis": "axe-core: no serious or critical violation on any page"
                               + ("" if a11y_score is None else "; Lighthouse accessibility score"),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    # ------------------------------------------------------------------ the report
    log("")
    log("Learner edition")
    if "clean_both_seconds" in result["build"]:
        log(f"  build: clean (both editions) {result['build']['clean_both_seconds']} s, cached (learner) "
            f"{result['build']['cached_seconds']} s")
    if "ratio" in result["build"]:
        log_ratio(result["build"]["ratio"])
    log(f"  landing page          {kb(landing['bytes']):>8}  ({landing['requests']} requests;"
        f" {kb(landing['gzip_bytes'])} gzipped)")
    if weights:
        verdict = "within" if median_bytes <= BUDGET_MEDIAN_LESSON else "OVER"
        log(f"  median lesson         {kb(median_bytes):>8}  {verdict} the {kb(BUDGET_MEDIAN_LESSON)} budget"
            f"  ({kb(median_gzip)} gzipped; middle page: {median_page['page']})")
        log(f"  largest lesson        {kb(largest['bytes']):>8}  ({largest['page']})")
        log("  heaviest files of the median lesson: "
            + ", ".join(f"{url.split('?')[0]} {kb(n)}" for url, n in median_page["largest"][:3]))
    log(f"  requests outside 127.0.0.1: {len(foreign)}")
    log(f"  axe-core {sitekit.axe_version()} (npm) on {len(axe)} pages: {impacts or 'no violations'};"
        f" serious or critical: {len(bad)}")
    for line in bad[:20]:
        log(f"    {line}")
    for name, scores in lh.items():
        shown = scores.get("skipped") or {k: v for k, v in scores.items() if k != "each"}
        log(f"  Lighthouse {name} (mobile, median of {scores.get('runs', 0)}): {shown}")
    if isinstance(result["notebooks"], dict) and "solutions" in result["notebooks"]:
        nb = result["notebooks"]
        log(f"  notebooks: solutions {nb['solutions']['total_seconds']} s"
            f" ({len(nb['solutions']['notebooks'])}), learner {nb['learner']['total_seconds']} s"
            f" ({len(nb['learner']['notebooks'])})")
    log(f"Written to {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    missed = not (result["budget"]["median_lesson_met"] and result["budget"]["accessibility_met"])
    return 1 if (args.check and missed) else 0


if __name__ == "__main__":
    raise SystemExit(main())
