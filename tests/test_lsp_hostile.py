"""`kaman-lint server` against hostile input (issue 10): it survives any frame, never reads a
document outside its workspace or from a FIFO, device or /proc, and redacts what it echoes.

The server runs as a real subprocess; frames are written to its stdin as raw bytes, so a test
can send what no well-behaved client library would (a negative or garbage `Content-Length`,
one of a petabyte, a lone surrogate in a URI). "Survives" is checked the way an editor would
notice: a valid request sent after the bad frame is answered."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

import pytest

try:
    from fakekeys import leaked, make_key
except ImportError:  # tests/ imported as a package
    from tests.fakekeys import leaked, make_key

ANSWER_TIMEOUT = 20  # seconds: generous on a loaded machine; a wedged server never answers


def frame(message: dict | bytes) -> bytes:
    body = message if isinstance(message, bytes) else json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class RawServer:
    """The server over raw stdio: `send` bytes, `next_message` parses what it writes."""

    def __init__(self, workspace: Path) -> None:
        self.workspace = workspace
        self.process = subprocess.Popen([sys.executable, "-m", "kaman_lint", "server"], cwd=workspace,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.messages: queue.Queue = queue.Queue()
        self.stderr_chunks: list[bytes] = []
        threading.Thread(target=self._read_stdout, daemon=True).start()
        threading.Thread(target=lambda: self.stderr_chunks.extend(iter(lambda: self.process.stderr.read1(65536), b"")),
                         daemon=True).start()
        self.next_id = 100

    def _read_stdout(self) -> None:
        out = self.process.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            self.messages.put(json.loads(out.read(length)))

    def send(self, data: bytes) -> None:
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict) -> None:
        self.send(frame({"jsonrpc": "2.0", "method": method, "params": params}))

    def request(self, method: str, params: dict | None = None) -> dict:
        """Send a request and return its response (notifications before it are kept in
        `self.seen`)."""
        self.next_id += 1
        message = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        if params is not None:
            message["params"] = params
        self.send(frame(message))
        return self.wait_for(lambda m: m.get("id") == self.next_id and "method" not in m)

    def wait_for(self, wanted) -> dict:
        self.seen = getattr(self, "seen", [])
        while True:
            try:
                message = self.messages.get(timeout=ANSWER_TIMEOUT)
            except queue.Empty:
                raise AssertionError("the server did not answer: it hangs or is wedged") from None
            if message is None:
                raise AssertionError(f"the server died (exit status {self.process.wait()})")
            self.seen.append(message)
            if wanted(message):
                return message

    def initialize(self) -> None:
        uri = self.workspace.as_uri()
        response = self.request("initialize", {"processId": None, "rootUri": uri, "capabilities": {},
                                               "workspaceFolders": [{"uri": uri, "name": "ws"}]})
        assert "result" in response
        self.notify("initialized", {})

    def alive(self) -> bool:
        """The server still does its job: a buffer opened now gets its diagnostics."""
        self.next_id += 1
        probe = f"{self.workspace.as_uri()}/probe{self.next_id}.py"
        return self.open(probe, "x = 1\n") == []

    def diagnostics_for(self, uri: str) -> list[dict]:
        """Open nothing; wait for the next diagnostics published for `uri`."""
        message = self.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                                and m["params"]["uri"] == uri)
        return message["params"]["diagnostics"]

    def open(self, uri: str, text: str, language: str = "python") -> list[dict]:
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": language,
                                                              "version": 1, "text": text}})
        return self.diagnostics_for(uri)

    def published_uris(self) -> list[str]:
        return [m["params"]["uri"] for m in getattr(self, "seen", [])
                if m.get("method") == "textDocument/publishDiagnostics"]

    def stderr(self) -> str:
        return b"".join(self.stderr_chunks).decode("utf-8", "replace")

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()


@pytest.fixture
def server(tmp_path):
    workspace = tmp_path / "ws"
    workspace.mkdir()
    running = RawServer(workspace)
    running.initialize()
    yield running
    running.close()


# -- frames ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("bad", [
    pytest.param(b"Content-Length: 1000000000000000\r\n\r\n{}", id="a petabyte"),
    pytest.param(b"Content-Length: -5\r\n\r\n{\"jsonrpc\": \"2.0\"}", id="negative"),
    pytest.param(b"Content-Length: lots\r\n\r\n{\"jsonrpc\": \"2.0\"}", id="garbage"),
    pytest.param(b"Content-Length: 12abc\r\n\r\n{\"jsonrpc\": \"2.0\"}", id="digits then garbage"),
    pytest.param(b"Content-Type: text/plain\r\n\r\n{\"jsonrpc\": \"2.0\"}", id="no length"),
    pytest.param(b"Content-Length: 5\r\nContent-Length: 500\r\n\r\nhello", id="two lengths"),
    pytest.param(b"\xff\xfe\x00garbage without any header\r\n\r\n", id="binary garbage"),
    pytest.param(b"X-" + b"a" * 200_000 + b"\r\n\r\n", id="a header line of 200 KB"),
    pytest.param(frame(b"{not json"), id="a body that is not JSON"),
    pytest.param(frame(b"[1, 2, 3]"), id="a JSON body that is not a message"),
    pytest.param(frame(b"\xff\xfe\xfd"), id="a body that is not UTF-8"),
    pytest.param(frame({"jsonrpc": "2.0", "id": 7, "method": "textDocument/codeAction", "params": {"x": 1}}),
                 id="a request with params of the wrong shape"),
])
def test_the_server_survives_a_bad_frame(server, bad):
    server.send(bad)
    assert server.alive()
    assert server.process.poll() is None


def test_a_frame_whose_body_runs_into_the_next_header_costs_only_itself(server):
    # negative length: the body is read as header lines, glued to the next frame's header
    server.send(b"Content-Length: -1\r\n\r\n{\"jsonrpc\": \"2.0\", \"method\": \"x\"}")
    assert server.alive()
    assert server.alive()  # and the frames after it are read in step


# -- documents it must not read ----------------------------------------------------------------------

def test_did_save_of_an_unopened_fifo_does_not_hang(server):
    fifo = server.workspace / "pipe.py"
    os.mkfifo(fifo)
    server.notify("textDocument/didSave", {"textDocument": {"uri": fifo.as_uri()}})
    assert server.alive()


@pytest.mark.parametrize("path", ["/dev/zero", "/dev/urandom", "/proc/self/environ", "/proc/self/pagemap"])
def test_did_save_of_a_device_or_proc_file_does_not_read_it(server, path):
    server.notify("textDocument/didSave", {"textDocument": {"uri": Path(path).as_uri()}})
    assert server.alive()
    assert Path(path).as_uri() not in server.published_uris()


def test_did_save_of_an_unopened_file_outside_the_workspace_does_not_read_it(server, tmp_path):
    key = make_key(301)
    outside = tmp_path / "elsewhere" / "secrets.py"
    outside.parent.mkdir()
    outside.write_text(f'KEY = "{key}"\n')
    server.notify("textDocument/didSave", {"textDocument": {"uri": outside.as_uri()}})
    assert server.alive()
    assert outside.as_uri() not in server.published_uris()  # it would report the key had it read it


def test_a_buffer_outside_the_workspace_is_scanned_without_reading_config_from_there(server, tmp_path):
    key = make_key(302)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / ".kaman-lint.toml").write_text('ignore = ["KAM001"]\n')  # a config the server must not read
    diagnostics = server.open((outside / "app.py").as_uri(), f'KEY = "{key}"\n')
    assert [d["code"] for d in diagnostics] == ["KAM001"]


# -- URIs that do not make a path --------------------------------------------------------------------

@pytest.mark.parametrize("name", ["a%00b.py", "sub%00/a.py", "\ud800/a.py", "%ED%A0%80/a.py", "%FF%FE.py",
                                  "sub/..%2F..%2Fx.py"])
def test_a_buffer_whose_uri_makes_no_path_still_gets_its_diagnostics(server, name):
    key = make_key(303)
    uri = server.workspace.as_uri() + "/" + name
    diagnostics = server.open(uri, f'KEY = "{key}"\n')
    assert [d["code"] for d in diagnostics] == ["KAM001"]
    assert not leaked(json.dumps(diagnostics), [key])


# -- what it echoes ----------------------------------------------------------------------------------

def test_an_unknown_method_holding_a_key_is_not_echoed(server):
    key = make_key(304)
    response = server.request(key, {"note": "nothing"})
    assert response["error"]["code"] == -32601  # method not found, still said
    server.notify(f"$/{key}", {})  # an unknown notification: ignored, and not logged whole
    server.notify("textDocument/didOpen", {"textDocument": key})  # params of the wrong shape
    assert server.alive()
    assert not leaked(json.dumps(server.seen), [key])
    assert not leaked(server.stderr(), [key])


def test_a_request_whose_handler_fails_on_a_key_does_not_echo_it(server):
    key = make_key(305)
    response = server.request("textDocument/codeAction", {"textDocument": {"uri": key}, "range": key,
                                                           "context": {"diagnostics": []}})
    assert "error" in response or "result" in response
    assert server.alive()
    assert not leaked(json.dumps(server.seen), [key])
    assert not leaked(server.stderr(), [key])


def test_a_buffer_holding_a_lone_surrogate_still_gets_its_diagnostics(server):
    key = make_key(306)
    diagnostics = server.open(server.workspace.as_uri() + "/odd.py", f'NOTE = "\ud800"\nKEY = "{key}"\n')
    assert [(d["code"], d["range"]["start"]) for d in diagnostics] == [("KAM001", {"line": 1, "character": 7})]


def test_the_frame_reader_keeps_every_good_frame_between_bad_ones():
    import io

    from kaman_lint.lsp_wire import FrameReader

    good = [frame({"jsonrpc": "2.0", "id": n, "method": "m"}) for n in range(6)]
    bad = [b"Content-Length: -1\r\n\r\n{\"a\": 1}", b"Content-Length: 99999999999999999\r\n\r\n",
           b"garbage\r\n\r\n\xff", b"Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
           b"Content-Length: 1\r\n" * 1000 + b"\r\n"]
    stream = good[0] + b"".join(b + g for b, g in zip(bad, good[1:]))
    reasons: list[str] = []
    bodies = list(FrameReader(io.BytesIO(stream), reasons.append))
    assert [json.loads(b)["id"] for b in bodies] == list(range(6))
    assert len(reasons) >= len(bad)


def test_a_code_action_does_not_echo_the_key_in_the_diagnostics_the_client_sent(server):
    # the client sends diagnostics back in the request's context: a hostile one (or a buggy one
    # that merged another tool's diagnostics) can put a key in any of their texts
    key = make_key(307)
    uri = server.workspace.as_uri() + "/a.py"
    server.open(uri, "x = 1\n")
    where = {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}}
    diagnostic = {"range": where, "message": f"found {key}", "code": "KAM001", "source": "kaman-lint",
                  "data": {"note": key}, "codeDescription": {"href": f"https://example.com/{key}"},
                  "relatedInformation": [{"location": {"uri": uri, "range": where}, "message": key}]}
    response = server.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": where,
                                                           "context": {"diagnostics": [diagnostic]}})
    actions = response["result"]
    assert [a["diagnostics"][0]["code"] for a in actions] == ["KAM001"]  # the quick fix is still offered
    assert actions[0]["diagnostics"][0]["range"] == where
    assert not leaked(json.dumps(server.seen), [key])


@pytest.mark.parametrize("setting", ['select = []', 'ignore = ["KAM"]', 'per-file-ignores = {"**" = ["KAM"]}'])
def test_a_workspace_config_that_enables_no_rule_is_an_error_not_a_clean_buffer(tmp_path, setting):
    workspace = tmp_path / "ws"
    workspace.mkdir()
    (workspace / ".kaman-lint.toml").write_text(setting + "\n")
    running = RawServer(workspace)
    try:
        running.initialize()
        uri = workspace.as_uri() + "/app.py"
        diagnostics = running.open(uri, f'KEY = "{make_key(308)}"\n')
        shown = [m["params"] for m in running.seen if m.get("method") == "window/showMessage"]
        assert any(p["type"] == 1 and "no rule" in p["message"] for p in shown), shown
        # and in the buffer itself, where a user looks: an error on the first line
        assert [(d["severity"], d["range"]["start"]["line"]) for d in diagnostics] == [(1, 0)]
        assert "no rule" in diagnostics[0]["message"]
        running.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                                  "contentChanges": [{"text": "x = 1\n"}]})
        running.diagnostics_for(uri)
        shown_again = [m for m in running.seen if m.get("method") == "window/showMessage"]
        assert len(shown_again) == len(shown)  # said once, not on every keystroke
    finally:
        running.close()


def test_a_code_action_for_a_line_past_the_document_answers_with_no_action(server):
    uri = server.workspace.as_uri() + "/short.py"
    server.open(uri, "x = 1\n")
    far = {"start": {"line": 10**9, "character": 0}, "end": {"line": 10**9, "character": 1}}
    response = server.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": far,
        "context": {"diagnostics": [{"range": far, "message": "m", "code": "KAM001", "source": "kaman-lint"}]}})
    assert response.get("result") == []
    assert server.alive()
