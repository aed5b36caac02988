"""Ids and permission sets decoded through the cache of values already made."""

from __future__ import annotations

import pytest

from ikit import models
from ikit.models import _base
from ikit.models.flags import Permissions


def test_an_id_seen_before_decodes_to_an_equal_snowflake() -> None:
    first = _base.dec_hook(models.Snowflake, "1270000000000000001")
    again = _base.dec_hook(models.Snowflake, "1270000000000000001")

    assert again == first == 1270000000000000001
    assert type(again) is models.Snowflake


def test_permissions_and_ids_with_the_same_digits_keep_their_types() -> None:
    snowflake = _base.dec_hook(models.Snowflake, "8")
    permissions = _base.dec_hook(Permissions, "8")

    assert type(snowflake) is models.Snowflake
    assert isinstance(permissions, Permissions)
    assert permissions == Permissions.ADMINISTRATOR


def test_the_cache_stays_bounded() -> None:
    for n in range(_base._CACHED + 10):
        _base.dec_hook(models.Snowflake, str(10**17 + n))

    assert len(_base._snowflakes) <= _base._CACHED


@pytest.mark.parametrize("bad", ["12a", "-1", "１２３", ""])
def test_a_malformed_id_is_still_refused_after_a_good_one(bad: str) -> None:
    _base.dec_hook(models.Snowflake, "123")

    with pytest.raises(ValueError, match="Expected a snowflake"):
        _base.dec_hook(models.Snowflake, bad)


@pytest.mark.parametrize("bad", [True, [1], {"id": "1"}, 1.5, -3])
def test_values_that_are_not_id_strings_are_refused_or_kept_exact(bad: object) -> None:
    _base.dec_hook(models.Snowflake, "1")  # a cached "1" must not answer for True

    with pytest.raises(ValueError, match="Expected a snowflake"):
        _base.dec_hook(models.Snowflake, bad)


def test_an_id_sent_as_an_int_decodes_without_entering_the_cache() -> None:
    before = len(_base._snowflakes)

    value = _base.dec_hook(models.Snowflake, 1270000000000000999)

    assert value == 1270000000000000999
    assert type(value) is models.Snowflake
    assert len(_base._snowflakes) == before


def test_a_malformed_id_is_not_cached() -> None:
    with pytest.raises(ValueError, match="Expected a snowflake"):
        _base.dec_hook(models.Snowflake, "9x")

    assert "9x" not in _base._snowflakes


def test_other_types_are_not_decoded_here() -> None:
    with pytest.raises(NotImplementedError, match="cannot decode"):
        _base.dec_hook(complex, "1")
