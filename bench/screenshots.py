"""Screenshots of the web UI's main pages for docs/serve.md, taken in Debian's headless chromium.

    python -m bench.screenshots STORE.db        # writes docs/img/serve-*.png

The store is any ingested one (the docs use ``make demo``'s: examples/corpus only). The
server runs in this process on a free loopback port; the browser is /usr/bin/chromium.
"""
from __future__ import annotations

import socket
import sys
import threading
import time
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "docs" / "img"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def main(db: str) -> None:
    import httpx
    from playwright.sync_api import sync_playwright

    from newsline.server.run import run_server

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    threading.Thread(target=run_server, kwargs={"db": db, "sock": sock, "announce": lambda m: None},
                     daemon=True).start()
    for _ in range(100):
        try:
            httpx.get(base + "/api/v1/status")
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    items = httpx.get(base + "/api/v1/events", params={"limit": 500}).json()["items"]
    event = max(items, key=lambda i: (len(i["sources"]), bool(i["disagreements"])))
    cite = httpx.get(base + f"/api/v1/events/{event['id']}").json()["evidence"][0]
    pages = {"timeline": "/?since=2025-06&until=2025-06", "event": f"/events/{event['id']}",
             "article": f"/articles/{cite['article']}?hl={cite['start']}-{cite['end']}#s{cite['start']}",
             "search": '/search?q="prisoner swap"', "duplicates": "/duplicates"}
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1000, "height": 680})
        for name, path in pages.items():
            page.goto(base + path)
            page.screenshot(path=str(OUT / f"serve-{name}.png"))
            print(OUT / f"serve-{name}.png")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1])
