#!/usr/bin/env python3
"""axe-core's accessibility rules over pages of a built site, in headless Chromium (issue 15).

axe-core is not part of the repository and npm is not reachable from every machine: give its
axe.min.js (it ships inside PyPI packages too, e.g. `pip install --no-deps --target /tmp/axe
axe-playwright-python` gives /tmp/axe/axe_playwright_python/axe.min.js).

Serves PUBLIC_DIR under the base path /luu-tru/ on a free loopback port and runs axe (WCAG 2.x A
and AA rules, and best practices) on the home page, the indexes, a tag page, the search page,
the 404 page and the articles with a photo or a video, each at 360 and 1280 px. Prints every
violation and exits non-zero when there is one.

Usage: Tests/browser/axe-check.py --axe AXE_MIN_JS PUBLIC_DIR
"""
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

BASE = "/luu-tru/"
HERE = os.path.dirname(os.path.abspath(__file__))

spec = importlib.util.spec_from_file_location("search_measure", os.path.join(HERE, "search-measure.py"))
search_measure = importlib.util.module_from_spec(spec)
spec.loader.exec_module(search_measure)
spec = importlib.util.spec_from_file_location("first_screen", os.path.join(HERE, "first-screen.py"))
first_screen = importlib.util.module_from_spec(spec)
spec.loader.exec_module(first_screen)

RUN = """(async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return JSON.stringify(result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})));
})()"""


def run_axe(browser, axe, url, width):
    target, session = first_screen.open_page(browser, url, width)
    browser.send("Runtime.evaluate", {"expression": axe}, session=session)
    reply = browser.send("Runtime.evaluate", {"expression": RUN, "awaitPromise": True, "returnByValue": True}, session=session)
    browser.send("Target.closeTarget", {"targetId": target})
    value = reply["result"].get("value")
    if value is None:
        raise RuntimeError(f"axe did not run on {url}: {reply}")
    return json.loads(value)


def main():
    args = sys.argv[1:]
    if "--axe" not in args or len(args) < 3:
        sys.exit(__doc__)
    axe_path = args[args.index("--axe") + 1]
    public = [a for i, a in enumerate(args) if a != "--axe" and (i == 0 or args[i - 1] != "--axe")][0]
    with open(axe_path, encoding="utf-8") as f:
        axe = f.read()
    version = re.search(r"axe v([0-9.]+)", axe[:200])
    print(f"axe-core {version.group(1) if version else '?'}")
    work = tempfile.mkdtemp(prefix="sitegen-axe-")
    root = os.path.join(work, BASE.strip("/"))
    shutil.copytree(public, root)
    articles = sorted(os.path.relpath(os.path.join(d, "index.html"), root) for d, _, files in os.walk(root)
                      if "index.html" in files and re.match(r"\d{4}/\d\d/[^/]+$", os.path.relpath(d, root)))
    rich = [a for a in articles if re.search(r'<figure class="(photo|video)"', open(os.path.join(root, a), encoding="utf-8").read())]
    pages = ["index.html", "chu-de/index.html", "tac-gia/index.html", "luu-tru/index.html", "chu-de/dau-tu/index.html",
             "tim-kiem/index.html", "404.html", "page/1/index.html"] + rich[:4] + [a for a in articles if a not in rich][:2]
    pages = [p for p in pages if os.path.exists(os.path.join(root, p))]
    port = first_screen.free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", work],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    browser = search_measure.Browser()
    total = 0
    try:
        time.sleep(0.5)
        for page in pages:
            for width in (360, 1280):
                violations = run_axe(browser, axe, f"http://127.0.0.1:{port}{BASE}{page}", width)
                total += len(violations)
                print(f"{'ok   ' if not violations else 'FAIL '} {page} at {width} px: {len(violations)} violation(s)")
                for v in violations:
                    print(f"      {v['id']} ({v['impact']}): {v['help']} — {', '.join(v['nodes'])}")
    finally:
        browser.close()
        server.terminate()
        shutil.rmtree(work, ignore_errors=True)
    print(f"{len(pages)} pages at 2 widths: {total} violation(s)")
    if total:
        sys.exit(1)


if __name__ == "__main__":
    main()
