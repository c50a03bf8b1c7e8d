"""Only `Authorization: Bearer <token>` opens the API: on a cached page as on any other call."""

import pytest

from tests.support.api import assert_error, bearer


@pytest.mark.parametrize("scheme", ["Basic", "Token", "Digest", "bearer-ish"])
def test_another_scheme_with_a_real_token_is_refused_on_a_cached_page(app, client, make_user, scheme):
    headers = bearer(app, make_user())
    raw = headers["Authorization"].partition(" ")[2]
    assert client.get("/api/v1/projects", headers=headers).status_code == 200  # the token's account is cached
    assert_error(client.get("/api/v1/projects", headers={"Authorization": f"{scheme} {raw}"}), 401, "unauthorized")
    assert_error(client.get("/api/v1/projects", headers={"Authorization": raw}), 401, "unauthorized")


@pytest.mark.parametrize("path", ["/api/v1/projects", "/api/v1/organisations"])
def test_another_scheme_with_a_real_token_is_refused_on_a_first_call(app, client, make_user, path):
    raw = bearer(app, make_user())["Authorization"].partition(" ")[2]
    assert_error(client.get(path, headers={"Authorization": f"Basic {raw}"}), 401, "unauthorized")


@pytest.mark.parametrize("scheme", ["Bearer", "bearer", "BEARER"])
def test_the_bearer_scheme_is_read_whatever_its_case(app, client, make_user, scheme):
    raw = bearer(app, make_user())["Authorization"].partition(" ")[2]
    for _ in range(2):  # made, then from the cache
        assert client.get("/api/v1/projects", headers={"Authorization": f"{scheme} {raw}"}).status_code == 200
