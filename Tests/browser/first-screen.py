#!/usr/bin/env python3
"""The first phone screen, measured in headless Chromium (issue 15).

Builds the sample archive (content/, site.yml, templates/ of the repository), serves it under its
base path (/luu-tru/) on a free loopback port, and loads pages through the DevTools protocol
(the Browser of search-measure.py) with the screen emulated at 360×800, 320×800 and 1280×800
(a headless window cannot be narrower than 500 px):

- at 360 px the header (bar and menu) is at most 120 px tall, and the article's first paragraph
  (its lead, else the body's first paragraph) starts within the first 800 px;
- at 320 px no page is wider than the screen (scrollWidth ≤ 320), long words included;
- the lead photo is eager, every other picture lazy; every <img> of a picture has width and height.

With --screenshots DIR it also writes PNGs of home, an article with photos and a tag page at 360
and 1280 px. Usage: Tests/browser/first-screen.py [--no-build PUBLIC_DIR] [--screenshots DIR]
"""
import base64
import importlib.util
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BASE = "/luu-tru/"
failures = []

MEASURE = """(() => {
  const box = e => e ? e.getBoundingClientRect() : null;
  const header = document.querySelector('.site-header');
  const first = document.querySelector('.article .lead') || document.querySelector('.article .body p');
  const pictures = [...document.querySelectorAll('picture img')].map(i => ({
    src: i.getAttribute('src'), lazy: i.getAttribute('loading') === 'lazy',
    sized: i.hasAttribute('width') && i.hasAttribute('height'), lead: !!i.closest('.article > figure, .article-header ~ figure')}));
  const out = {width: innerWidth, scrollWidth: document.documentElement.scrollWidth,
    header: box(header) && Math.round(box(header).height), firstTop: first && Math.round(box(first).top),
    pictures: pictures};
  return JSON.stringify(out);
})()"""

spec = importlib.util.spec_from_file_location("search_measure", os.path.join(os.path.dirname(os.path.abspath(__file__)), "search-measure.py"))
search_measure = importlib.util.module_from_spec(spec)
spec.loader.exec_module(search_measure)


def check(condition, message):
    print(("ok    " if condition else "FAIL  ") + message, flush=True)
    if not condition:
        failures.append(message)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def open_page(browser, url, width):
    """A new tab `width` px wide (800 px tall) showing `url` once it has loaded: (target, session)."""
    target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    browser.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": 800, "deviceScaleFactor": 1,
                                                        "mobile": width < 800}, session=session)
    browser.send("Page.navigate", {"url": url}, session=session)
    started = time.monotonic()
    while time.monotonic() - started < 30:
        state = browser.send("Runtime.evaluate", {"expression": "document.readyState", "returnByValue": True}, session=session)
        if state["result"].get("value") == "complete":
            break
        time.sleep(0.05)
    return target, session


def browse(browser, url, width, screenshot=None):
    """The page's measures at a screen `width` px wide (or, with `screenshot`, a PNG of its first screen)."""
    target, session = open_page(browser, url, width)
    result = None
    if screenshot:
        data = browser.send("Page.captureScreenshot", {"format": "png"}, session=session)["data"]
        with open(screenshot, "wb") as f:
            f.write(base64.b64decode(data))
    else:
        value = browser.send("Runtime.evaluate", {"expression": MEASURE, "returnByValue": True}, session=session)["result"].get("value")
        result = json.loads(value) if value else None
    browser.send("Target.closeTarget", {"targetId": target})
    return result


def main():
    args = sys.argv[1:]
    shots = args[args.index("--screenshots") + 1] if "--screenshots" in args else None
    work = tempfile.mkdtemp(prefix="sitegen-first-screen-")
    if "--no-build" in args:
        public = args[args.index("--no-build") + 1]
    else:
        site = os.path.join(work, "site")
        os.makedirs(site)
        for name in ("content", "templates", "data", "static", "site.yml"):
            source = os.path.join(ROOT, name)
            if os.path.isdir(source):
                shutil.copytree(source, os.path.join(site, name))
            elif os.path.exists(source):
                shutil.copy(source, site)
        subprocess.run(["swift", "run", "--package-path", ROOT, "sitegen", "build", "--source", site, "--quiet"], check=True)
        public = os.path.join(site, "public")
    served = os.path.join(work, "served")
    shutil.copytree(public, os.path.join(served, BASE.strip("/")))
    root = os.path.join(served, BASE.strip("/"))
    articles = sorted(os.path.relpath(os.path.join(d, "index.html"), root) for d, _, files in os.walk(root)
                      if "index.html" in files and re.match(r"\d{4}/\d\d/[^/]+$", os.path.relpath(d, root)))
    with_photo = [a for a in articles if "<figure" in open(os.path.join(root, a), encoding="utf-8").read()]
    tags = sorted(d for d in os.listdir(os.path.join(root, "chu-de")) if os.path.isdir(os.path.join(root, "chu-de", d)))
    # The longest tag name (the widest chip) and the longest title, besides the home page and the photos.
    tag_page = f"chu-de/{max(tags, key=len)}/index.html"
    pages = ["index.html", tag_page] + with_photo[:2] + [a for a in articles if a not in with_photo][:4]
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", served],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    browser = search_measure.Browser()
    try:
        time.sleep(0.5)
        for page in pages:
            url = f"http://127.0.0.1:{port}{BASE}{page}"
            phone = browse(browser, url, 360)
            narrow = browse(browser, url, 320)
            check(phone is not None and phone["width"] == 360, f"{page}: emulated at 360 px")
            if phone is None or narrow is None:
                check(False, f"{page}: the page loaded and was measured")
                continue
            check(phone["header"] <= 120, f"{page} at 360 px: header {phone['header']} px (at most 120)")
            if phone["firstTop"] is not None:
                check(phone["firstTop"] < 800, f"{page} at 360 px: first paragraph starts at {phone['firstTop']} px (within 800)")
            check(narrow["scrollWidth"] <= 320, f"{page} at 320 px: {narrow['scrollWidth']} px wide (at most 320)")
            for picture in phone["pictures"]:
                check(picture["sized"], f"{page}: {picture['src']} has width and height")
            lead = [p for p in phone["pictures"] if p["lead"]]
            if lead:
                check(not lead[0]["lazy"], f"{page}: the lead photo loads at once")
                check(all(p["lazy"] for p in phone["pictures"] if not p["lead"]), f"{page}: the other pictures are lazy")
        if shots:
            os.makedirs(shots, exist_ok=True)
            for name, page in (("home", "index.html"), ("article", with_photo[0]), ("tag", tag_page)):
                for width in (360, 1280):
                    browse(browser, f"http://127.0.0.1:{port}{BASE}{page}", width, os.path.join(shots, f"{name}-{width}.png"))
            print(f"screenshots in {shots}")
    finally:
        browser.close()
        server.terminate()
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        sys.exit(f"{len(failures)} check(s) failed")
    print("all first-screen checks passed")


if __name__ == "__main__":
    main()
