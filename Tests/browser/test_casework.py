"""The casework journey: find a child, record a visit in their words, see it in the chronologies."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from conftest import assert_no_axe_violations, sign_in

PRACTITIONER = "practitioner@hearth.example"


def test_find_a_child_record_a_visit_and_see_it_in_the_chronologies(page: Page) -> None:
    sign_in(page, PRACTITIONER)
    page.get_by_role("link", name="My caseload").click()
    expect(page.get_by_role("heading", name="My caseload")).to_be_visible()
    assert_no_axe_violations(page)

    # Find the child by a misspelt name.
    page.get_by_role("link", name="People", exact=True).click()
    page.get_by_label("Find a person").fill("Amra Okafro")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="Best matches first")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Amara Okafor").first.click()
    expect(page.get_by_role("region", name="Person in view")).to_contain_text("Amara Okafor")
    assert_no_axe_violations(page)

    # Record a home visit with the child's words and a significant event.
    page.get_by_role("link", name="Record a contact").click()
    assert_no_axe_violations(page)
    page.get_by_label("Where?").fill("Family home")
    page.get_by_label("Who was there?").fill("Amara, her mother")
    page.locator("#childSeen-yes").check()
    page.locator("#seenAlone-yes").check()
    page.locator("#quoteWords0").fill("I want Mum to come to parents' evening this time")
    page.get_by_label("Your note").fill("Amara told me a boy at school has been sending her messages that scare her.")
    page.get_by_label("This is a significant event: show it in the chronology").check()
    page.get_by_label("What kind of significant event?").select_option("safeguarding")
    page.get_by_role("button", name="Submit recording").click()
    expect(page.get_by_text("Recording submitted.")).to_be_visible()
    expect(page.locator("main")).to_contain_text("I want Mum to come to parents' evening this time")
    assert_no_axe_violations(page)

    # It is in the child's chronology, without anyone writing a chronology entry.
    page.get_by_role("link", name="Chronology", exact=True).click()
    entry = page.locator(".h-timeline__item").filter(has_text="a boy at school has been sending her messages")
    expect(entry).to_have_count(1)
    expect(entry).to_contain_text("Safeguarding")
    assert_no_axe_violations(page)

    # The practitioner adds their analysis to the entry, on a page of its own; empty is refused.
    entry.get_by_role("link", name=re.compile("Add significance or analysis")).click()
    expect(page.get_by_role("heading", name="Add significance or analysis")).to_be_visible()
    expect(page.locator("main")).to_contain_text("a boy at school has been sending her messages")
    page.get_by_role("button", name="Add to this entry").click()
    expect(page.get_by_role("link", name="Enter why it matters or your analysis")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Your analysis").fill("Second worry about messages this term: a pattern to watch.")
    page.get_by_role("button", name="Add to this entry").click()
    entry = page.locator(".h-timeline__item").filter(has_text="a boy at school has been sending her messages")
    expect(entry).to_contain_text("Second worry about messages this term: a pattern to watch.")

    # And in the family's.
    page.goto(page.url.rsplit("/chronology", 1)[0])
    page.get_by_role("link", name="Okafor family").click()
    expect(page.get_by_role("heading", name="Okafor family")).to_be_visible()
    expect(page.locator(".h-timeline__item").filter(has_text="a boy at school has been sending her messages")).to_have_count(1)
    assert_no_axe_violations(page)

    # The network picture, with its table alternative.
    page.get_by_role("link", name="Amara Okafor").click()
    page.get_by_role("link", name="Ecomap and genogram").click()
    picture = page.get_by_role("img", name=re.compile("network", re.IGNORECASE))
    expect(picture).to_be_visible()
    # The picture is drawn on request: wait for it to load rather than reading it mid-flight. (Polling
    # with page.evaluate: wait_for_function's polling evaluates a string, which the page's CSP forbids.)
    for _ in range(100):
        if page.evaluate("document.querySelector('.h-network-picture img').complete"):
            break
        page.wait_for_timeout(100)
    assert page.evaluate("document.querySelector('.h-network-picture img').naturalWidth") > 0
    expect(page.locator("table")).to_contain_text("Chiamaka Okafor")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Genogram").click()
    expect(page.locator("table")).to_contain_text("Jayden Okafor")
    assert_no_axe_violations(page)


def test_adding_a_person_checks_for_duplicates_first(page: Page) -> None:
    sign_in(page, PRACTITIONER)
    page.goto("/people/new")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Add person").click()
    expect(page.locator(".h-error-summary")).to_contain_text("Enter their given name")
    assert_no_axe_violations(page)
    page.get_by_label("Given name", exact=True).fill("Jaden")
    page.get_by_label("Family name", exact=True).fill("Okafor")
    page.get_by_label("Date of birth", exact=True).fill("2017-09-01")
    page.get_by_label("NHS number (optional)").fill("123")
    page.get_by_role("button", name="Add person").click()
    expect(page.locator(".h-error-summary")).to_contain_text("NHS number")
    page.get_by_label("NHS number (optional)").fill("")
    page.get_by_role("button", name="Add person").click()
    expect(page.get_by_text("This person may already be known to Hearth")).to_be_visible()
    expect(page.get_by_role("link", name="Jayden Okafor")).to_be_visible()
    assert_no_axe_violations(page)


def test_a_draft_autosaves(page: Page) -> None:
    sign_in(page, PRACTITIONER)
    page.get_by_role("link", name="People", exact=True).click()
    page.get_by_role("link", name="Mohammed Rahman").click()
    page.get_by_role("link", name="Record a contact").click()
    page.get_by_label("Your note").fill("Started writing this at the bus stop")
    expect(page.locator("#autosave-status")).to_contain_text("Draft saved at", timeout=10_000)
    assert "/recordings/" in page.locator("#recording-form").get_attribute("action")


def test_record_pages_for_work_moves_network_and_merges_pass_axe(page: Page) -> None:
    sign_in(page, PRACTITIONER)
    page.get_by_role("link", name="People", exact=True).click()
    page.get_by_role("link", name="Lily-Mae Turner").click()
    person_url = page.url
    page.get_by_role("link", name="Start a piece of work").click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Start the work").click()
    expect(page.locator(".h-error-summary")).to_contain_text("Select the service")
    assert_no_axe_violations(page)
    page.goto(person_url)
    page.get_by_role("link", name="Family support").first.click()
    expect(page.get_by_role("heading", name="Change the level of need")).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(person_url)
    page.get_by_role("link", name="Record a move").click()
    assert_no_axe_violations(page)
    page.goto(person_url)
    page.get_by_role("link", name="Add someone to their network").click()
    assert_no_axe_violations(page)
    page.goto(person_url + "/chronology?print=1")
    assert_no_axe_violations(page)
    page.goto(person_url)
    page.get_by_role("link", name="Change their details").click()
    expect(page.get_by_label("Given name", exact=True)).to_have_value("Lily-Mae")
    assert_no_axe_violations(page)


def test_a_manager_sees_possible_duplicates_and_the_merge_page(page: Page) -> None:
    sign_in(page, PRACTITIONER)
    page.goto("/people/new")
    page.get_by_label("Given name", exact=True).fill("Zofia")
    page.get_by_label("Family name", exact=True).fill("Kowalczyk")
    page.get_by_label("Date of birth", exact=True).fill("2016-02-14")
    page.get_by_role("button", name="Add person").click()
    page.get_by_label("I have checked: this is a different person").check()
    page.get_by_role("button", name="Add person").click()
    expect(page.get_by_role("region", name="Person in view")).to_contain_text("Zofia Kowalczyk")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "manager@hearth.example")
    page.get_by_role("link", name="People", exact=True).click()
    page.get_by_role("link", name="Zofia Kowalczyk").first.click()
    expect(page.get_by_role("heading", name="May be the same person")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name=re.compile("Merge into this record")).first.click()
    expect(page.get_by_role("heading", name="Merge two records")).to_be_visible()
    assert_no_axe_violations(page)


def test_raising_a_concern_reaches_the_safeguarding_lead(page: Page) -> None:
    sign_in(page, PRACTITIONER)
    page.get_by_role("link", name="People", exact=True).click()
    page.get_by_role("link", name="Tyler Bennett").click()
    page.get_by_role("link", name="Raise a concern").click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Raise the concern").click()
    expect(page.locator(".h-error-summary")).to_contain_text("Select at least one kind of concern")
    assert_no_axe_violations(page)
    page.get_by_label("Child criminal exploitation").check()
    page.get_by_label("What was seen or said").fill("Seen getting into a car with older men after school; new phone and trainers.")
    page.get_by_label("The child’s words, exactly as said (optional)").fill("They're just mates, they look after me")
    page.get_by_role("button", name="Raise the concern").click()
    expect(page.get_by_role("region", name="Person in view")).to_contain_text("Tyler Bennett")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "safeguarding@hearth.example")
    page.get_by_role("link", name="Concerns", exact=True).click()
    expect(page.locator("table")).to_contain_text("Tyler Bennett")
    expect(page.locator("table")).to_contain_text("Child criminal exploitation")
    assert_no_axe_violations(page)
    page.locator("table").get_by_role("link", name="Child criminal exploitation").first.click()
    expect(page.get_by_role("heading", name="Your decision")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Refer to the police").check()
    page.get_by_label("Referral reference (for a referral)").fill("POL-2026-4471")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator("main")).to_contain_text("POL-2026-4471")
    assert_no_axe_violations(page)
