"""The practice core: an assessment signed off, a concern escalated, a plan agreed and reviewed with the
family, each in the chronology and on the work lists."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

from conftest import assert_no_axe_violations, sign_in

PRACTITIONER = "practitioner@hearth.example"
TODAY = datetime.now(ZoneInfo("Europe/London")).date().isoformat()
# Marks this run's records, so a rerun against the same server finds exactly its own.
RUN = datetime.now().strftime("%H%M%S%f")


def open_jordans_work(page: Page) -> str:
    page.get_by_role("link", name="My caseload").click()
    page.get_by_role("link", name="Jordan Williams").first.click()
    page.locator("a[href^='/involvements/']").filter(has_text="Early help").first.click()
    expect(page.get_by_role("heading", name="Early help")).to_be_visible()
    return page.url


def test_assessment_concern_plan_and_review_reach_the_chronology_and_the_work_lists(page: Page) -> None:
    sign_in(page, PRACTITIONER)
    work = open_jordans_work(page)
    assert_no_axe_violations(page)

    # An assessment: submitting without analysis is refused, field by field; then submitted.
    page.get_by_role("link", name="Start an assessment").click()
    expect(page.get_by_role("heading", name="Assessment")).to_be_visible()
    assert_no_axe_violations(page)
    page.locator("#strengths-education").fill("Loves PE; a mentor he trusts")
    page.locator("#needs-education").fill("Two exclusions this term for fighting")
    page.get_by_role("button", name="Submit for sign-off").click()
    summary = page.locator(".h-error-summary")
    expect(summary).to_contain_text("Write your analysis before submitting the assessment")
    expect(summary).to_contain_text("Select what should happen next before submitting")
    assert_no_axe_violations(page)
    expect(page.locator("#strengths-education")).to_have_value("Loves PE; a mentor he trusts")
    page.get_by_label("Analysis", exact=True).fill(
        "Jordan's anger follows his father's death; school is where it shows. Grief work and a steady routine at home.")
    page.get_by_label("Level 2: early help").check()
    page.get_by_label("What should happen next").select_option("plan")
    page.get_by_role("button", name="Submit for sign-off").click()
    expect(page.get_by_text("Waiting for sign-off")).to_be_visible()
    assessment = page.url
    assert_no_axe_violations(page)

    # A concern about Jordan, escalated to the safeguarding leads.
    page.goto(work)
    page.get_by_role("link", name="Jordan Williams").click()
    page.get_by_role("link", name="Raise a concern").click()
    expect(page.locator("#practitionerLevel")).to_contain_text("Needs are met by universal services")
    page.get_by_label("Physical abuse").check()
    page.get_by_label("What was seen or said").fill(f"A mark on Jordan's neck ({RUN}); he said an older boy grabbed him.")
    page.get_by_role("button", name="Raise the concern").click()
    expect(page.get_by_role("region", name="Person in view")).to_contain_text("Jordan Williams")

    # A plan with the family: a goal in their words, an action, their agreement, then a review.
    page.goto(work)
    page.get_by_role("link", name="Start a plan").click()
    assert_no_axe_violations(page)
    page.get_by_label("Family plan").check()
    page.get_by_role("button", name="Start the plan").click()
    plan = page.url
    assert re.search(r"/plans/[0-9a-f-]+$", plan)
    page.get_by_text("Add a goal").click()
    page.get_by_label("The goal, as the family said it").fill("I want to stop getting sent home")
    page.get_by_label("The goal in your words").fill("No further exclusions this term")
    page.get_by_label("Third-party note (optional, never in the family copy)").fill("Police intelligence about the older boy")
    page.get_by_role("button", name="Add the goal").click()
    page.get_by_text("Add an action").click()
    page.get_by_label("Who does it").select_option("family-member")
    page.get_by_label("Their name").fill("Tanya")
    page.get_by_label("What they will do").fill("Meet the head of year with Jordan")
    page.get_by_label("By when").fill("2027-01-15")
    page.get_by_role("button", name="Add the action").click()
    assert_no_axe_violations(page)
    page.get_by_label("Who agreed it").fill(f"Tanya and Jordan {RUN}")
    page.get_by_label("How they agreed it").select_option("in-person")
    page.get_by_label("Date they agreed it").fill(TODAY)
    page.get_by_role("button", name="Record the agreement").click()
    expect(page.locator("main")).to_contain_text(f"Agreed by Tanya and Jordan {RUN}")
    page.get_by_label("Date of the review").fill(TODAY)
    page.get_by_role("button", name="Record the review").click()
    expect(page.locator(".h-error-summary")).to_contain_text("Score each goal from 0 to 10")
    assert_no_axe_violations(page)
    page.get_by_label("Date of the review").fill(TODAY)
    page.get_by_label("Where things are, from 0 to 10").select_option("6")
    page.get_by_label("In a word").select_option("better")
    page.get_by_label("The child’s views, in their words").fill("School is all right when Mr Khan is there")
    page.get_by_label("What was decided").fill(f"Keep the mentor sessions {RUN}; review before Christmas")
    page.get_by_role("button", name="Record the review").click()
    expect(page.locator("main")).to_contain_text("6 out of 10, Better")
    assert_no_axe_violations(page)

    # The family's copy has their words and none of the third-party note.
    page.get_by_role("link", name="The family’s copy").click()
    expect(page.locator("main")).to_contain_text("I want to stop getting sent home")
    expect(page.locator("main")).to_contain_text("Tanya will meet the head of year")
    expect(page.locator("main")).not_to_contain_text("Police intelligence")
    assert_no_axe_violations(page)

    # Each is in Jordan's chronology, from its own record.
    page.goto(work)
    page.get_by_role("link", name="Jordan Williams").click()
    page.get_by_role("link", name="Chronology", exact=True).click()
    timeline = page.locator(".h-timeline__item")
    expect(timeline.filter(has_text="Assessment submitted for sign-off")).not_to_have_count(0)
    expect(timeline.filter(has_text=f"A mark on Jordan's neck ({RUN})")).to_have_count(1)
    expect(timeline.filter(has_text=f"Plan agreed with the family (Tanya and Jordan {RUN})")).to_have_count(1)
    expect(timeline.filter(has_text=f"Plan reviewed: Keep the mentor sessions {RUN}")).to_have_count(1)
    assert_no_axe_violations(page)

    # The plan's next review and the family's action are on the practitioner's work list.
    page.get_by_role("link", name="Work list").click()
    plan_path = plan.split("//", 1)[1].split("/", 1)[1]
    expect(page.locator(f"a[href='/{plan_path}']")).not_to_have_count(0)
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Sign out").click()

    # The manager signs off the assessment from their work list.
    sign_in(page, "manager@hearth.example")
    page.get_by_role("link", name="Work list").click()
    assessment_path = "/" + assessment.split("//", 1)[1].split("/", 1)[1]
    page.locator(f"a[href='{assessment_path}']").click()
    expect(page.get_by_role("heading", name="Sign off this assessment")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Approve: it can no longer be changed").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator("[data-status='approved']")).to_be_visible()
    expect(page.get_by_role("link", name="Change the assessment")).to_have_count(0)
    page.get_by_role("link", name="Team work list").count()
    page.goto("/work-list/team")
    expect(page.get_by_role("heading", name="Team work list")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Sign out").click()

    # The safeguarding lead has the concern to decide, on their work list and in the queue.
    sign_in(page, "safeguarding@hearth.example")
    page.get_by_role("link", name="Work list").click()
    expect(page.locator("tr").filter(has_text="Jordan Williams").filter(has_text="Decide on the safeguarding concern")).not_to_have_count(0)
    page.get_by_role("link", name="Concerns", exact=True).click()
    expect(page.locator("table")).to_contain_text("Jordan Williams")


def test_safety_planning_decisions_and_thresholds_pass_axe(page: Page) -> None:
    sign_in(page, PRACTITIONER)
    open_jordans_work(page)
    page.get_by_role("link", name="Safety planning and the safety scale").click()
    expect(page.get_by_role("heading", name="Safety planning")).to_be_visible()
    page.get_by_text("Record a score").click()
    page.get_by_label("Score, from 0 to 10").select_option("4")
    page.get_by_label("Their name").fill("Tanya")
    page.get_by_label("Who is scoring").select_option("family-member")
    page.get_by_role("button", name="Record the score").click()
    expect(page.locator("table")).to_contain_text("Tanya")
    expect(page.get_by_role("img", name=re.compile("Safety scale scores"))).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Early help").click()
    page.get_by_role("link", name="Decisions, oversight and challenges").click()
    page.get_by_role("button", name="Record it").click()
    expect(page.locator(".h-error-summary")).to_contain_text("Say what was decided")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "admin@hearth.example")
    page.get_by_role("link", name="Thresholds").click()
    expect(page.get_by_role("heading", name="Threshold descriptors")).to_be_visible()
    assert_no_axe_violations(page)
