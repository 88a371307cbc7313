"""`policygen serve` against hostile or unlucky conditions: other Host headers, idle clients, a source
that breaks the loader, a broken source from the start, secrets beside the output folder."""

from __future__ import annotations

import re
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import serve as serving
from generator.serve import ServedSite, rebuild
from tests.conftest import EXAMPLE
from tests.support.serve_process import Served, read_all

SECRET = "AWS_SECRET_ACCESS_KEY=do-not-serve-me"


@pytest.fixture
def source(tmp_path: Path) -> Path:
    return shutil.copytree(EXAMPLE, tmp_path / "source")


@pytest.fixture
def served(source: Path, tmp_path: Path) -> Iterator[Served]:
    process = Served(source, str(tmp_path / "dist"))
    assert re.search(r"Built \d+ files", process.startup)
    yield process
    process.stop()


def break_site_yaml(source: Path) -> None:
    """An unknown key whose name is markup: the error message repeats it."""
    site = source / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "<script>alert(1)</script>: x\n", encoding="utf-8")


def test_only_loopback_host_headers_are_answered(served: Served) -> None:
    assert served.request("/")[0] == 200
    assert served.request("/", host=f"localhost:{served.port}")[0] == 200
    assert served.request("/", host=f"LOCALHOST:{served.port}")[0] == 200
    for host in (f"attacker.example:{served.port}", "attacker.example", "127.0.0.1", f"127.0.0.1:{served.port + 1}"):
        status, body = served.request("/", host=host)
        assert status in (403, 421), host
        assert "Jiji" not in body
    assert served.request("/", host=None)[0] in (403, 421)


def test_an_idle_connection_blocks_no_one_and_is_closed(served: Served) -> None:
    silent = socket.create_connection(("127.0.0.1", served.port), timeout=60)
    half = socket.create_connection(("127.0.0.1", served.port), timeout=60)
    half.sendall(b"GET / HTTP/1.1\r\n")  # and never the rest
    try:
        status, body = served.request("/")
        assert status == 200 and "Jiji Boutique" in body
        # The server gives up on both (after its idle timeout; 60 s is only a hang guard).
        assert silent.recv(1) == b""
        assert b" 200 " not in read_all(half)
    finally:
        silent.close()
        half.close()


def test_a_source_that_crashes_the_loader_keeps_the_last_good_build(served: Served, source: Path) -> None:
    good = served.request("/")
    assert good[0] == 200
    # Nesting this deep makes the YAML loader raise RecursionError, not a SourceError.
    (source / "deep.yaml").write_text("x: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    served.wait_for(r"still serving the last good build")
    assert served.process.poll() is None
    assert served.request("/") == good
    (source / "deep.yaml").unlink()
    served.wait_for(r"Built \d+ files")
    assert served.request("/") == good


def test_a_broken_source_at_start_serves_an_error_page_and_nothing_from_out(source: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    out.mkdir()
    (out / ".env").write_text(SECRET, encoding="utf-8")
    (out / "index.html").write_text("stale page", encoding="utf-8")
    break_site_yaml(source)
    process = Served(source, str(out))
    try:
        assert "serving an error page" in process.startup
        status, body = process.request("/")
        assert status == 503
        assert "The source has errors" in body
        assert "site.yaml:" in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
        assert "<script>" not in body
        for path in ("/.env", "/index.html", "/../.env"):
            status, body = process.request(path)
            assert status in (404, 503) and SECRET not in body and "stale page" not in body

        # Fixed, the source builds, but --out holds files policygen did not write: it refuses to touch
        # them, says so in the page, and still serves nothing from the folder.
        site = source / "site.yaml"
        site.write_text(site.read_text(encoding="utf-8").replace("<script>alert(1)</script>: x\n", ""), "utf-8")
        process.wait_for(r"did not write")
        status, body = process.request("/")
        assert status == 503 and "did not write" in body
        assert SECRET not in process.request("/.env")[1]
        assert (out / ".env").read_text(encoding="utf-8") == SECRET
    finally:
        process.stop()


def test_a_broken_source_at_start_then_fixed_serves_the_build(source: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    break_site_yaml(source)
    process = Served(source, str(out))
    try:
        assert process.request("/")[0] == 503
        site = source / "site.yaml"
        site.write_text(site.read_text(encoding="utf-8").replace("<script>alert(1)</script>: x\n", ""), "utf-8")
        process.wait_for(r"Built \d+ files")
        status, body = process.request("/")
        assert status == 200 and "Jiji Boutique" in body
        assert process.request("/.env")[0] == 404
    finally:
        process.stop()


def test_serve_out_dot_never_serves_the_working_directory(source: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / ".env").write_text(SECRET, encoding="utf-8")
    process = Served(source, ".", cwd=work)
    try:
        assert "would replace" in process.startup
        status, body = process.request("/")
        assert status == 503 and "would replace" in body
        status, body = process.request("/.env")
        assert status in (404, 503) and SECRET not in body
    finally:
        process.stop()
    assert (work / ".env").read_text(encoding="utf-8") == SECRET


def test_an_unexpected_error_is_reported_and_the_last_build_stays(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    site = ServedSite()
    site.files = {"index.html": b"last good"}

    def crash(source: Path, out: Path) -> None:
        raise RuntimeError("the loader tripped")

    monkeypatch.setattr(serving, "build", crash)
    assert rebuild(tmp_path / "source", tmp_path / "dist", site) is False
    assert site.files == {"index.html": b"last good"}
    err = capsys.readouterr().err
    assert "the build failed unexpectedly: RuntimeError: the loader tripped" in err
    assert "still serving the last good build" in err
    assert "Traceback" not in err
