#!/usr/bin/env python3
"""Measures search queries in headless Chromium, in real time (not a test).

Drives Chromium through the DevTools protocol over a pipe (--remote-debugging-pipe, no extra
package), loads SEARCH_URL?q=QUERY with the HTTP cache disabled, waits until search.js has
shown the results, and prints per query: the bytes of every index file fetched (from the
network events), the number of files, the time from navigation to results shown, and the
time search.js itself took (from data-stats on the search form).

Usage: search-measure.py http://127.0.0.1:8000/tim-kiem/ "query one" "query two" ...
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="sitegen-measure-")
        to_chrome_read, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_write = os.pipe()

        def child():
            # Chromium reads commands on fd 3 and writes replies on fd 4.
            read, write = os.dup(to_chrome_read), os.dup(from_chrome_write)
            os.dup2(read, 3)
            os.dup2(write, 4)

        # Debian's /usr/bin/chromium is a shell wrapper that does not pass fds 3 and 4 on.
        chromium = next((path for path in ("/usr/lib/chromium/chromium", shutil.which("chromium"), shutil.which("chromium-browser"))
                         if path and os.access(path, os.X_OK)), "chromium")
        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
             "--remote-debugging-pipe", f"--user-data-dir={self.profile}", "about:blank"],
            pass_fds=(3, 4), preexec_fn=child,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_read)
        os.close(from_chrome_write)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.receive()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def receive(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_chrome, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def close(self):
        try:
            self.send("Browser.close")
        except Exception:
            pass
        self.process.wait(timeout=10)
        shutil.rmtree(self.profile, ignore_errors=True)


def measure(browser, url, query):
    target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    browser.send("Network.enable", session=session)
    browser.send("Network.setCacheDisabled", {"cacheDisabled": True}, session=session)
    browser.events = []
    started = time.monotonic()
    browser.send("Page.navigate", {"url": url + "?" + urllib.parse.urlencode({"q": query})}, session=session)
    stats = None
    while time.monotonic() - started < 30:
        value = browser.send("Runtime.evaluate", {
            "expression": "(document.getElementById('search-form')||{dataset:{}}).dataset.stats || ''",
            "returnByValue": True}, session=session)["result"].get("value")
        if value:
            stats = json.loads(value)
            break
        time.sleep(0.02)
    shown = time.monotonic() - started
    status = browser.send("Runtime.evaluate", {"expression": "document.getElementById('search-status').textContent",
                                               "returnByValue": True}, session=session)["result"].get("value")
    urls = {}
    sizes = {}
    for event in browser.events:
        params = event.get("params", {})
        if event.get("method") == "Network.responseReceived":
            urls[params["requestId"]] = params["response"]["url"]
        elif event.get("method") == "Network.loadingFinished":
            sizes[params["requestId"]] = params["encodedDataLength"]
    index_files = {rid: size for rid, size in sizes.items()
                   if "/tim-kiem/" in urls.get(rid, "") and not urls[rid].split("?")[0].endswith(("/", ".html"))}
    page_files = {rid: size for rid, size in sizes.items() if rid not in index_files}
    browser.send("Target.closeTarget", {"targetId": target})
    return {
        "query": query, "status": status,
        "index_files": len(index_files), "index_bytes": sum(index_files.values()),
        "page_bytes": sum(page_files.values()),
        "navigation_to_results_ms": round(shown * 1000), "search_js_ms": (stats or {}).get("ms"),
        "files": sorted(urls[rid].split("/tim-kiem/")[-1] for rid in index_files),
    }


def main():
    url, queries = sys.argv[1], sys.argv[2:]
    browser = Browser()
    try:
        browser.send("Target.setDiscoverTargets", {"discover": False})
        measure(browser, url, "warm up")
        for query in queries:
            result = measure(browser, url, query)
            print(json.dumps(result, ensure_ascii=False), flush=True)
    finally:
        browser.close()


if __name__ == "__main__":
    main()
