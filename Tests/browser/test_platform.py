"""The platform journeys: need-to-know access, the audit trail, and the pages around them."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from conftest import assert_no_axe_violations, sign_in

PRACTITIONER = "practitioner@hearth.example"
SOUTH = "practitioner.south@hearth.example"
AUDITOR = "auditor@hearth.example"


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in to Hearth")).to_be_visible()


def test_access_to_a_person_is_need_to_know_and_every_visit_is_audited(page: Page) -> None:
    page.goto("/sign-in")
    assert_no_axe_violations(page)

    # The allocated practitioner opens a person from their list.
    sign_in(page, PRACTITIONER)
    expect(page.get_by_role("heading", name=re.compile("Hello, Priya"))).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="People", exact=True).click()
    expect(page.get_by_role("heading", name="People", exact=True)).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Amara Okafor").click()
    expect(page.get_by_role("heading", name=re.compile("Summary"))).to_be_visible()
    expect(page.get_by_role("region", name="Person in view")).to_contain_text("Amara Okafor")
    assert_no_axe_violations(page)
    person_path = page.url.split("://", 1)[1].split("/", 1)[1]
    person_id = person_path.rsplit("/", 1)[1].lower()
    sign_out(page)

    # A practitioner in another team gets "Page not found" at the same address.
    sign_in(page, SOUTH)
    response = page.goto("/" + person_path)
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("Amara")
    assert_no_axe_violations(page)
    page.goto("/people")
    expect(page.locator("main")).not_to_contain_text("Amara")
    sign_out(page)

    # The auditor sees both visits: the allowed one and the refused one.
    sign_in(page, AUDITOR)
    page.get_by_role("link", name="Audit", exact=True).click()
    page.get_by_label("Record").fill(f"person:{person_id}")
    page.get_by_role("button", name="Filter events").click()
    rows = page.locator("table tbody tr")
    expect(rows.filter(has_text=PRACTITIONER).filter(has_text="Allowed").first).to_be_visible()
    expect(rows.filter(has_text=SOUTH).filter(has_text="Refused").first).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(f"/people/{person_id}/access-log")
    expect(page.get_by_role("heading", name="Who has seen this record")).to_be_visible()
    expect(page.locator("table")).to_contain_text(PRACTITIONER)
    expect(page.locator("table")).to_contain_text(SOUTH)
    assert_no_axe_violations(page)


def test_a_wrong_password_gets_an_error_summary_linked_to_the_field(page: Page) -> None:
    sign_in(page, "manager.south@hearth.example", "not the right password")
    summary = page.locator(".h-error-summary")
    expect(summary).to_contain_text("The email address or password is not right")
    expect(page).to_have_title(re.compile("^Error:"))
    assert_no_axe_violations(page)
    summary.get_by_role("link").click()
    expect(page.get_by_label("Email address", exact=True)).to_be_focused()


def test_the_skip_link_comes_first_and_the_keyboard_reaches_everything(page: Page) -> None:
    sign_in(page, PRACTITIONER)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    # After skipping, focus lands inside the main content, not the header.
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_breaking_the_glass_opens_a_restricted_record_and_flags_it(page: Page) -> None:
    sign_in(page, "senior@hearth.example")
    page.goto("/people")
    page.get_by_role("link", name=re.compile("Restricted record")).first.click()
    expect(page.get_by_role("heading", name="This record is restricted")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Break the glass and open the record").click()
    expect(page.locator(".h-error-summary")).to_contain_text("Enter why you need to see this record now")
    assert_no_axe_violations(page)
    page.get_by_label("Why do you need to see this record now?").fill(
        "Police on the phone about a missing child; the named worker is on leave"
    )
    page.get_by_role("button", name="Break the glass and open the record").click()
    expect(page.get_by_role("region", name="Person in view")).to_contain_text("Ellis Morgan")
    expect(page.get_by_text("You opened this restricted record by breaking the glass")).to_be_visible()
    assert_no_axe_violations(page)
    sign_out(page)

    sign_in(page, "safeguarding@hearth.example")
    expect(page.get_by_role("heading", name="Restricted records opened by breaking the glass")).to_be_visible()
    expect(page.locator("main table")).to_contain_text("Police on the phone about a missing child")
    assert_no_axe_violations(page)


def test_administration_pages(page: Page) -> None:
    sign_in(page, "admin@hearth.example")
    page.get_by_role("link", name="Users", exact=True).click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Add a user").click()
    page.get_by_role("button", name="Add user").click()
    expect(page.locator(".h-error-summary")).to_contain_text("Select at least one role")
    assert_no_axe_violations(page)
    page.get_by_label("Full name").fill("Kit Browser")
    page.get_by_label("Email address").fill("kit.browser@hearth.example")
    page.get_by_label("Practitioner", exact=True).check()
    page.get_by_label("Member of North").check()
    page.get_by_role("button", name="Add user").click()
    expect(page.locator("#set-password-link")).to_contain_text("/set-password/")
    assert_no_axe_violations(page)
    link = page.locator("#set-password-link").inner_text()
    sign_out(page)

    page.goto("/" + link.split("://", 1)[1].split("/", 1)[1])
    expect(page.get_by_role("heading", name="Set your password")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("New password", exact=True).fill("a long browser passphrase")
    page.get_by_label("Type the new password again").fill("a long browser passphrase")
    page.get_by_role("button", name="Set password").click()
    expect(page.get_by_text("Your password is set")).to_be_visible()
    sign_in(page, "kit.browser@hearth.example", "a long browser passphrase")
    expect(page.get_by_role("heading", name=re.compile("Hello, Kit"))).to_be_visible()


def test_account_page_and_api_token(page: Page) -> None:
    sign_in(page, PRACTITIONER)
    page.get_by_role("link", name="Your account", exact=True).click()
    assert_no_axe_violations(page)
    page.get_by_label("Token name").fill("browser test")
    page.get_by_role("button", name="Create token").click()
    token = page.locator("#new-token").inner_text()
    assert token.startswith("hearth_")
    assert_no_axe_violations(page)
    response = page.request.get("/api/v1/people", headers={"Authorization": f"Bearer {token}"})
    assert response.status == 200
    names = {(p["givenName"], p["familyName"]) for p in response.json()["items"]}
    assert ("Amara", "Okafor") in names


def test_the_idle_warning_appears_before_the_time_out_and_can_be_dismissed(page: Page) -> None:
    page.clock.install()
    sign_in(page, PRACTITIONER)
    expect(page.get_by_role("heading", name=re.compile("Hello"))).to_be_visible()
    # The warning shows two minutes before the 15-minute idle time-out.
    page.clock.run_for(13 * 60 * 1000 + 5_000)
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("You will be signed out soon")
    assert_no_axe_violations(page)
    dialog.get_by_role("button", name="Stay signed in").click()
    expect(dialog).to_be_hidden()
    page.goto("/people")
    expect(page.get_by_role("heading", name="People", exact=True)).to_be_visible()


def test_error_pages_and_the_forbidden_page(page: Page) -> None:
    sign_in(page, PRACTITIONER)
    response = page.goto("/no-such-page")
    assert response is not None and response.status == 404
    assert_no_axe_violations(page)
    response = page.goto("/admin/users")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", name="You cannot do that")).to_be_visible()
    assert_no_axe_violations(page)
