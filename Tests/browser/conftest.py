"""Fixtures and helpers for Hearth's browser journeys.

Playwright's sync API drives Debian's Chromium (/usr/bin/chromium: `playwright install` is never
run, its download is not reachable here); axe-core, shipped inside axe-playwright-python, checks
accessibility offline.

Every test gets a fresh browser context, so it starts signed out with no cookies. Relative URLs
resolve against HEARTH_BASE_URL, so `page.goto("/people")` works.

    from conftest import DEMO_PASSWORD, assert_no_axe_violations, sign_in

    def test_worker_sees_caseload(page):
        sign_in(page, "worker@example.test")
        assert_no_axe_violations(page)

On failure a full-page screenshot, the page's HTML and its console errors are saved to
Tests/browser/artifacts/ (gitignored).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright

DEMO_PASSWORD = "hearth-demo-password"

CHROMIUM = os.environ.get("HEARTH_CHROMIUM", "/usr/bin/chromium")
# --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
# --disable-dev-shm-usage: /dev/shm can be tiny in containers; use /tmp instead.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-dev-shm-usage"]
ARTIFACTS = Path(__file__).parent / "artifacts"
# A local server answers in milliseconds: fail in 10 s rather than Playwright's 30.
TIMEOUT_MS = 10_000

expect.set_options(timeout=TIMEOUT_MS)


# --- fixtures --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def base_url() -> str:
    return os.environ.get("HEARTH_BASE_URL", "http://127.0.0.1:8080").rstrip("/")


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def context(browser: Browser, base_url: str) -> Iterator[BrowserContext]:
    # Fixed locale and zone so dates render the same everywhere.
    context = browser.new_context(
        base_url=base_url,
        locale="en-GB",
        timezone_id="Europe/London",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext, request: pytest.FixtureRequest) -> Iterator[Page]:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
    page.on("console", lambda msg: errors.append(f"console.{msg.type}: {msg.text}") if msg.type == "error" else None)
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        _save_artifacts(page, request.node.nodeid, errors)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    # Keep each phase's report on the test item, so the `page` fixture knows the test failed.
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def _save_artifacts(page: Page, nodeid: str, errors: list[str]) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    stem = ARTIFACTS / re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid).strip("_")
    try:
        page.screenshot(path=f"{stem}.png", full_page=True)
        Path(f"{stem}.html").write_text(f"<!-- {page.url} -->\n{page.content()}", encoding="utf-8")
        if errors:
            Path(f"{stem}.console.txt").write_text("\n".join(errors) + "\n", encoding="utf-8")
        print(f"\nartifacts: {stem}.png (page was {page.url})")
    except Exception as exc:  # a closed or crashed page must not hide the test's own failure
        print(f"\ncould not save artifacts for {nodeid}: {exc}")


# --- helpers ---------------------------------------------------------------------------------


def sign_in(page: Page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the real form, as a person would. Does not check the outcome."""
    page.goto("/sign-in")
    page.get_by_label("Email address", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_load_state()


_AXE = Axe()


def assert_no_axe_violations(
    page: Page,
    context: str | list[str] | None = None,
    options: dict | None = None,
) -> None:
    """Scan the page as it is now with axe-core; fail listing each violation and where it is.

    `context`: CSS selector(s) to limit the scan to; `options`: axe.run options (default: all
    rules axe enables by default, WCAG A/AA and best practices, reporting violations only).
    """
    results = _AXE.run(page, context=context, options=options or {"resultTypes": ["violations"]})
    violations = results.response["violations"]
    if not violations:
        return
    lines = [f"{len(violations)} accessibility violation(s) on {page.url}:"]
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact') or 'no impact given'}): {v['help']}")
        for node in v["nodes"]:
            lines.append(f"    at {_target(node['target'])}")
            summary = "; ".join(x.strip() for x in (node.get("failureSummary") or "").splitlines() if x.strip())
            if summary:
                lines.append(f"       {summary[:300]}")
        lines.append(f"    see {v.get('helpUrl', '')}")
    pytest.fail("\n".join(lines), pytrace=False)


def _target(target: list) -> str:
    # A target is a list of selectors, one per iframe; within a shadow DOM, itself a list.
    return " >> ".join(" >>> ".join(t) if isinstance(t, list) else str(t) for t in target)
