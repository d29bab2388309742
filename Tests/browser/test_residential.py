"""Children's homes: a residential worker's shift (the handover, the daily log, an incident with a physical
intervention, a missing episode and the return) and the registered manager's follow-up (the manager's
review, the return home interview prompt, and the regulation 45 report)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

from conftest import assert_no_axe_violations, sign_in

WORKER = "residential@hearth.example"
MANAGER = "registered.manager@hearth.example"
LONDON = ZoneInfo("Europe/London")
# Marks this run's records, so a rerun against the same server finds exactly its own.
RUN = datetime.now().strftime("%H%M%S%f")


def open_kayden(page: Page) -> str:
    page.get_by_role("link", name="Homes").first.click()
    page.get_by_role("link", name="Oak House").click()
    page.get_by_role("link", name="Kayden Wright").click()
    expect(page.get_by_role("heading", name="Daily life at Oak House")).to_be_visible()
    return page.url


def test_a_shift_in_a_home_and_the_registered_managers_follow_up(page: Page) -> None:
    sign_in(page, WORKER)
    page.get_by_role("link", name="Homes").first.click()
    page.get_by_role("link", name="Oak House").click()
    expect(page.get_by_role("heading", name="Oak House")).to_be_visible()
    assert_no_axe_violations(page)

    # The handover: read and acknowledged.
    read = page.get_by_role("button", name="I have read this handover")
    while read.count() > 0:
        read.first.click()
    expect(page.locator("#handovers ~ .h-summary-card").first).to_contain_text("Read by")
    expect(page.get_by_text("Not read by you")).to_have_count(0)
    expect(page.locator(".h-summary-card").first).to_contain_text("Dee Mensah")

    # Two daily log entries: a first try without the area is refused, field by field.
    open_kayden(page)
    assert_no_axe_violations(page)
    page.get_by_label("What happened").fill(f"Breakfast with the group, chatty ({RUN})")
    page.get_by_role("button", name="Add to the log").click()
    expect(page.locator(".h-error-summary")).to_contain_text("Choose the part of the plan this is about")
    assert_no_axe_violations(page)
    expect(page.get_by_label("What happened")).to_have_value(f"Breakfast with the group, chatty ({RUN})")
    page.get_by_label("Part of the plan").select_option("daily-care")
    page.get_by_role("button", name="Add to the log").click()
    expect(page.get_by_text(f"Breakfast with the group, chatty ({RUN})")).to_be_visible()
    page.get_by_label("Part of the plan").select_option("education")
    page.get_by_label("What happened").fill(f"Homework done before tea ({RUN})")
    page.get_by_role("button", name="Add to the log").click()
    expect(page.get_by_text(f"Homework done before tea ({RUN})")).to_be_visible()

    # An incident with a physical intervention.
    page.get_by_role("link", name="Record an incident").click()
    assert_no_axe_violations(page)
    page.get_by_label("What kind of incident").select_option("physical-intervention")
    page.get_by_label("Where", exact=True).fill("Hallway")
    page.get_by_label("Who else was involved").fill("Connor Price; Sam Lee (staff)")
    page.get_by_label("What happened, who was involved").fill(f"Kayden went to hit Connor; staff stepped in ({RUN})")
    page.get_by_label("Yes: record it below").check()
    page.get_by_label("The measure used").fill("Two-person guide to the quiet room")
    page.get_by_label("How long, in minutes").fill("3")
    page.get_by_label("Staff involved, separated by commas").fill("Dee Mensah, Sam Lee")
    page.get_by_label("The child's view, sought afterwards").fill("He said it was fair but he was still angry.")
    page.get_by_role("button", name="Record the incident").click()
    expect(page.get_by_role("heading", name="Physical intervention")).to_be_visible()
    expect(page.get_by_text("Manager has spoken to the staff and signed the record")).to_be_visible()
    expect(page.get_by_text("Connor Price; Sam Lee (staff)")).to_be_visible()
    assert_no_axe_violations(page)

    # A missing episode, then the return.
    open_kayden(page)
    page.get_by_role("link", name="Record a missing episode").click()
    assert_no_axe_violations(page)
    seen = datetime.now(LONDON) - timedelta(hours=3)
    page.locator("#lastSeenAt").fill(seen.date().isoformat())
    page.locator("#lastSeenAt-time").fill(seen.strftime("%H:%M"))
    page.get_by_label("Police reference").fill(f"MP-{RUN}")
    page.get_by_role("button", name="Record the episode").click()
    expect(page.get_by_role("heading", name="They are back")).to_be_visible()
    assert_no_axe_violations(page)
    back = datetime.now(LONDON) - timedelta(minutes=10)
    page.locator("#returnedAt").fill(back.date().isoformat())
    page.locator("#returnedAt-time").fill(back.strftime("%H:%M"))
    page.get_by_label("Where they were found").fill("Town centre")
    page.get_by_label("Who they were with").fill("Older friends")
    page.get_by_role("button", name="Record the return").click()
    expect(page.get_by_role("heading", name="Return home interview")).to_be_visible()
    assert_no_axe_violations(page)

    # The registered manager: the intervention to review and the return home interview on the work list.
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, MANAGER)
    page.get_by_role("link", name="Work list").click()
    rhi = page.locator("tr").filter(has_text="Kayden Wright").filter(has_text="Offer the return home interview")
    expect(rhi.first).to_be_visible()
    expect(page.locator("tr").filter(has_text="Kayden Wright").filter(has_text="Speak to the staff involved").first).to_be_visible()
    assert_no_axe_violations(page)
    open_kayden(page)
    page.locator("li").filter(has_text=RUN).get_by_role("link").first.click()
    expect(page.get_by_role("heading", name="Physical intervention")).to_be_visible()
    page.get_by_role("button", name="I have spoken to the staff involved: sign the record").click()
    expect(page.locator("li").filter(has_text="Manager has spoken to the staff")).to_contain_text("Done")
    assert_no_axe_violations(page)

    # The regulation 45 summary, with the manager's commentary, kept and printable.
    page.get_by_role("link", name="Homes").first.click()
    page.get_by_role("link", name="Oak House").click()
    page.get_by_role("link", name="Regulation 44 and 45 reports").click()
    page.get_by_label("Report").select_option("reg45")
    page.get_by_role("button", name="Build the report").click()
    expect(page.locator("[data-figure='physicalInterventions']")).not_to_have_text("0")
    assert_no_axe_violations(page)
    page.get_by_label("What the figures say").fill(f"Interventions are down; RHIs offered on time ({RUN}).")
    page.get_by_role("button", name="Save the report").click()
    expect(page.get_by_role("heading", level=1, name="Regulation 45: review of the quality of care")).to_be_visible()
    expect(page.get_by_text(f"Interventions are down; RHIs offered on time ({RUN}).")).to_be_visible()
    assert_no_axe_violations(page)
