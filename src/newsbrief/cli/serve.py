"""`newsbrief serve`: the local web app over the story store (needs the `web` extra)."""

from __future__ import annotations

import argparse

def register(sub: argparse._SubParsersAction) -> None:
    serve = sub.add_parser(
        "serve",
        help="browse stories and briefs in a local web app",
        description="Serve the stories of the store and their briefs at http://HOST:PORT/ "
        "(JSON API under /api/, described at /openapi.json).",
    )
    serve.add_argument("--db", metavar="FILE", help="story database (default: $NEWSBRIEF_DB or the user data dir)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=_port, default=8000, help="port to listen on (default: 8000)")
    serve.add_argument(
        "--allow-private",
        action="store_true",
        help="let added URLs reach loopback and private network addresses (refused by default)",
    )
    serve.add_argument("--refresh", type=_interval, metavar="INTERVAL",
                       help="update the followed feeds (`newsbrief follow`) at start and then every INTERVAL: 15m, 1h, 90s")
    serve.set_defaults(handler=run_serve)


# The shortest refresh interval: a feed asked more often than this gains nothing and costs its server.
MIN_REFRESH_S = 60
_UNITS = {"s": 1, "m": 60, "h": 3600}


def _interval(value: str) -> float:
    text = value.strip().lower()
    try:
        seconds = float(text[:-1]) * _UNITS[text[-1:]]
    except (KeyError, ValueError):
        raise argparse.ArgumentTypeError(f"expected an interval such as 15m, 1h or 90s, got {value!r}") from None
    if seconds < MIN_REFRESH_S:
        raise argparse.ArgumentTypeError(f"refresh at most once a minute (--refresh 1m or more), not {value!r}")
    return seconds


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a port number, got {value!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"a port is between 0 and 65535, got {port}")
    return port


def run_serve(args: argparse.Namespace) -> int:
    import sys

    from ..errors import MissingExtraError

    try:
        import uvicorn

        from ..web import LOOPBACK_NAMES, create_app
        from ..web.server import KEEP_ALIVE_S
    except ImportError as error:
        raise MissingExtraError("web", error.name or "fastapi") from None
    from ..store import Store

    with Store.open(args.db) as store:  # fails early, with the store's message, on a bad --db
        store.stories()  # a damaged file fails here, in one line, not as a 503 on every page
        db_path = str(store.path)
    if args.host not in LOOPBACK_NAMES:
        print(f"newsbrief: serving on {args.host}: anyone who can reach this address can read and add stories", file=sys.stderr)
    print(f"newsbrief: serving {db_path} at http://{_url_host(args.host)}:{args.port}/ (Ctrl-C to stop)", file=sys.stderr)
    # Bound to loopback, the app answers only to loopback names (no DNS rebinding);
    # bound elsewhere, the user chose to serve other machines, under whatever name they use.
    allowed_hosts = LOOPBACK_NAMES if args.host in LOOPBACK_NAMES else None
    app = create_app(db_path, allow_private=args.allow_private, allowed_hosts=allowed_hosts,
                     refresh_seconds=args.refresh)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", server_header=False,
                timeout_keep_alive=KEEP_ALIVE_S)
    return 0


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
