"""Files sent with a message, and the ``multipart/form-data`` body that carries them.

Discord takes the JSON body as the ``payload_json`` part and each file as
``files[n]``; the message's ``attachments`` list refers to file ``n`` by ``id: n``.
"""

from __future__ import annotations

import mimetypes
import os
from collections.abc import Sequence
from pathlib import PurePath
from typing import IO, Any

import anyio
import anyio.to_thread
import msgspec

from ikit.models._base import enc_hook
from ikit.models._decode import encode

__all__ = ["File", "build_multipart"]

FileSource = bytes | str | os.PathLike[str] | IO[bytes]
MultipartField = tuple[str, tuple[str | None, bytes, str]]

_SPOILER = "SPOILER_"


class File:
    """A file to upload: bytes, a path, or an open binary file.

    ``File("chart.png")`` reads the path when the request is sent;
    ``File(data, name="chart.png")`` sends bytes; an open file is read once, on first
    use, and its bytes are kept so a retried request sends the same ones.
    ``spoiler=True`` makes Discord blur it.
    """

    __slots__ = ("_data", "content_type", "description", "name", "source", "spoiler")

    def __init__(
        self,
        source: FileSource,
        *,
        name: str | None = None,
        description: str | None = None,
        spoiler: bool = False,
        content_type: str | None = None,
    ) -> None:
        self.source = source
        self.name = name or _name_of(source)
        self.description = description
        self.spoiler = spoiler
        self.content_type = content_type or _guess_type(self.name)
        self._data: bytes | None = None

    @property
    def filename(self) -> str:
        """The name Discord receives: ``SPOILER_``-prefixed for a spoiler."""
        if self.spoiler and not self.name.startswith(_SPOILER):
            return _SPOILER + self.name

        return self.name

    async def read(self) -> bytes:
        """The file's bytes, read without blocking the event loop."""
        source = self.source
        if isinstance(source, bytes):
            return source

        if isinstance(source, str | os.PathLike):
            return await anyio.Path(source).read_bytes()

        if self._data is None:
            self._data = await anyio.to_thread.run_sync(source.read)

        return self._data

    def __repr__(self) -> str:
        return f"File(name={self.name!r}, spoiler={self.spoiler})"


def _name_of(source: FileSource) -> str:
    if isinstance(source, str | os.PathLike):
        return PurePath(source).name

    name = getattr(source, "name", None)
    if isinstance(name, str) and name:
        return PurePath(name).name

    raise ValueError(
        "File needs a name when its source is bytes or a nameless file object: "
        "pass name='picture.png'."
    )


def _guess_type(name: str) -> str:
    guessed, _ = mimetypes.guess_type(name)
    return guessed or "application/octet-stream"


async def build_multipart(
    payload: object, files: Sequence[File], *, in_data: bool = False
) -> list[MultipartField]:
    """The form parts for ``payload`` plus ``files``.

    Each file gets an ``attachments`` entry unless the payload already lists its index.
    ``in_data``: the message is the payload's ``data`` (an interaction callback).
    """
    body = _as_object(payload)
    message = _message_of(body, in_data)
    _link_attachments(message, files)
    parts: list[MultipartField] = [
        ("payload_json", (None, encode(body), "application/json"))
    ]
    for index, file in enumerate(files):
        data = await file.read()
        parts.append((f"files[{index}]", (file.filename, data, file.content_type)))

    return parts


def _as_object(payload: object) -> dict[str, Any]:
    if payload is None:
        return {}

    body = msgspec.to_builtins(payload, enc_hook=enc_hook)
    if not isinstance(body, dict):
        raise TypeError(
            "A request with files needs a JSON object body (a message payload); "
            f"got {type(payload).__name__}."
        )

    return body


def _message_of(body: dict[str, Any], in_data: bool) -> dict[str, Any]:
    if not in_data:
        return body

    data = body.get("data")
    if data is None:
        data = body["data"] = {}

    if not isinstance(data, dict):
        raise TypeError("An interaction callback with files needs a message in 'data'.")

    return data


def _link_attachments(message: dict[str, Any], files: Sequence[File]) -> None:
    attachments = list(message.get("attachments") or [])
    listed = {str(item.get("id")) for item in attachments if isinstance(item, dict)}
    for index, file in enumerate(files):
        if str(index) in listed:
            continue

        entry: dict[str, Any] = {"id": index, "filename": file.filename}
        if file.description is not None:
            entry["description"] = file.description

        attachments.append(entry)

    message["attachments"] = attachments
