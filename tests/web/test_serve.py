"""`newsbrief serve` starts the real server (uvicorn), on loopback by default."""

import subprocess
import sys
import time

import httpx
import pytest

from newsbrief.cli import build_parser, main
from newsbrief.web.server import free_port


def test_serve_defaults_to_loopback():
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.allow_private) == ("127.0.0.1", 8000, False)


def test_serve_rejects_a_bad_port(capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["serve", "--port", "70000"])
    assert "between 0 and 65535" in capsys.readouterr().err


@pytest.mark.slow
def test_serve_answers_on_the_given_port(tmp_path):
    port = free_port()
    command = [sys.executable, "-m", "newsbrief", "serve", "--db", str(tmp_path / "s.db"), "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        response = _wait_for(f"http://127.0.0.1:{port}/", server)
        assert response.status_code == 200 and "No stories yet" in response.text
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert "server" not in response.headers  # no version banner
    finally:
        server.terminate()
        _, err = server.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/" in err


def _wait_for(url: str, server: subprocess.Popen) -> httpx.Response:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"newsbrief serve exited: {server.stderr.read()}")
        try:
            return httpx.get(url, timeout=2)
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError("newsbrief serve did not answer within 30 s")


def test_serve_refuses_a_damaged_store_in_one_line_before_listening(tmp_path, capsys):
    from webtools import fill_store

    db = tmp_path / "s.db"
    fill_store(db)
    db.write_bytes(db.read_bytes()[: db.stat().st_size // 2])
    assert main(["serve", "--db", str(db), "--port", str(free_port())]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"newsbrief: error: {db}: the file is damaged") and err.count("\n") == 1


def test_serve_refresh_takes_an_interval_of_a_minute_or_more(capsys):
    assert build_parser().parse_args(["serve", "--refresh", "15m"]).refresh == 900
    assert build_parser().parse_args(["serve", "--refresh", "1h"]).refresh == 3600
    assert build_parser().parse_args(["serve"]).refresh is None
    for bad in ("15", "10s", "soon"):
        with pytest.raises(SystemExit):
            build_parser().parse_args(["serve", "--refresh", bad])
    assert "15m, 1h or 90s" in capsys.readouterr().err
