"""An initiative through the gender-equality gate in a real browser: a partner creates it, is told
what is missing, fills in the design assessment and submits it; a reviewer of the region validates
the assessment and accepts it for incubation; a visitor reads both steps on the public timeline."""

import re

from playwright.sync_api import expect

from tests.browser.pages import (
    ANSWERS,
    JUSTIFICATION,
    REQUIRED,
    assert_no_csp_violation,
    log_in,
    new_page,
    watch_console,
)

TITLE = "Girls' voices in the school councils of Thiès"
SUMMARY = "Girls aged 10 to 17 take part in school councils and bring their proposals to the mayor."
DESCRIPTION = "Workshops in **six schools**, then a council session where girls present their proposals."

# Every required answer of the design assessment, each well over the 50-character minimum.
def test_partner_submits_reviewer_accepts_and_the_timeline_shows_both(page, browser, live_server, make_user, make_org):
    partner = make_user("awa.ndiaye@example.org", name="Awa Ndiaye")
    reviewer = make_user(
        "ines.moreau@example.org", name="Inès Moreau", role="reviewer", regions=("sub_saharan_africa",)
    )
    make_org("jiggeen-thies", country="SN", members=[(partner, "owner")])
    errors = watch_console(page)

    # The partner creates the initiative through the form.
    log_in(page, partner)
    page.goto("/projects/new")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Summary").fill(SUMMARY)
    page.get_by_label("Description").fill(DESCRIPTION)
    page.get_by_label("Country").select_option("SN")
    page.get_by_role("checkbox", name="Girls' empowerment").check()
    page.get_by_role("checkbox", name="Adolescent girls").check()
    page.get_by_label("Language the initiative is written in").select_option("en")
    page.get_by_role("button", name="Create the draft").click()
    expect(page.get_by_role("status")).to_contain_text("The initiative was created as a draft.")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    project_url = re.search(r"/projects/\d+$", page.url).group(0)

    # Submitting before the assessment is started is refused, saying why.
    page.get_by_role("button", name="Submit for review").click()
    refusal = page.get_by_role("alert")
    expect(refusal).to_contain_text("The requirements to move on are not met.")
    expect(refusal.get_by_role("listitem")).to_have_text(["The design assessment has not been started."])

    # A first, partial save of the assessment: the gender analysis is left out.
    page.get_by_role("link", name="Open the assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Design assessment")
    for label, answer in ANSWERS.items():
        if label != "Gender analysis":
            page.get_by_label(label + REQUIRED, exact=True).fill(answer)
    page.get_by_label("Self-assessed gender-equality code").select_option("GE-3")
    page.get_by_label("Why this code").fill(JUSTIFICATION)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("6 of 7 required answers")

    # Trying again lists exactly what is still missing.
    page.get_by_role("link", name=f"Back to “{TITLE}”").click()
    page.get_by_role("button", name="Submit for review").click()
    expect(refusal.get_by_role("listitem")).to_have_text(
        ["The design assessment is missing an answer to 'Gender analysis'."]
    )

    # The partner completes the assessment and submits the initiative.
    page.get_by_role("link", name="Open the assessment").click()
    page.get_by_label("Gender analysis" + REQUIRED, exact=True).fill(ANSWERS["Gender analysis"])
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("7 of 7 required answers")
    page.get_by_role("link", name=f"Back to “{TITLE}”").click()
    submit = page.locator("#move-submitted")
    expect(submit).to_contain_text("The requirements for this step are met.")
    submit.get_by_label("Note (optional)").fill("Ready for review: the girls' councils start in October.")
    submit.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_role("status")).to_contain_text("The initiative is now at the stage 'Submitted for review'.")
    expect(page).to_have_url(re.compile(re.escape(project_url) + "$"))
    assert_no_csp_violation(errors)

    # A reviewer of the region, in a browser of their own, validates and accepts it.
    reviewer_context, review = new_page(browser, live_server)
    try:
        review_errors = watch_console(review)
        log_in(review, reviewer)
        review.get_by_role("navigation", name="Main").get_by_role("link", name="Review queue").click()
        expect(review.get_by_role("heading", level=1)).to_have_text("Review queue")
        review.get_by_role("link", name=TITLE).click()
        expect(review.get_by_role("heading", level=1)).to_have_text(f"Review: {TITLE}")
        expect(review.get_by_text("Waiting for review")).to_be_visible()

        validation = review.locator("#validation")
        validation.get_by_role("radio", name="Satisfactory").check()
        validation.get_by_role("group", name="Your gender-equality code").get_by_role(
            "radio", name=re.compile(r"^GE-2:")
        ).check()
        validation.get_by_label("Comment for the organisation").fill(
            "A solid gender analysis and a clear path from the girls' voice to the council's decisions."
        )
        validation.get_by_role("button", name="Record the review").click()
        expect(review.get_by_role("status")).to_contain_text("Your review of the assessment was recorded.")

        accept = review.locator(".decision").filter(
            has=review.get_by_role("heading", name=re.compile(r"^Accept for incubation"))
        )
        expect(accept).to_contain_text("All requirements to move on are met.")
        review.locator("#decisions").get_by_label("Note").fill("Accepted: the first councils can be prepared.")
        accept.get_by_role("button", name="Accept for incubation").click()
        expect(review.get_by_role("status")).to_contain_text("The project moved to 'Incubating'.")
        assert_no_csp_violation(review_errors)
    finally:
        reviewer_context.close()

    # Anyone can now read both steps on the public page.
    visitor_context, visitor = new_page(browser, live_server)
    try:
        visitor_errors = watch_console(visitor)
        visitor.goto(project_url)
        expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
        expect(visitor.get_by_role("navigation", name="Main").get_by_role("link", name="Log in")).to_be_visible()
        timeline = visitor.locator("ol.timeline > li")
        expect(timeline).to_have_count(3)
        expect(timeline.nth(0)).to_contain_text("created as Draft")
        expect(timeline.nth(1)).to_contain_text("Draft → Submitted for review")
        expect(timeline.nth(1)).to_contain_text(partner.name)
        expect(timeline.nth(2)).to_contain_text("Submitted for review → Incubating")
        expect(timeline.nth(2)).to_contain_text(reviewer.name)
        # The decisions' notes belong to the private side.
        expect(visitor.get_by_text("Accepted: the first councils can be prepared.")).to_have_count(0)
        assert_no_csp_violation(visitor_errors)
    finally:
        visitor_context.close()
