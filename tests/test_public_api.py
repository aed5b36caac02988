"""The public namespaces export exactly what they list, and all of it is typed."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

import ikit
import ikit.rest

NAMESPACES = [
    "ikit",
    "ikit.models",
    "ikit.ui",
    "ikit.server",
    "ikit.rest",
    "ikit.commands",
]


@pytest.mark.parametrize("name", NAMESPACES)
def test_all_lists_what_the_namespace_exports(name: str) -> None:
    module = importlib.import_module(name)
    exported = set(module.__all__)

    public = {
        attr
        for attr, value in vars(module).items()
        if not attr.startswith("_")
        and getattr(value, "__module__", "").startswith("ikit")
        and not isinstance(value, type(ikit))
    }

    assert len(exported) == len(module.__all__), "duplicates in __all__"
    assert all(hasattr(module, attr) for attr in exported)
    assert public <= exported, f"public but not in __all__: {public - exported}"


def test_the_package_is_marked_typed() -> None:
    assert (Path(ikit.__file__).parent / "py.typed").is_file()


def test_the_top_level_namespace() -> None:
    assert sorted(ikit.__all__) == [
        "App",
        "AutocompleteContext",
        "ChannelTypes",
        "Choice",
        "CommandContext",
        "ComponentContext",
        "Context",
        "ErrorHandler",
        "Hook",
        "Length",
        "Mentionable",
        "ModalContext",
        "Option",
        "Range",
        "Response",
        "ResponseWithFiles",
        "errors",
        "models",
    ]


def test_what_a_rate_limit_store_author_needs_is_public() -> None:
    assert {
        "BucketState",
        "GlobalWindow",
        "RateLimitInfo",
        "RateLimitStore",
        "Reservation",
        "Window",
    } <= set(ikit.rest.__all__)


def test_the_application_models_are_public() -> None:
    assert {
        "Application",
        "ApplicationEdit",
        "ApplicationFlags",
        "ApplicationInstallParams",
        "ApplicationIntegrationTypeConfig",
    } <= set(ikit.models.__all__)
