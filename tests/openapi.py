"""Discord's OpenAPI spec as a test oracle for what ikit sends.

``validator(name)`` checks an encoded body against ``#/components/schemas/<name>``;
``check_keys(instance, name)`` checks that every key ikit emits is a property the
schema names, since no request schema forbids extra keys (a misspelt field would pass
``validator`` unnoticed). ``validate_request(request)`` checks a request the fake
Discord recorded against the JSON body its path declares; a multipart request's
``payload_json`` is that same body.

The spec is a floor, not the truth: Discord's docs win where the two disagree. The
disagreements ikit follows the docs on are the patches in :data:`DOCS_OVER_SPEC`, each
with its reason: those ``../shared/discord-openapi/README.md`` names among its known
gaps, and those ikit's own tests found since. A patch that no longer applies (the spec
changed under it) fails loudly.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from tests.fake_rest_routes import Recorded
from tests.shared import SPEC_FILE, spec

__all__ = [
    "CALLBACK_SCHEMAS",
    "DOCS_OVER_SPEC",
    "Patch",
    "any_of",
    "check_keys",
    "schema",
    "schema_names",
    "unknown_keys",
    "validate",
    "validate_request",
    "validator",
]

REF_PREFIX = "#/components/schemas/"

#: The callback body schema of each interaction response type (the README's list).
#: Type 10 (PREMIUM_REQUIRED, deprecated) has none.
CALLBACK_SCHEMAS: dict[int, str] = {
    1: "PongInteractionCallbackRequest",
    4: "CreateMessageInteractionCallbackRequest",
    5: "CreateMessageInteractionCallbackRequest",
    6: "UpdateMessageInteractionCallbackRequest",
    7: "UpdateMessageInteractionCallbackRequest",
    8: "ApplicationCommandAutocompleteCallbackRequest",
    9: "ModalInteractionCallbackRequest",
    12: "LaunchActivityInteractionCallbackRequest",
}


@dataclass(frozen=True)
class Patch:
    """One place where ikit follows Discord's docs over the spec."""

    schema: str
    why: str
    apply: Callable[[dict[str, Any]], None]


def _add_property(name: str, value: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    def apply(schema: dict[str, Any]) -> None:
        if name in schema["properties"]:
            raise AssertionError(f"the spec now has {name!r}: drop the patch")
        schema["properties"][name] = value

    return apply


def _set(path: tuple[str, ...], value: object) -> Callable[[dict[str, Any]], None]:
    def apply(schema: dict[str, Any]) -> None:
        node = schema
        for key in path[:-1]:
            node = node[key]
        if path[-1] not in node:
            raise AssertionError(f"the spec no longer has {'.'.join(path)}")
        node[path[-1]] = value

    return apply


def _also(name: str, alternative: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    """Let property ``name`` take ``alternative`` as well as what the spec says."""

    def apply(schema: dict[str, Any]) -> None:
        if name not in schema["properties"]:
            raise AssertionError(f"the spec no longer has {name!r}")
        schema["properties"][name] = {
            "anyOf": [schema["properties"][name], alternative]
        }

    return apply


def _add_enum_value(value: int, title: str) -> Callable[[dict[str, Any]], None]:
    def apply(schema: dict[str, Any]) -> None:
        if any(option.get("const") == value for option in schema["oneOf"]):
            raise AssertionError(f"the spec now has {title} = {value}: drop the patch")
        schema["oneOf"].append({"title": title, "const": value})

    return apply


DOCS_OVER_SPEC: tuple[Patch, ...] = (
    Patch(
        "ChannelTypes",
        "the docs list GUILD_MEDIA (16); only the preview spec has it",
        _add_enum_value(16, "GUILD_MEDIA"),
    ),
    Patch(
        "FileUploadComponentForModalRequest",
        "file_types was added to the docs (2026-08-05) after this spec commit",
        _add_property(
            "file_types",
            {"type": ["array", "null"], "items": {"type": "string"}, "maxItems": 10},
        ),
    ),
    Patch(
        "ComponentEmojiForRequest",
        "the docs' partial emoji of buttons and select options has `animated`",
        _add_property("animated", {"type": ["boolean", "null"]}),
    ),
    Patch(
        "MessageAttachmentRequest",
        "the docs type an attachment entry's id as 'snowflake or number': new "
        "uploads are numbered by their files[n] part",
        _set(
            ("properties", "id"),
            {
                "oneOf": [
                    {"$ref": f"{REF_PREFIX}SnowflakeType"},
                    {"type": "integer", "minimum": 0},
                ]
            },
        ),
    ),
    Patch(
        "ModalInteractionCallbackRequestData",
        "the docs allow 1-5 modal components; the spec's maxItems is 40",
        _set(("properties", "components", "maxItems"), 5),
    ),
    Patch(
        "ApplicationFormPartial",
        "the docs' Edit Current Application takes description as a string (up to "
        "400 characters); the spec has only a localized object",
        _also("description", {"type": "string", "maxLength": 400}),
    ),
    Patch(
        "ApplicationOAuth2InstallParams",
        "the docs' install params carry permissions as a string; the spec, as for "
        "default_member_permissions, types the request field as an integer",
        _also("permissions", {"type": "string", "pattern": "^(0|[1-9][0-9]*)$"}),
    ),
    Patch(
        "ApplicationCommandOptionStringChoice",
        "the docs cap a string choice's value at 100 characters; the spec at 6000",
        _set(("properties", "value", "maxLength"), 100),
    ),
)


@functools.cache
def _components() -> dict[str, Any]:
    components: dict[str, Any] = copy.deepcopy(spec()["components"])
    for patch in DOCS_OVER_SPEC:
        patch.apply(components["schemas"][patch.schema])
    return components


def schema(name: str) -> dict[str, Any]:
    """The (patched) schema ``#/components/schemas/<name>``."""
    found: dict[str, Any] = _components()["schemas"][name]
    return found


@functools.cache
def validator(schema_name: str) -> Draft202012Validator:
    """A validator for ``#/components/schemas/<schema_name>`` (no format checks:
    ``format: uri`` would refuse ``attachment://file.png``)."""
    schema(schema_name)  # a KeyError here names a schema the spec lacks
    return Draft202012Validator(
        {"$ref": f"{REF_PREFIX}{schema_name}", "components": _components()}
    )


def any_of(*schema_names: str) -> Draft202012Validator:
    """A validator accepting what any of the schemas accepts (a request body that
    the path declares as a union, such as the interaction callback's)."""
    refs = [{"$ref": f"{REF_PREFIX}{name}"} for name in schema_names]
    return Draft202012Validator({"anyOf": refs, "components": _components()})


def schema_names() -> list[str]:
    """The name of every schema in the spec."""
    return list(_components()["schemas"])


def validate(instance: object, schema_name: str) -> None:
    """Fail with the most relevant error when ``instance`` breaks the schema."""
    error = best_match(validator(schema_name).iter_errors(instance))
    if error is not None:
        where = "".join(f"[{p!r}]" for p in error.absolute_path) or "the root"
        raise AssertionError(f"{schema_name} refuses {where}: {error.message}")


def _operation(method: str, path: str) -> dict[str, Any] | None:
    """The spec's operation for a concrete path; literal segments beat placeholders."""
    best: tuple[int, dict[str, Any]] | None = None
    for template, operations in spec()["paths"].items():
        pattern = re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(template))
        operation = operations.get(method.lower())
        if operation and re.fullmatch(pattern, path):
            literals = len(re.sub(r"\{\w+\}", "", template))
            if best is None or literals > best[0]:
                best = (literals, operation)
    return best[1] if best else None


def validate_request(request: Recorded) -> None:
    """Fail when the body of ``request`` (its ``payload_json``, for a multipart one)
    breaks the JSON schema its path declares; skipped without the spec."""
    if not SPEC_FILE.exists():
        return
    operation = _operation(request.method, request.path)
    assert operation is not None, f"the spec has no {request.method} {request.path}"
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    checker = Draft202012Validator({**body, "components": _components()})
    error = best_match(checker.iter_errors(request.payload()))
    assert error is None, f"{request.route}: {error.message} at {error.json_path}"


def check_keys(instance: object, schema_name: str) -> None:
    """Fail unless every key of ``instance`` is a property its schema names."""
    unknown = unknown_keys(instance, schema_name)
    if unknown:
        raise AssertionError(f"keys {schema_name} does not name: {unknown}")


def unknown_keys(instance: object, schema_name: str) -> list[str]:
    """The JSON paths of the keys of ``instance`` that the schema does not name.

    Nested objects are checked against the schema of the property holding them.
    For a union (``oneOf``/``anyOf``), the branches the value validates against are
    tried (all branches when none does), and the best fit counts. ``allOf`` merges
    the properties of its parts.
    """
    return sorted(_unknown(instance, {"$ref": REF_PREFIX + schema_name}, "$"))


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        ref: str = node["$ref"]
        if not ref.startswith(REF_PREFIX):
            raise AssertionError(f"cannot follow {ref!r}")
        node = schema(ref.removeprefix(REF_PREFIX))
    return node


def _unknown(value: object, node: dict[str, Any], path: str) -> set[str]:
    node = _resolve(node)
    if "allOf" in node:
        rest = {k: v for k, v in node.items() if k != "allOf"}
        parts = [rest, *node["allOf"]]
        return set.intersection(*(_unknown(value, part, path) for part in parts))
    branches = node.get("oneOf", []) + node.get("anyOf", [])
    if branches:
        return _unknown_in_union(value, branches, path)
    if isinstance(value, dict):
        return _unknown_in_object(value, node, path)
    if isinstance(value, list) and "items" in node:
        items = node["items"]
        return set().union(
            *(_unknown(item, items, f"{path}[{i}]") for i, item in enumerate(value))
        )
    return set()


def _unknown_in_union(
    value: object, branches: list[dict[str, Any]], path: str
) -> set[str]:
    tagged = [b for b in branches if _tag_allows(value, b)] or branches
    matching = [b for b in tagged if _matches(value, b)] if len(tagged) > 1 else tagged
    return min((_unknown(value, b, path) for b in matching or tagged), key=len)


def _tag_allows(value: object, branch: dict[str, Any]) -> bool:
    """Whether the branch's ``type`` enum (Discord's tags) admits the value's type;
    a cheap first cut before validating against each branch."""
    resolved = _resolve(branch)
    tag = resolved.get("properties", {}).get("type", {})
    if not isinstance(value, dict) or "enum" not in tag:
        return True
    return value.get("type") in tag["enum"]


def _matches(value: object, branch: dict[str, Any]) -> bool:
    return bool(_branch_validator(json.dumps(branch, sort_keys=True)).is_valid(value))


@functools.cache
def _branch_validator(branch: str) -> Draft202012Validator:
    return Draft202012Validator({**json.loads(branch), "components": _components()})


def _unknown_in_object(
    value: dict[str, Any], node: dict[str, Any], path: str
) -> set[str]:
    properties: dict[str, Any] = node.get("properties", {})
    extra = node.get("additionalProperties")
    if not properties and extra is None:
        return set()  # a free-form object
    unknown: set[str] = set()
    for key, item in value.items():
        child = properties.get(key, extra if isinstance(extra, dict) else None)
        if child is not None:
            unknown |= _unknown(item, child, f"{path}.{key}")
        elif key not in properties and extra is not True:
            unknown.add(f"{path}.{key}")
    return unknown
