"""Every URL of the app (not the admin), with the ids of real objects filled in: for the walks over all
views in tests/security (NUL in every parameter, no-store on every page)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver

# Only the admin's own pages are left out; the login, logout and language views are walked too.
SKIPPED_PREFIXES = ("admin/",)


def _patterns(resolver: URLResolver, prefix: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix, entry


def app_urls(ids: dict[str, int]) -> list[str]:
    """The app's URLs, each path argument filled from `ids` by its name (claim_id, article_id, ...)."""
    urls = []
    for prefix, pattern in _patterns(get_resolver()):
        route = prefix + str(pattern.pattern)
        if route.startswith(SKIPPED_PREFIXES):
            continue
        for name in pattern.pattern.converters:
            route = route.replace(f"<int:{name}>", str(ids[name])).replace(f"<{name}>", str(ids[name]))
        urls.append("/" + route)
    return sorted(set(urls))
