"""Row ids: MAX_ID is the largest a database INTEGER holds; the URL rules take exactly 0 to MAX_ID."""

import re

import pytest

from app.core.ids import MAX_ID, digits_up_to, is_valid_id


@pytest.mark.parametrize("value, valid", [
    (1, True), (MAX_ID, True), (0, False), (-1, False), (MAX_ID + 1, False), (None, False), ("7", False),
])
def test_a_valid_id_is_a_whole_number_from_1_to_max_id(value, valid):
    assert is_valid_id(value) is valid


@pytest.mark.parametrize("limit", [0, 7, 9, 10, 20, 99, 100, 305, 1000, 90210])
def test_the_pattern_takes_every_number_up_to_the_limit_and_none_above(limit):
    pattern = re.compile(digits_up_to(limit))
    for value in range(0, limit * 3 + 20):
        assert bool(pattern.fullmatch(str(value))) == (value <= limit), value


def test_the_url_pattern_ends_at_max_id():
    pattern = re.compile(digits_up_to(MAX_ID))
    for value in (0, 1, 999_999_999, 1_999_999_999, 2_099_999_999, MAX_ID - 1, MAX_ID):
        assert pattern.fullmatch(str(value))
    for value in (MAX_ID + 1, 2_147_483_650, 2_147_483_700, 2_148_000_000, 2_200_000_000, 3_000_000_000, 10**10):
        assert not pattern.fullmatch(str(value))


def test_the_router_answers_404_past_max_id(client):
    assert client.get(f"/projects/{MAX_ID + 1}").status_code == 404
