"""The app under uvicorn in a background thread (for tests, benchmarks, screenshots),
and the server settings `newsbrief serve` shares with it.

    with BackgroundServer(db_path) as server:     # a free loopback port
        httpx.get(server.url + "/api/stories")
"""

from __future__ import annotations

import os
import socket
import threading
import time

# Idle keep-alive connections are closed after this long. It must exceed the clients'
# own idle expiry (httpx 5 s, Chrome 10 s), or a client may reuse a connection at the
# moment the server closes it and see a dropped request; 75 s is nginx's default.
KEEP_ALIVE_S = 75
# Long enough for a cold start on a busy machine (imports, opening the store).
START_TIMEOUT_S = 30.0


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


class BackgroundServer:
    """``create_app(db_path)`` served on ``host:port`` (a free loopback port by default)."""

    def __init__(self, db_path: str | os.PathLike[str], allow_private: bool = False, host: str = "127.0.0.1",
                 port: int | None = None, refresh_seconds: float | None = None) -> None:
        import uvicorn

        from .app import LOOPBACK_NAMES, create_app

        self.port = port or free_port(host)
        self.url = f"http://{host}:{self.port}"
        loopback = host in LOOPBACK_NAMES
        app = create_app(db_path, allow_private=allow_private, allowed_hosts=LOOPBACK_NAMES if loopback else None,
                         refresh_seconds=refresh_seconds)
        config = uvicorn.Config(app, host=host, port=self.port, log_level="warning", server_header=False,
                                timeout_keep_alive=KEEP_ALIVE_S)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name="newsbrief-web", daemon=True)

    def __enter__(self) -> BackgroundServer:
        self.thread.start()
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                self.stop()
                raise RuntimeError(f"the web server did not start on {self.url}")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        self.server.should_exit = True
        if self.thread.is_alive():
            self.thread.join(timeout=START_TIMEOUT_S)
