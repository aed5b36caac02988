"""Files: multipart bodies that Discord can read, from bytes, paths and file objects.

The ``payload_json`` part of each is validated against the JSON body its route
declares in Discord's OpenAPI spec (skipped when ../shared is absent).
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from ikit.models import AttachmentPayload, MessageEdit, MessagePayload, MessageResponse
from ikit.rest import File, Route
from tests.fake_rest import APPLICATION_ID, FakeDiscord, Fault, rest_client
from tests.openapi import validate_request
from tests.shared import SPEC_FILE

EDIT_ORIGINAL = (
    "PATCH /webhooks/{application_id}/{interaction_token}/messages/@original"
)


@pytest.mark.anyio
async def test_files_from_bytes_path_and_file_object(tmp_path: Path) -> None:
    picture = os.urandom(70_000) + b"\r\n--not-a-boundary\r\n" + os.urandom(10)
    report = tmp_path / "report.pdf"
    report.write_bytes(b"%PDF-1.7 fake")
    log = io.BytesIO(b"line 1\nline 2\n")
    files = [
        File(picture, name="chart.png", description="Sales by month"),
        File(report),
        File(log, name="run.log", spoiler=True),
    ]
    fake = FakeDiscord()

    async with rest_client(fake) as rest:
        message = await rest.create_followup(
            APPLICATION_ID, "tok", MessagePayload(content="see attached"), files=files
        )

    request = fake.requests[0]
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    parts = request.parts()
    assert sorted(parts) == ["files[0]", "files[1]", "files[2]", "payload_json"]
    assert parts["payload_json"].content_type == "application/json"
    assert request.payload() == {
        "content": "see attached",
        "attachments": [
            {"id": 0, "filename": "chart.png", "description": "Sales by month"},
            {"id": 1, "filename": "report.pdf"},
            {"id": 2, "filename": "SPOILER_run.log"},
        ],
    }
    assert parts["files[0]"].data == picture
    assert (parts["files[0]"].filename, parts["files[0]"].content_type) == (
        "chart.png",
        "image/png",
    )
    assert parts["files[1]"].data == b"%PDF-1.7 fake"
    assert parts["files[1]"].content_type == "application/pdf"
    assert parts["files[2]"].data == b"line 1\nline 2\n"
    assert parts["files[2]"].filename == "SPOILER_run.log"
    assert [a.filename for a in message.attachments] == [
        "chart.png",
        "report.pdf",
        "SPOILER_run.log",
    ]
    validate_request(request)


@pytest.mark.anyio
async def test_the_spec_check_reads_the_payload_json_part() -> None:
    if not SPEC_FILE.exists():
        pytest.skip(f"Discord reference material not found at {SPEC_FILE}")

    fake = FakeDiscord()
    async with rest_client(fake) as rest:
        await rest.edit_original_response(
            APPLICATION_ID,
            "tok",
            MessageEdit(content="x" * 2001),
            files=[File(b"a", name="a.txt")],
        )

    with pytest.raises(AssertionError, match=r"is too long at \$\.content"):
        validate_request(fake.requests[0])


@pytest.mark.anyio
async def test_a_retried_upload_sends_the_same_bytes() -> None:
    fake = FakeDiscord()
    fake.inject(EDIT_ORIGINAL, Fault.error(500))
    stream = io.BytesIO(b"read only once")

    async with rest_client(fake) as rest:
        await rest.edit_original_response(
            APPLICATION_ID,
            "tok",
            MessageEdit(content="v2"),
            files=[File(stream, name="a.txt")],
        )

    first, second = fake.requests
    assert (
        first.parts()["files[0]"].data
        == second.parts()["files[0]"].data
        == b"read only once"
    )
    assert first.payload() == second.payload()
    validate_request(first)


@pytest.mark.anyio
async def test_an_edit_keeps_listed_attachments_and_adds_new_ones() -> None:
    fake = FakeDiscord()
    kept = AttachmentPayload(id=123456789012345678)
    described = AttachmentPayload(id=0, description="described by the caller")

    async with rest_client(fake) as rest:
        await rest.edit_original_response(
            APPLICATION_ID,
            "tok",
            MessageEdit(attachments=[kept, described]),
            files=[File(b"a", name="a.txt"), File(b"b", name="b.txt")],
        )

    assert fake.requests[0].payload()["attachments"] == [
        {"id": 123456789012345678},
        {"id": 0, "description": "described by the caller"},
        {"id": 1, "filename": "b.txt"},
    ]
    validate_request(fake.requests[0])


@pytest.mark.anyio
async def test_an_interaction_response_lists_its_files_in_data() -> None:
    fake = FakeDiscord()

    async with rest_client(fake) as rest:
        result = await rest.create_interaction_response(
            1,
            "tok",
            MessageResponse(data=MessagePayload(content="here")),
            files=[File(b"data", name="d.bin")],
            with_response=True,
        )

    payload = fake.requests[0].payload()
    assert payload == {
        "type": 4,
        "data": {"content": "here", "attachments": [{"id": 0, "filename": "d.bin"}]},
    }
    assert result.resource is not None
    assert result.resource.message is not None
    assert result.resource.message.attachments[0].size == 4
    validate_request(fake.requests[0])


@pytest.mark.anyio
async def test_files_without_a_payload() -> None:
    fake = FakeDiscord()

    async with rest_client(fake) as rest:
        await rest.request(
            "POST",
            _followup_route(),
            files=[File(b"x", name="x.txt")],
        )

    assert fake.requests[0].payload() == {
        "attachments": [{"id": 0, "filename": "x.txt"}]
    }


def _followup_route() -> Route:
    return Route(
        "/webhooks/{application_id}/{interaction_token}",
        application_id=APPLICATION_ID,
        interaction_token="t",
    )


@pytest.mark.anyio
async def test_files_need_an_object_payload() -> None:
    async with rest_client(FakeDiscord()) as rest:
        with pytest.raises(
            TypeError,
            match=r"A request with files needs a JSON object body \(a message "
            r"payload\); got list\.",
        ):
            await rest.request(
                "POST", _followup_route(), json=[1], files=[File(b"x", name="x")]
            )


def test_bytes_need_a_name() -> None:
    with pytest.raises(
        ValueError,
        match=r"File needs a name when its source is bytes or a nameless file "
        r"object: pass name='picture.png'\.",
    ):
        File(b"...")


def test_names_and_types() -> None:
    named = File(io.BytesIO(b""), name="x")
    opened = io.BufferedReader(io.BytesIO(b""))

    assert named.content_type == "application/octet-stream"
    assert File("dir/photo.jpg").name == "photo.jpg"
    assert File(b"", name="SPOILER_x.png", spoiler=True).filename == "SPOILER_x.png"
    assert (
        File(b"", name="x.png", content_type="image/webp").content_type == "image/webp"
    )
    with pytest.raises(ValueError, match=r"File needs a name"):
        File(opened)
