#!/usr/bin/env python
"""Regenerate the full-page screenshots in docs/screenshots/ (`make screenshots`).

A fresh SQLite database gets the region, the reference data and the demo data; a local server
serves it on loopback; Playwright drives Debian's Chromium (/usr/bin/chromium, never a
download) through the pages at 1280 px wide. Public pages are taken as an anonymous visitor,
staff pages signed in as the demo office user `biuro`.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
DB = ROOT / "var" / "screenshots.sqlite3"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# A long table says all it has to say in its first screens; the files stay commit-sized.
MAX_HEIGHT = 3200
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def _manage(*args: str, env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except Exception:
            time.sleep(0.2)
    raise SystemExit(f"the server at {url} did not answer")


def _pages() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(name, path) of the public and the staff pages, found in the demo data."""
    import django

    django.setup()
    from skillshub.guidance.choices import EventStatus
    from skillshub.guidance.models import GuidanceEvent
    from skillshub.portal.choices import OfferStatus
    from skillshub.portal.models import LearningOffer
    from skillshub.team.models import Meeting

    offer = LearningOffer.objects.filter(status=OfferStatus.PUBLISHED).order_by("pk").first()
    event = (
        GuidanceEvent.objects.filter(status=EventStatus.PUBLISHED, title__startswith="Targi")
        .order_by("pk")
        .first()
        or GuidanceEvent.objects.filter(status=EventStatus.PUBLISHED).order_by("pk").first()
    )
    meeting = Meeting.objects.order_by("-pk").first()
    assert offer and event and meeting, "the demo data has an offer, an event and a sitting"
    public = [
        ("home", "/"),
        ("search", "/search/?q=doradztwa+zawodowego+dla+doros%C5%82ych"),
        ("offer", offer.get_absolute_url()),
        ("event", event.get_absolute_url()),
        ("programme-dashboard", "/programme/"),
    ]
    staff = [
        ("coverage-map", "/guidance/coverage/"),
        ("gap-analysis", "/labour-market/gaps/"),
        ("sitting", meeting.get_absolute_url()),
        ("matters-board", "/matters/board/"),
    ]
    return public, staff


def main() -> None:
    DB.parent.mkdir(exist_ok=True)
    DB.unlink(missing_ok=True)
    env = {**os.environ, "SQLITE_PATH": str(DB), "DEBUG": "1", "DATABASE_URL": ""}
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["createcachetable"],
        ["load_region", "08"],
        ["load_reference"],
        ["load_occupations"],
        ["seed_demo"],
    ):
        _manage(*command, env=env)
    public, staff = _pages()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait(base + "/")
        _shoot(base, public, staff)
    finally:
        server.terminate()
        server.wait(timeout=10)
        DB.unlink(missing_ok=True)


def _shrink(path: Path) -> None:
    """256 colours are plenty for a screenshot of a web page: a third of the bytes."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def _shoot(base: str, public: list[tuple[str, str]], staff: list[tuple[str, str]]) -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        for signed_in, pages in ((False, public), (True, staff)):
            context = browser.new_context(
                locale="pl-PL", viewport={"width": 1280, "height": 800}, reduced_motion="reduce"
            )
            page = context.new_page()
            if signed_in:
                page.goto(base + "/accounts/login/")
                page.fill("input[name=username]", "biuro")
                page.fill("input[name=password]", "demo")
                page.locator("main form [type=submit]").first.click()
                page.wait_for_load_state("networkidle")
            for name, path in pages:
                response = page.goto(base + path, wait_until="networkidle")
                assert response and response.ok, f"{path} answered {response and response.status}"
                target = OUT / f"{name}.png"
                height = min(page.evaluate("document.documentElement.scrollHeight"), MAX_HEIGHT)
                page.screenshot(
                    path=str(target),
                    full_page=True,
                    clip={"x": 0, "y": 0, "width": 1280, "height": height},
                )
                _shrink(target)
                print(f"{target.relative_to(ROOT)}  {target.stat().st_size // 1024} KB  {path}")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
