"""Loads the dashboard's overview in headless Chromium through chromedriver's WebDriver HTTP API and
prints, per load, the milliseconds from navigation start to the page's 'overview-shown' mark (numbers
and charts in place: the first meaningful paint) and to the first contentful paint.
    python3 paint.py BASE_URL KEY [LOADS]"""
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

base, key = sys.argv[1], sys.argv[2]
loads = int(sys.argv[3]) if len(sys.argv) > 3 else 5
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
driver = subprocess.Popen([os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"), f"--port={port}"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wd = f"http://127.0.0.1:{port}"


def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(wd + path, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read())["value"]


try:
    for _ in range(100):
        try:
            call("GET", "/status")
            break
        except OSError:
            time.sleep(0.05)
    profile = tempfile.mkdtemp()
    sid = call("POST", "/session", {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
        "binary": os.environ.get("CHROME_BIN", "/usr/bin/chromium"),
        "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
                 "--window-size=1280,800", "--user-data-dir=" + profile]}}}})["sessionId"]
    s = f"/session/{sid}"
    call("POST", s + "/url", {"url": base + "/login"})
    field = call("POST", s + "/element", {"using": "css selector", "value": "#key"})
    call("POST", s + f"/element/{list(field.values())[0]}/value", {"text": key + "\ue007"})
    time.sleep(1)
    shown, fcp = [], []
    for i in range(loads):
        call("POST", s + "/url", {"url": base + f"/?period=30d&load={i}"})
        for _ in range(600):
            v = call("POST", s + "/execute/sync", {"script": "const m = performance.getEntriesByName('overview-shown')[0];"
                     " const f = performance.getEntriesByName('first-contentful-paint')[0];"
                     " return m ? [m.startTime, f ? f.startTime : -1] : null;", "args": []})
            if v:
                break
            time.sleep(0.05)
        shown.append(v[0])
        fcp.append(v[1])
        print(f"load {i + 1}: overview shown {v[0]:.0f} ms, first contentful paint {v[1]:.0f} ms")
    print(f"median: overview shown {statistics.median(shown):.0f} ms (max {max(shown):.0f}),"
          f" first contentful paint {statistics.median(fcp):.0f} ms")
    call("DELETE", s)
finally:
    driver.terminate()
