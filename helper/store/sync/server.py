"""The user's calendar and address book server, over WebDAV (RFC 4918).

`caldav` finds the user's principal and calendars (RFC 4791, with the authentication
schemes servers ask for); it also carries the plain requests this module makes itself: the
address books under the principal's `addressbook-home-set` (RFC 6352 §7.1.1), each
collection's ETags (a Depth 1 PROPFIND), the resources a sync must read (one
`calendar-multiget` or `addressbook-multiget` REPORT, RFC 4791 §7.9, RFC 6352 §8.7), and
writes made conditional on ETags (RFC 7232: `If-None-Match: *` to create without replacing,
`If-Match` to change or delete only what was last seen), which are what keep an edit made on
the phone from being overwritten.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit
from xml.sax.saxutils import escape

from helper.errors import SyncFailed
from helper.store.sync.settings import SyncSettings

# A server that has not answered in this long is treated as out of reach.
TIMEOUT_SECONDS = 20
DAV = "{DAV:}"
CARDDAV_NS = "urn:ietf:params:xml:ns:carddav"
CALDAV_NS = "urn:ietf:params:xml:ns:caldav"
_XML = {"Content-Type": 'application/xml; charset="utf-8"'}
_HOME_SET = (
    f'<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:" xmlns:C="{CARDDAV_NS}">'
    "<D:prop><C:addressbook-home-set/></D:prop></D:propfind>"
)
_COLLECTIONS = (
    '<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:">'
    "<D:prop><D:resourcetype/><D:displayname/></D:prop></D:propfind>"
)
_ETAGS = (
    '<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:">'
    "<D:prop><D:getetag/></D:prop></D:propfind>"
)


class PreconditionFailed(Exception):
    """The resource is not as last seen (HTTP 412): it changed on the server meanwhile."""


@dataclass(frozen=True)
class Collection:
    """A calendar or an address book: the name the user gave it and its address."""

    name: str
    url: str


@dataclass(frozen=True)
class Multiget:
    """The REPORT that reads many resources of one kind of collection at once."""

    report: str
    namespace: str
    data: str


CALENDAR_MULTIGET = Multiget("calendar-multiget", CALDAV_NS, "calendar-data")
ADDRESSBOOK_MULTIGET = Multiget("addressbook-multiget", CARDDAV_NS, "address-data")


def resource_key(url: str) -> str:
    """What says two addresses of a resource are one: its path, percent-decoded, since servers
    write `@` in a UID's file name either way."""
    return unquote(urlsplit(url).path)


class DavServer:
    """One signed-in connection to the server of `settings`."""

    def __init__(
        self,
        settings: SyncSettings,
        password: str,
        on_write: Callable[[int], None] | None = None,
    ) -> None:
        """`on_write`, when given, hears the number of resources written or deleted so far
        after each one: a first sync of a large address book takes minutes."""
        self.settings = settings
        self._password = password
        self._on_write = on_write
        self._writes = 0
        self._clients: dict[tuple[str, str], Any] = {}
        self._principals: dict[str, Any] = {}

    def calendars(self) -> list[Collection]:
        return [
            Collection(str(calendar.get_display_name() or calendar.url), str(calendar.url))
            for calendar in self._principal(self.settings.url).get_calendars()
        ]

    def address_books(self) -> list[Collection]:
        """The collections under the principal's address book home that are address books."""
        principal_url = str(self._principal(self.settings.address_book_server).url)
        homes = [
            urljoin(principal_url, href.text.strip())
            for href in self._propfind(principal_url, _HOME_SET, 0).iter(f"{DAV}href")
            if href.text
        ]
        books = []
        for home in homes[:1]:
            for response in self._propfind(home, _COLLECTIONS, 1).iter(f"{DAV}response"):
                if response.find(f".//{{{CARDDAV_NS}}}addressbook") is None:
                    continue
                url = urljoin(home, _text(response, f"{DAV}href"))
                name = _text(response, f".//{DAV}displayname") or _last_segment(url)
                books.append(Collection(name, url))
        return books

    def etags(self, collection: str) -> dict[str, str]:
        """The ETag of each resource in the collection, by `resource_key`."""
        found = {}
        own = resource_key(collection)
        for response in self._propfind(collection, _ETAGS, 1).iter(f"{DAV}response"):
            key = resource_key(urljoin(collection, _text(response, f"{DAV}href")))
            etag = _text(response, f".//{DAV}getetag")
            if key != own and etag:
                found[key] = etag
        return found

    def multiget(
        self, collection: str, kind: Multiget, urls: Iterable[str]
    ) -> dict[str, tuple[str, str]]:
        """The ETag and text of each resource asked for that exists, by `resource_key`."""
        hrefs = "".join(f"<D:href>{escape(urlsplit(url).path)}</D:href>" for url in urls)
        if not hrefs:
            return {}
        body = (
            f'<?xml version="1.0" encoding="utf-8"?><C:{kind.report} xmlns:D="DAV:" '
            f'xmlns:C="{kind.namespace}"><D:prop><D:getetag/><C:{kind.data}/></D:prop>'
            f"{hrefs}</C:{kind.report}>"
        )
        # RFC 4791 §7.9 and RFC 6352 §8.7: the client should not send a Depth header.
        response = self._client(collection).request(collection, "REPORT", body, _XML)
        self._check(response, "reading its resources")
        found = {}
        for item in _tree(response).iter(f"{DAV}response"):
            text = _text(item, f".//{{{kind.namespace}}}{kind.data}")
            etag = _text(item, f".//{DAV}getetag")
            if text:
                found[resource_key(urljoin(collection, _text(item, f"{DAV}href")))] = (etag, text)
        return found

    def put(self, url: str, text: str, content_type: str, etag: str | None) -> str:
        """Write a resource: a new one (`etag` None) only where none is, an existing one only
        while its ETag is still `etag`. Returns the new ETag."""
        condition = {"If-None-Match": "*"} if etag is None else {"If-Match": etag}
        headers = {"Content-Type": f"{content_type}; charset=utf-8", **condition}
        response = self._client(url).request(url, "PUT", text, headers)
        if response.status == 412:
            raise PreconditionFailed(url)
        self._check(response, "writing to it")
        self._wrote()
        return str(response.headers.get("ETag") or "") or self._etag_of(url)

    def delete(self, url: str, etag: str) -> None:
        """Delete a resource only while its ETag is still `etag`; one already gone is fine."""
        response = self._client(url).request(url, "DELETE", "", {"If-Match": etag})
        if response.status == 412:
            raise PreconditionFailed(url)
        if response.status != 404:
            self._check(response, "deleting from it")
        self._wrote()

    def _wrote(self) -> None:
        self._writes += 1
        if self._on_write is not None:
            self._on_write(self._writes)

    def _etag_of(self, url: str) -> str:
        """A resource's ETag, for the servers that answer a PUT without one."""
        return _text(self._propfind(url, _ETAGS, 0), f".//{DAV}getetag")

    def _principal(self, base: str) -> Any:
        if base not in self._principals:
            self._principals[base] = self._client(base).get_principal()
        return self._principals[base]

    def _client(self, url: str) -> Any:
        """A signed-in client per server: the calendar server, the contacts server where the
        provider has one apart, and any host they name for the user's collections (iCloud
        keeps each account's data on a numbered host)."""
        # caldav (and niquests under it) take about half a second to import, so they load
        # only when something talks to the server.
        from caldav import DAVClient

        origin = _origin(url)
        if origin not in self._clients:
            self._clients[origin] = DAVClient(
                url=url,
                username=self.settings.user,
                password=self._password,
                timeout=TIMEOUT_SECONDS,
            )
        return self._clients[origin]

    def _propfind(self, url: str, body: str, depth: int) -> Any:
        response = self._client(url).request(url, "PROPFIND", body, {**_XML, "Depth": str(depth)})
        self._check(response, "listing it")
        return _tree(response)

    def _check(self, response: Any, doing: str) -> None:
        if not 200 <= response.status < 300:
            reason = f"{response.status} {response.reason}".strip()
            raise SyncFailed(f"the server answered {reason} to {doing}", location=self.settings.url)


def _tree(response: Any) -> Any:
    if response.tree is None:
        raise SyncFailed("the server's answer was not the WebDAV XML it should be")
    return response.tree


def _text(element: Any, path: str) -> str:
    found = element.find(path)
    return (found.text or "").strip() if found is not None else ""


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc


def _last_segment(url: str) -> str:
    return unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1])


def find_collection(collections: list[Collection], what: str, name: str) -> Collection:
    """The calendar or address book the user named; a name the server lacks is refused with
    the names it has."""
    for collection in collections:
        if collection.name == name:
            return collection
    listed = ", ".join(repr(c.name) for c in collections) if collections else "none"
    raise SyncFailed(f"no {what} named {name!r} on the server; its {what}s: {listed}")


@contextmanager
def server_errors(settings: SyncSettings) -> Iterator[None]:
    """Turn what the server or the network says into a one-line reason the user can act on."""
    # Loaded lazily for the same reason as caldav in `DavServer`.
    from caldav.lib import error as dav_error
    from caldav.lib.http_sync import requests as http

    where = settings.url
    try:
        yield
    except dav_error.AuthorizationError as error:
        raise SyncFailed(
            f"the server refused user {settings.user!r} and this password", location=where
        ) from error
    except http.exceptions.SSLError as error:
        raise SyncFailed(
            "the server's certificate is not trusted (expired, self-signed or for another name)",
            location=where,
        ) from error
    except (http.exceptions.ConnectionError, http.exceptions.Timeout, OSError) as error:
        raise SyncFailed(
            "the server cannot be reached: check the address and your connection", location=where
        ) from error
    except dav_error.DAVError as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise SyncFailed(f"the server answered with an error: {reason}", location=where) from error
