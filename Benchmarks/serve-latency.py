#!/usr/bin/env python3
"""How soon `sitegen serve` shows a change: a saved edit, and a new article.

Starts `sitegen serve` on SITE (output into a folder of its own), waits for its first build, then
  - K times, each on an idle server (after the last rebuild finished): appends a sentence with a
    unique mark to one Markdown article and times, from the moment the file is written, until the
    server answers that article's URL with the mark in it;
  - once: writes a new article (dated after every other, in a folder of its own) and times until
    its URL answers with its text;
and prints the median and each time. The edited file is restored and the new article removed.

Usage: Benchmarks/serve-latency.py --sitegen BIN --site SITE [--edits K] [--port P] [--article PATH] [--output DIR]

--output keeps the preview in DIR (and its cache in SITE/.sitegen-cache/serve-…), so that a second
run starts from a cached build instead of a clean one (35,000 articles: minutes).
"""
import argparse
import glob
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None, b""


def wait_for(url, mark, since, limit=120.0):
    """Seconds from `since` until `url` answers 200 with `mark` in it."""
    while time.monotonic() - since < limit:
        status, body = fetch(url)
        if status == 200 and mark in body:
            return time.monotonic() - since
        time.sleep(0.002)
    raise SystemExit(f"{url} did not show the change within {limit} s")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sitegen", required=True)
    parser.add_argument("--site", required=True)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--port", type=int, default=18181)
    parser.add_argument("--article", help="the Markdown file to edit (default: the middle one by path)")
    parser.add_argument("--output", help="the preview's folder (default: a new temporary one)")
    args = parser.parse_args()
    site = os.path.abspath(args.site)
    sources = sorted(glob.glob(os.path.join(site, "content", "**", "*.md"), recursive=True))
    article = os.path.abspath(args.article) if args.article else sources[len(sources) // 2]
    work = tempfile.mkdtemp(prefix="sitegen-serve-bench-")
    output = os.path.abspath(args.output) if args.output else os.path.join(work, "out")
    original = open(article, "rb").read()
    new_folder = os.path.join(site, "content", "zz-serve-new")
    # The preview serves the site under its base URL's path ("/luu-tru/" for the bundled sample).
    base_path = "/"
    with open(os.path.join(site, "site.yml"), encoding="utf-8") as settings:
        for line in settings:
            found = re.match(r"""\s*base_url:\s*["']?[a-z]+://[^/"'\s]+(/[^"'\s]*)?""", line)
            if found:
                base_path = (found.group(1) or "/").rstrip("/") + "/"
    base = f"http://127.0.0.1:{args.port}{base_path}"
    server = subprocess.Popen([args.sitegen, "serve", "--source", site, "--output", output, "--port", str(args.port), "--verbose"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    built = threading.Event()
    builds = []  # the server's "Built …" lines: one per finished rebuild

    def wait_idle(after, limit=900.0):
        """Waits until the server has finished more than `after` builds: each save is made on an
        idle server, as an editor's usually is (at 35,000 articles the rest of a rebuild takes seconds)."""
        deadline = time.monotonic() + limit
        while len(builds) <= after and time.monotonic() < deadline:
            time.sleep(0.05)

    def read_output():
        for line in server.stdout:
            lines.append(line.rstrip())
            if line.startswith("Built "):
                builds.append(line)
                built.set()

    threading.Thread(target=read_output, daemon=True).start()
    try:
        started = time.monotonic()
        if not built.wait(1800):
            raise SystemExit("no first build:\n" + "\n".join(lines[-20:]))
        print(f"first build: {time.monotonic() - started:.1f} s ({lines[-1] if lines else ''})", flush=True)
        # Which page is the article's: the one its first mark shows up in.
        mark = b"serve-bench-mark-0"
        finished = len(builds)
        with open(article, "ab") as f:
            f.write(b"\n\nCau danh dau " + mark + b".\n")
        path = None
        deadline = time.monotonic() + 600
        while path is None and time.monotonic() < deadline:
            for root, _, names in os.walk(output):
                if "index.html" in names:
                    page = os.path.join(root, "index.html")
                    with open(page, "rb") as f:
                        if mark in f.read() and "/tim-kiem/" not in page:
                            path = os.path.relpath(root, output) + "/"
                            break
            time.sleep(0.2)
        if path is None:
            raise SystemExit("the edited article's page was not found")
        url = base + path
        wait_for(url, mark, time.monotonic())
        wait_idle(finished)
        time.sleep(0.5)
        times = []
        for number in range(1, args.edits + 1):
            mark = f"serve-bench-mark-{number}".encode()
            finished = len(builds)
            with open(article, "wb") as f:
                f.write(original + b"\n\nCau danh dau " + mark + b".\n")
            seconds = wait_for(url, mark, time.monotonic())
            times.append(seconds)
            print(f"edit {number}: {seconds * 1000:.0f} ms", flush=True)
            wait_idle(finished)  # the rest of the rebuild, before the next save
            time.sleep(0.5)
        # A new article.
        os.makedirs(new_folder, exist_ok=True)
        text = original.decode("utf-8")
        head, _, body = text.partition("\n---\n")
        kept = [line for line in head.splitlines() if not line.startswith(("title:", "date:", "slug:", "aliases:"))]
        kept += ['title: "Bai moi do thoi gian xem truoc"', "date: 2026-11-30T09:00:00+07:00", "slug: bai-moi-do-xem-truoc"]
        new_mark = f"serve-bench-new-{os.getpid()}"  # not the page a run before may have left
        with open(os.path.join(new_folder, "bai-moi.md"), "w", encoding="utf-8") as f:
            f.write("\n".join(kept) + "\n---\n" + body + f"\n\n{new_mark}\n")
        new_seconds = wait_for(base + "2026/11/bai-moi-do-xem-truoc/", new_mark.encode(), time.monotonic())
        print(f"new article: {new_seconds * 1000:.0f} ms", flush=True)
        time.sleep(3)
        print(f"saved edit served again: median {statistics.median(times) * 1000:.0f} ms of {len(times)} "
              f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}); new article {new_seconds * 1000:.0f} ms")
        print("server's last lines:\n  " + "\n  ".join(lines[-8:]))
    finally:
        with open(article, "wb") as f:
            f.write(original)
        shutil.rmtree(new_folder, ignore_errors=True)
        time.sleep(2)
        server.terminate()
        try:
            server.wait(60)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
