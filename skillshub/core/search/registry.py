"""Who provides what to the search: one provider per kind, registered from each app's ``search.py``.

Core imports no domain app, so the apps come to core: ``CoreConfig.ready`` autodiscovers every
installed app's ``search`` module, and each calls ``register`` with its providers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import SearchProvider

_providers: dict[str, SearchProvider] = {}


def register(provider: SearchProvider) -> None:
    """Register (or replace) the provider of ``provider.kind``."""
    _providers[provider.kind] = provider


def unregister(kind: str) -> None:
    _providers.pop(kind, None)


def get_provider(kind: str) -> SearchProvider:
    try:
        return _providers[kind]
    except KeyError:
        raise LookupError(f"No search provider is registered for kind {kind!r}.") from None


def registered_kinds() -> list[str]:
    return sorted(_providers)
