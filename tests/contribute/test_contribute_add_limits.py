"""add reads services through the one transport: the link checker's body cap and overall deadline.

Real loopback servers: one answers 200 MB, one trickles its answer a byte a second. Both end with a
clear message and nothing written (issue 10 item 2).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from contribute_support import snapshot

from awesome_approx.commands import add as add_command
from awesome_approx.net.transport import SERVICE_BODY_LIMIT, Timeouts
from fakes.faults import FaultServer

HUGE = 200 * 1024 * 1024


class HugeAnswer(FaultServer):
    """Every path answers 200 announcing 200 MB of JSON-ish bytes, streamed until the client hangs up."""

    def handle(self, handler, request) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(HUGE))
        handler.end_headers()
        chunk = b" " * 65536
        try:
            for _ in range(HUGE // len(chunk)):
                if self.stopping.is_set():
                    break
                handler.wfile.write(chunk)
                with self.lock:
                    self.sent["huge"] += len(chunk)
        except OSError:  # the client stopped reading: what we want
            pass
        handler.close_connection = True


class TricklingAnswer(FaultServer):
    """Every path answers like the fault server's /slow: 1,000 bytes, one per `slow_interval` seconds."""

    def handle(self, handler, request) -> None:
        try:
            self._slow(handler, head=False)
        except OSError:
            handler.close_connection = True


def test_a_200_mb_answer_is_cut_at_the_cap_and_nothing_is_written(small_cli, small_data: Path) -> None:
    before = snapshot(small_data)
    with HugeAnswer() as server:
        ran = small_cli("add", "https://github.com/someowner/somerepo", "--category", "approximations-frameworks",
                        "--github-api", server.url)
        sent = server.sent["huge"]
    assert ran.code == 1
    assert "could not fetch the metadata of GitHub repository someowner/somerepo" in ran.err
    assert f"is larger than {SERVICE_BODY_LIMIT // (1024 * 1024)} MiB, so it was not read to the end" in ran.err
    assert "Nothing written" in ran.err and "Traceback" not in ran.err
    assert sent < HUGE  # the client hung up at the cap, it did not take the whole answer
    assert snapshot(small_data) == before


def test_a_server_trickling_a_byte_a_second_meets_the_overall_deadline(small_cli, small_data: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # Each byte comes well within the read timeout, so only an overall deadline ends the read. A short
    # one (our own setting, not the HTTP library's) keeps the test quick.
    monkeypatch.setattr(add_command, "TIMEOUTS", Timeouts(service_body=2.0))
    before = snapshot(small_data)
    with TricklingAnswer(slow_interval=1.0) as server:
        ran = small_cli("add", "https://github.com/someowner/somerepo", "--category", "approximations-frameworks",
                        "--github-api", server.url)
        sent = server.sent["/repos/someowner/somerepo"] + server.sent["/slow"]
    assert ran.code == 1
    assert "did not arrive within 2 s, so it was not read to the end" in ran.err
    assert "Nothing written" in ran.err and "Traceback" not in ran.err
    assert sent < 1000
    assert snapshot(small_data) == before


def test_the_cap_and_deadline_are_the_link_checkers() -> None:
    """One transport: add's defaults are the Timeouts the link checker uses."""
    from awesome_approx.links.checker import Options

    assert add_command.TIMEOUTS == Timeouts() == Options().timeouts
