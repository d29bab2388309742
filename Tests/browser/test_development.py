"""Practitioner development: practice as apprenticeship evidence without the child's identity, the
tutor's confirmation, supervision and the reflective journal."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from conftest import assert_no_axe_violations, sign_in

APPRENTICE = "apprentice@hearth.example"
TUTOR = "tutor@hearth.example"


def test_an_apprentice_links_a_visit_and_the_tutor_confirms_items_from_the_extract(page: Page) -> None:
    sign_in(page, APPRENTICE)
    page.get_by_role("link", name="People", exact=True).click()
    page.get_by_role("link", name="Tyler Bennett").click()
    page.locator("main a[href^='/recordings/']").first.click()
    recording = page.url
    page.get_by_role("link", name="Use as apprenticeship evidence").click()
    extract = page.locator("#extract")
    # Tyler (born 2008) is 18: a young person, by age, in every extract that names him.
    expect(extract).to_contain_text("Young person A")
    expect(extract).not_to_contain_text("Child A")
    expect(extract).not_to_contain_text("Tyler")
    expect(extract).not_to_contain_text("Bennett")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="I have checked it: share the extract").click()
    expect(page.locator(".h-error-summary")).to_contain_text("Choose the items of the standard this shows")
    assert_no_axe_violations(page)
    page.locator("#item-S6").check()
    page.locator("#item-K10").check()
    page.get_by_role("button", name="I have checked it: share the extract").click()
    expect(page.get_by_role("heading", name="Coverage of the standard")).to_be_visible()
    expect(page.locator("[data-code='S6']")).to_have_attribute("data-state", re.compile("evidenced|confirmed"))
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Sign out").click()

    # The tutor sees the extract, never the recording, and confirms two items: the matrix changes.
    sign_in(page, TUTOR)
    page.goto(recording)
    expect(page.get_by_role("heading", name=re.compile("not found|Page not found", re.IGNORECASE))).to_be_visible()
    page.goto("/")
    page.get_by_role("link", name="Apprenticeships").click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Jordan Ashby").click()
    expect(page.locator("main")).not_to_contain_text("Tyler Bennett")
    before = page.locator("[data-state='confirmed']").count()
    card = page.locator(".h-summary-card").filter(has=page.get_by_role("button", name="Confirm S6")).first
    expect(card.locator(".h-inset-text")).to_contain_text("Young person A")
    card.get_by_role("button", name="Confirm S6").click()
    card = page.locator(".h-summary-card").filter(has=page.get_by_role("button", name="Confirm K10")).first
    card.get_by_role("button", name="Confirm K10").click()
    expect(page.locator("[data-code='S6']")).to_have_attribute("data-state", "confirmed")
    expect(page.locator("[data-code='K10']")).to_have_attribute("data-state", "confirmed")
    assert page.locator("[data-state='confirmed']").count() >= before + 1
    assert_no_axe_violations(page)
    page.get_by_role("link", name="The ST0088 standard, item by item").count()
    page.goto("/standards/ST0088")
    expect(page.get_by_role("heading", name="Behaviours")).to_be_visible()
    assert_no_axe_violations(page)


def test_supervision_journal_and_starting_an_apprenticeship_pass_axe(page: Page) -> None:
    sign_in(page, APPRENTICE)
    page.get_by_role("link", name="Supervision", exact=True).click()
    expect(page.get_by_role("heading", name="Supervision")).to_be_visible()
    assert_no_axe_violations(page)
    page.locator("main a[href^='/supervisions/']").first.click()
    expect(page.get_by_role("heading", name=re.compile("^Supervision, "))).to_be_visible()
    assert_no_axe_violations(page)
    page.goto("/journal/new")
    page.get_by_role("button", name="Save the reflection").click()
    expect(page.locator(".h-error-summary")).to_contain_text("Give the reflection a title")
    assert_no_axe_violations(page)
    page.get_by_label("Title").fill("Learning from a missed visit")
    page.get_by_label("Description: what happened?").fill("The family were out when I called.")
    page.get_by_role("button", name="Save the reflection").click()
    expect(page.get_by_text("Private: only you can read this.")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Share this reflection").click()
    expect(page.get_by_text("Shared with")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "senior@hearth.example")
    page.get_by_role("link", name="Supervision", exact=True).click()
    page.get_by_role("link", name=re.compile("Record supervision")).first.click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Record the supervision").click()
    expect(page.locator(".h-error-summary")).to_contain_text("at least one of the four functions")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "manager@hearth.example")
    page.goto("/apprenticeships/new")
    page.get_by_role("button", name="Start the apprenticeship").click()
    expect(page.locator(".h-error-summary")).to_contain_text("An enhanced DBS check is required before the start")
    assert_no_axe_violations(page)
