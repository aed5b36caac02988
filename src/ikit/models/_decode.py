"""Decoding and encoding with ikit's wire conventions.

Theory of operation. Decoding takes one fast path and, rarely, one slow path:

1. The fast path decodes the bytes straight into the tagged unions with one reusable
   msgspec Decoder. Unknown enum values already pass here (DiscordEnum); unknown flag
   bits too.
2. msgspec refuses a tag that no struct of a union declares, which is what a component
   or interaction type added later by Discord looks like. Only then does the slow path
   run: it decodes the bytes to plain Python objects, walks them alongside the type
   graph that ``msgspec.inspect`` describes, replaces each node whose tag is unknown by
   the union's catch-all (tag -1, raw fields kept in ``raw``), and converts the result.

Any other failure becomes one :class:`ikit.errors.DecodeError` (HTTP 400) that keeps
msgspec's wording and JSON path.
"""

from __future__ import annotations

import functools
import re
from typing import Any, TypeVar, overload

import msgspec
import msgspec.inspect as mi

from ikit.errors import DecodeError
from ikit.models._base import dec_hook, enc_hook
from ikit.models.interactions import Interaction

__all__ = ["decode", "decode_interaction", "encode"]

T = TypeVar("T")

#: The tag of every union's catch-all struct.
UNKNOWN_TAG = -1

_encoder = msgspec.json.Encoder(enc_hook=enc_hook)
_interaction_decoder = msgspec.json.Decoder(Interaction, dec_hook=dec_hook)
_PATH = re.compile(r" - at `(?P<path>[^`]*)`$")


def encode(value: object) -> bytes:
    """Encode a model (or anything msgspec encodes) as Discord's JSON."""
    return _encoder.encode(value)


def decode_interaction(body: bytes | str) -> Interaction:
    """Decode an interaction payload.

    Raises :class:`ikit.errors.DecodeError` (status 400) for malformed input.
    """
    interaction: Interaction = _decode_with(_interaction_decoder, body, Interaction)
    return interaction


@overload
def decode(body: bytes | str, type_: type[T]) -> T: ...
@overload
def decode(body: bytes | str, type_: Any) -> Any: ...  # a union, such as Interaction


def decode(body: bytes | str, type_: Any) -> Any:
    """Decode JSON into any model type, with the same leniency as interactions."""
    return _decode_with(_decoder(type_), body, type_)


@functools.cache
def _decoder(type_: Any) -> msgspec.json.Decoder[Any]:
    return msgspec.json.Decoder(type_, dec_hook=dec_hook)


def _decode_with(
    decoder: msgspec.json.Decoder[Any], body: bytes | str, type_: Any
) -> Any:
    try:
        return decoder.decode(body)
    except msgspec.ValidationError as error:
        first = error
    except msgspec.DecodeError as error:
        raise _as_decode_error(error) from None
    except RecursionError:
        raise _too_deep() from None
    return _decode_leniently(body, type_, first)


def _decode_leniently(
    body: bytes | str, type_: Any, first: msgspec.ValidationError
) -> Any:
    try:
        raw = msgspec.json.decode(body)
    except msgspec.ValidationError:
        # The untyped decoder refuses what the typed one refused first (an integer
        # out of range); the typed error knows where it is.
        raise _as_decode_error(first) from None
    except msgspec.DecodeError as error:
        # Malformed JSON after the first refused value.
        raise _as_decode_error(error) from None
    except RecursionError:
        raise _too_deep() from None
    try:
        repaired, changed = _repair(raw, _type_info(type_))
        if not changed:
            raise _as_decode_error(first)
        return msgspec.convert(repaired, type_, dec_hook=dec_hook, str_keys=True)
    except msgspec.ValidationError as error:
        raise _as_decode_error(error) from None
    except RecursionError:
        raise _too_deep() from None


def _too_deep() -> DecodeError:
    return DecodeError("Payload nests too deeply to decode")


def _as_decode_error(error: Exception) -> DecodeError:
    message = str(error)
    match = _PATH.search(message)
    path = (
        match.group("path")
        if match
        else ("$" if isinstance(error, msgspec.ValidationError) else None)
    )
    return DecodeError(message, path=path)


@functools.cache
def _type_info(type_: Any) -> mi.Type:
    return mi.type_info(type_)


def _repair(value: Any, info: mi.Type) -> tuple[Any, bool]:
    """Replace nodes with unknown tags by their union's catch-all; say if any were."""
    if isinstance(info, mi.UnionType):
        return _repair_union(value, info)
    if isinstance(info, mi.StructType) and isinstance(value, dict):
        return _repair_struct(value, info)
    if isinstance(info, mi.ListType) and isinstance(value, list):
        return _repair_items(value, info.item_type)
    if isinstance(info, mi.DictType) and isinstance(value, dict):
        items = list(value.items())
        repaired, changed = _repair_items([v for _, v in items], info.value_type)
        return dict(zip((k for k, _ in items), repaired, strict=True)), changed
    return value, False


def _repair_items(values: list[Any], info: mi.Type) -> tuple[list[Any], bool]:
    changed = False
    out = []
    for item in values:
        fixed, item_changed = _repair(item, info)
        out.append(fixed)
        changed = changed or item_changed
    return out, changed


def _repair_struct(value: dict[str, Any], info: mi.StructType) -> tuple[Any, bool]:
    changed = False
    out = dict(value)
    for field in info.fields:
        if field.encode_name in out:
            fixed, field_changed = _repair(out[field.encode_name], field.type)
            out[field.encode_name] = fixed
            changed = changed or field_changed
    return out, changed


def _repair_union(value: Any, info: mi.UnionType) -> tuple[Any, bool]:
    structs = [t for t in info.types if isinstance(t, mi.StructType)]
    if isinstance(value, dict) and structs and structs[0].tag_field is not None:
        by_tag = {t.tag: t for t in structs}
        tag = value.get(structs[0].tag_field)
        member = by_tag.get(tag)
        if member is not None:
            return _repair_struct(value, member)
        # Discord's tags are integers: a missing or non-integer tag is malformed,
        # not a type added later.
        if UNKNOWN_TAG in by_tag and type(tag) is int:
            # Keep the common fields (ids, token) decodable, and the whole node in raw.
            return {**value, structs[0].tag_field: UNKNOWN_TAG, "raw": value}, True
        return value, False
    for option in info.types:
        if _shape_matches(value, option):
            return _repair(value, option)
    return value, False


def _shape_matches(value: Any, info: mi.Type) -> bool:
    if isinstance(value, dict):
        return isinstance(info, mi.StructType | mi.DictType)
    if isinstance(value, list):
        return isinstance(info, mi.ListType)
    return False
