"""The application: what ``GET /applications/@me`` returns, and the edit that
``PATCH /applications/@me`` takes.

Discord's application object has more fields than an interactions app reads; those
left out here (``team``, ``type``, ``eligible_oauth2_scopes``, ...) are skipped when
decoding.
"""

from __future__ import annotations

from msgspec import UNSET, UnsetType

from ikit.models._base import Model, Snowflake
from ikit.models.enums import ApplicationIntegrationType
from ikit.models.flags import ApplicationFlags, PermissionSet
from ikit.models.users import User

__all__ = [
    "Application",
    "ApplicationEdit",
    "ApplicationInstallParams",
    "ApplicationIntegrationTypeConfig",
]


class ApplicationInstallParams(Model, kw_only=True):
    """What Discord's in-app "Add App" button asks for when installing."""

    scopes: list[str] = []
    """OAuth2 scopes: ``applications.commands``, and ``bot`` for a guild install."""
    permissions: PermissionSet | None = None
    """The permissions the bot's role asks for (with the ``bot`` scope)."""


class ApplicationIntegrationTypeConfig(Model, kw_only=True):
    """How the app is installed in one installation context."""

    oauth2_install_params: ApplicationInstallParams | None = None


class Application(Model, kw_only=True):
    """An application, as Discord returns it."""

    id: Snowflake
    name: str
    icon: str | None = None
    """The icon's hash."""
    description: str = ""
    cover_image: str | None = None
    slug: str | None = None
    guild_id: Snowflake | None = None
    """The guild linked to the app (its support server, say)."""
    primary_sku_id: Snowflake | None = None
    bot: User | None = None
    """The app's bot user."""
    owner: User | None = None
    rpc_origins: list[str] | None = None
    bot_public: bool | None = None
    """Whether anyone can install the bot, not only its owner."""
    bot_require_code_grant: bool | None = None
    terms_of_service_url: str | None = None
    privacy_policy_url: str | None = None
    verify_key: str | None = None
    """The hex public key that verifies interaction requests."""
    flags: ApplicationFlags | None = None
    tags: list[str] | None = None
    """At most 5, of at most 20 characters each."""
    install_params: ApplicationInstallParams | None = None
    integration_types_config: (
        dict[ApplicationIntegrationType, ApplicationIntegrationTypeConfig] | None
    ) = None
    """The install settings of each installation context the app supports."""
    custom_install_url: str | None = None
    redirect_uris: list[str] | None = None
    interactions_endpoint_url: str | None = None
    """Where Discord POSTs interactions; None when they come over the gateway."""
    role_connections_verification_url: str | None = None
    event_webhooks_url: str | None = None
    event_webhooks_status: int | None = None
    """1 disabled, 2 enabled, 3 disabled by Discord."""
    event_webhooks_types: list[str] | None = None
    approximate_guild_count: int | None = None
    approximate_user_install_count: int | None = None
    approximate_user_authorization_count: int | None = None


class ApplicationEdit(Model, kw_only=True):
    """A change to the app's settings: a field left unset is kept, ``None`` clears
    it."""

    description: str | UnsetType | None = UNSET
    """At most 400 characters."""
    icon: str | UnsetType | None = UNSET
    """Image data, as a ``data:image/png;base64,...`` URI."""
    cover_image: str | UnsetType | None = UNSET
    """Image data, as a ``data:image/png;base64,...`` URI."""
    flags: ApplicationFlags | UnsetType | None = UNSET
    """Only the ``..._LIMITED`` intent flags can be set this way."""
    tags: list[str] | UnsetType | None = UNSET
    """At most 5, of at most 20 characters each."""
    interactions_endpoint_url: str | UnsetType | None = UNSET
    """Discord checks the URL when it is set: it must answer a signed PING."""
    custom_install_url: str | UnsetType | None = UNSET
    install_params: ApplicationInstallParams | UnsetType | None = UNSET
    integration_types_config: (
        dict[ApplicationIntegrationType, ApplicationIntegrationTypeConfig]
        | UnsetType
        | None
    ) = UNSET
    """One or two entries, by installation context."""
    role_connections_verification_url: str | UnsetType | None = UNSET
    event_webhooks_url: str | UnsetType | None = UNSET
    event_webhooks_status: int | UnsetType | None = UNSET
    """1 disabled, 2 enabled."""
    event_webhooks_types: list[str] | UnsetType | None = UNSET
