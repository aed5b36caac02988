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

    assert len(_base._made[models.Snowflake]) <= _base._CACHED


@pytest.mark.parametrize("bad", ["12a", "-1", "１２３", ""])
def test_a_malformed_id_is_still_refused_after_a_good_one(bad: str) -> None:
    _base.dec_hook(models.Snowflake, "123")

    with pytest.raises(ValueError, match="Expected a snowflake"):
        _base.dec_hook(models.Snowflake, bad)
