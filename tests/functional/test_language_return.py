"""After a language change the person comes back to the page they were reading, even when that page
was drawn in answer to a form (its address only takes posts: opening it again would be a 405)."""

import pytest


@pytest.mark.parametrize(
    ("next_url", "location"),
    [
        ("/organisations/?country=SN", "/organisations/?country=SN"),
        ("/projects/12/transition", "/projects/12"),
        ("/review/projects/3/assessments/design", "/review/projects/3"),
        ("/review/projects/3/decide", "/review/projects/3"),
        ("/no-such-page", "/no-such-page"),
        ("https://evil.test/", "/"),
        ("", "/"),
    ],
)
def test_the_language_switch_returns_to_a_page_that_opens(client, csrf, next_url, location):
    response = client.post("/language", data={"locale": "fr", "next": next_url, "csrf_token": csrf(client)})
    assert response.status_code == 302
    assert response.headers["Location"] == location
