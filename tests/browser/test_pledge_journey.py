"""Pledging in a real browser: a partner lists a need of volunteer time on an incubating initiative, a
community member pledges hours to it, the partner accepts the pledge, and the progress bar (its value
and its words) moves on the needs page and on the initiative's page."""

import re

from playwright.sync_api import expect

from app.projects.models import Stage
from tests.browser.pages import assert_no_csp_violation, log_in, new_page, watch_console
from tests.support.resources import project_at, resource_people


def test_a_community_member_pledges_hours_and_the_partner_accepts(page, browser, live_server, app, make_user,
                                                                   make_org):
    people = resource_people(make_user, make_org)
    project_id = project_at(app, people, Stage.INCUBATING)
    errors = watch_console(page)

    # The partner lists the need from the initiative's page.
    log_in(page, people.partner)
    page.goto(f"/projects/{project_id}")
    needs = page.locator("#needs")
    expect(needs.get_by_role("heading", level=2)).to_have_text("Needs")
    needs.get_by_role("link", name="Add a need").click()
    page.get_by_label("Kind of resource").select_option("volunteer_time")
    page.get_by_label("Title").fill("Facilitators for the girls' clubs")
    page.get_by_label("Description").fill("Saturday mornings, from March to June.")
    page.get_by_label("Quantity").fill("200")
    page.get_by_role("button", name="Add the need").click()
    expect(page.get_by_role("status")).to_contain_text("The need “Facilitators for the girls' clubs” is listed.")
    need_url = re.sub(r"^https?://[^/]+", "", page.url)
    need_id = re.search(r"#need-(\d+)$", need_url).group(1)
    bar = page.locator(f"#need-progress-{need_id}")
    expect(page.get_by_label("0 of 200 hours committed, 0 fulfilled")).to_be_visible()
    expect(bar).to_have_attribute("value", "0")
    expect(bar).to_have_attribute("max", "200")

    # A community member pledges 120 hours from the initiative's page.
    context, member_page = new_page(browser, live_server)
    member_errors = watch_console(member_page)
    try:
        log_in(member_page, people.other)
        member_page.goto(f"/projects/{project_id}")
        member_page.locator(f"#need-{need_id}").get_by_role("link", name="Pledge").click()
        expect(member_page.get_by_role("heading", level=1)).to_have_text(
            "Pledge to “Facilitators for the girls' clubs”")
        member_page.get_by_label("How much you pledge").fill("120")
        member_page.get_by_label("Message to the partners (optional)").fill("Three of us, trained in first aid.")
        # A double-click on the button makes one pledge.
        member_page.get_by_role("button", name="Pledge", exact=True).dblclick()
        expect(member_page.get_by_role("heading", level=1)).to_have_text("My pledges")
        expect(member_page.get_by_role("status")).to_contain_text(re.compile(
            "your pledge of 120 hours to “Facilitators for the girls' clubs” is recorded|This pledge was already "
            "recorded: it counts once."))
        expect(member_page.locator("li.card[id^=pledge-]")).to_have_count(1)
        expect(member_page.locator("li.card[id^=pledge-]")).to_contain_text("pledged")
        assert_no_csp_violation(member_errors)
    finally:
        context.close()

    # The partner sees the pledge, with its pledger and message, and accepts it.
    page.goto(f"/projects/{project_id}/needs")
    pledge_item = page.locator(f"#need-{need_id} li.pledge")
    expect(pledge_item).to_contain_text(people.other.name)
    expect(pledge_item).to_contain_text("Three of us, trained in first aid.")
    waiting = "120 hours more pledged, waiting for the partners' answer."
    expect(page.locator(f"#need-{need_id}")).to_contain_text(waiting)
    pledge_item.get_by_role("button", name="Accept").click()
    expect(page.get_by_role("status")).to_contain_text("The pledge is now accepted.")
    expect(page.get_by_label("120 of 200 hours committed, 0 fulfilled")).to_be_visible()
    expect(page.locator(f"#need-progress-{need_id}")).to_have_attribute("value", "120")
    expect(page.locator(f"#need-{need_id} li.pledge")).to_contain_text("accepted")

    # A visitor sees the bar moved on the initiative's page, without the pledger's name.
    context, visitor = new_page(browser, live_server)
    try:
        visitor.goto(f"/projects/{project_id}")
        expect(visitor.locator(f"#need-progress-{need_id}")).to_have_attribute("value", "120")
        expect(visitor.get_by_label("120 of 200 hours committed, 0 fulfilled")).to_be_visible()
        expect(visitor.locator("#needs")).not_to_contain_text(people.other.name)
    finally:
        context.close()
    assert_no_csp_violation(errors)
