"""Files a message uploads, and how they travel beside the message's JSON.

The builder uses the REST client's :class:`ikit.rest.File` for uploads, but does not
import it: importing the REST client would bring httpx into the pure builder. What the
builder needs of an upload (its name on the wire and its alt text) is the
:class:`Upload` protocol, which ``ikit.rest.File`` satisfies.

A message with files is a :class:`MessageWithFiles`: the message struct, whose JSON
lists each file in ``attachments`` as ``{"id": n, "filename": ...}``, and the files
themselves, in the order of those ``n``. The struct encodes to Discord's JSON as
always; the files go in the ``files[n]`` parts of a multipart request.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from ikit.models import MessagePayload

__all__ = ["MessageWithFiles", "Upload", "attachment_url"]


class Upload(Protocol):
    """What the builder reads of a file to upload (see :class:`ikit.rest.File`)."""

    @property
    def filename(self) -> str:
        """The name Discord receives (``SPOILER_``-prefixed for a spoiler)."""
        ...

    @property
    def description(self) -> str | None:
        """Alt text, at most 1024 characters."""
        ...


@dataclass(frozen=True, slots=True)
class MessageWithFiles:
    """A message and the files it uploads: what ``ui.Message(..., files=[...])``
    returns.

    ``payload`` is the message struct (encode it as usual); ``files[n]`` is the file
    that ``payload.attachments`` lists with ``id`` n. The REST client and the App
    send both as one multipart request.
    """

    payload: MessagePayload
    files: tuple[Upload, ...]


def attachment_url(upload: Upload) -> str:
    """How components refer to an uploaded file."""
    return f"attachment://{upload.filename}"
