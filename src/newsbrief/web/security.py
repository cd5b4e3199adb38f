"""What keeps the web app safe to run beside a browser that also visits other sites.

    SECURITY_HEADERS   a Content-Security-Policy without inline scripts, and friends
    SecurityHeaders    ASGI middleware putting them on every response
    HostCheck          only the host names the server was started for (DNS rebinding)
    BodyLimit          ASGI middleware: requests over the size limit get 413
    csrf_token         the double-submit token of a form (cookie + hidden field)
    check_form_post    a form post must carry the cookie's token and come from this origin
    check_json_post    an API post must be JSON and, from a browser, from this origin

Article text reaches pages only through Jinja2's autoescaping (see templates),
and the only scripts a page may run are the app's own files under /static.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from fastapi import HTTPException, Request

# 10 MB: a news article is 2-50 KB and a folder of a story's articles a few
# hundred KB; 10 MB leaves room for a batch of pages while keeping memory bounded.
MAX_BODY_BYTES = 10 * 1024 * 1024

CSRF_COOKIE = "newsbrief_csrf"
CSRF_FIELD = "csrf_token"

# Scripts only from our own /static files: inline <script> and on*= handlers are
# refused by the browser even if some text escaped the templates. Styles may be
# inline because the shared report template embeds its stylesheet (one-file report).
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    )
)

SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    # same-origin keeps the Origin header on our own posts (no-referrer would turn it into "null").
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
}

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class SecurityHeaders:
    """Add SECURITY_HEADERS to every HTTP response (a plain ASGI wrapper: no per-request task)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.headers = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", ())}
                extra = [(k, v) for k, v in self.headers if k not in present]
                message["headers"] = [*message.get("headers", ()), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HostCheck:
    """Answer only to the host names the server was started for (421 otherwise).

    A server on 127.0.0.1 is reachable from any page the browser opens; a page on
    a hostile domain that re-resolves to 127.0.0.1 (DNS rebinding) sends its own
    name in Host, which this check refuses."""

    def __init__(self, app: ASGIApp, allowed: Iterable[str]) -> None:
        self.app = app
        self.allowed = {name.lower().strip("[]") for name in allowed}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and _host_name(scope) not in self.allowed:
            await _send_text(send, 421, "unknown host name: open this app by the address it was started on\n")
            return
        await self.app(scope, receive, send)


def _host_name(scope: Scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == b"host":
            try:
                return (urlsplit("//" + value.decode("latin-1")).hostname or "").lower()
            except ValueError:
                return ""
    return ""


class BodyTooLarge(Exception):
    pass


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413, whether announced by
    Content-Length or streamed in chunks, before the app buffers them."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if _declared_length(scope) > self.limit:
            await _send_too_large(send, self.limit)
            return
        received = 0
        state = {"started": False, "refused": False}

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit and not state["refused"]:
                # Answer 413 now: the app may turn the exception below into its own error.
                if not state["started"]:
                    await _send_too_large(send, self.limit)
                state["refused"] = state["started"] = True
            if state["refused"]:
                raise BodyTooLarge
            return message

        async def watched_send(message: Message) -> None:
            if state["refused"]:
                return  # the 413 has been sent; drop what the app says after it
            state["started"] = state["started"] or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, watched_send)
        except BodyTooLarge:
            pass


def _declared_length(scope: Scope) -> int:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return 0
    return 0


async def _send_too_large(send: Send, limit: int) -> None:
    await _send_text(send, 413, f"request body over the {size_text(limit)} limit: send fewer or smaller files\n")


async def _send_text(send: Send, status: int, text: str) -> None:
    body = text.encode()
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def size_text(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB" if size >= 1024 * 1024 else f"{size / 1024:g} KB"


def csrf_token(request: Request) -> tuple[str, bool]:
    """The browser's CSRF token, and whether it is new (then set it as a cookie)."""
    token = request.cookies.get(CSRF_COOKIE, "")
    if len(token) >= 32:
        return token, False
    return secrets.token_urlsafe(32), True


def set_csrf_cookie(response: Any, token: str) -> None:
    # SameSite=Strict: another site's form never carries the cookie; HttpOnly: scripts never read it.
    response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/")


def check_form_post(request: Request, submitted: str | None) -> None:
    """A form post is ours when it comes from this origin and echoes the cookie's token."""
    check_same_origin(request)
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not cookie or not submitted or not secrets.compare_digest(cookie.encode(), submitted.encode()):
        raise HTTPException(403, "form expired or sent from another site: reload the page and submit again")


def check_json_post(request: Request) -> None:
    """The API takes only JSON bodies: a cross-site HTML form cannot send them without
    a CORS preflight, which this app never grants."""
    kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if kind != "application/json":
        raise HTTPException(415, "send the request body as JSON with Content-Type: application/json")
    check_same_origin(request)


def check_same_origin(request: Request) -> None:
    """Browsers name the page that sent a post in Origin (or Referer); it must be this app."""
    sender = request.headers.get("origin") or request.headers.get("referer")
    if sender is None:
        return  # not a browser (curl, scripts): the token / JSON checks still apply
    host = request.headers.get("host", "")
    if sender == "null" or _netloc(sender) != host.lower():
        raise HTTPException(403, f"cross-site request refused: sent from {sender!r}, not from this app")


def _netloc(url: str) -> str | None:
    try:
        return urlsplit(url).netloc.lower()
    except ValueError:  # e.g. an unbalanced "[" in the host
        return None
