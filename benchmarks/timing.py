"""Timers: a median of N runs of a command (what hyperfine does, without needing it), and the
language server's answer to a `didChange`, timed from the client's side of the pipe."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path


def run_env(work: Path) -> dict[str, str]:
    """The environment a user's install runs in: bytecode cached (a checkout with
    PYTHONDONTWRITEBYTECODE=1 recompiles every module on every start), kept out of the tree."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    return env


def python_of(script: str) -> str:
    """The interpreter a console script runs on (its `#!` line), to run code beside it."""
    first = Path(script).read_text(errors="replace").split("\n", 1)[0]
    return first[2:].strip() if first.startswith("#!") else sys.executable


def median_wall(argv: list[str], *, cwd: Path, env: dict[str, str], runs: int, stdin: Path | None = None,
                ok: tuple[int, ...] = (0, 1), warmup: int = 2) -> dict:
    """Wall seconds of `argv`, interpreter start included: median, min and max of `runs`; and
    the median CPU seconds (user + sys, from wait4), steadier than wall on a busy machine."""
    walls, cpus = [], []
    for i in range(warmup + runs):
        handle = open(stdin, "rb") if stdin else subprocess.DEVNULL
        start = time.perf_counter()
        process = subprocess.Popen(argv, cwd=cwd, env=env, stdin=handle, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE)
        stderr = process.stderr.read()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
        process.stderr.close()
        if stdin:
            handle.close()
        if process.returncode not in ok:
            raise RuntimeError(f"{' '.join(argv)} exited {process.returncode}: {stderr.decode()[-300:]}")
        if i >= warmup:
            walls.append(wall)
            cpus.append(usage.ru_utime + usage.ru_stime)
    return {"median": statistics.median(walls), "min": min(walls), "max": max(walls), "runs": runs,
            "cpu_median": statistics.median(cpus)}


class LspClient:
    """Just enough of an LSP client over stdio to time diagnostics."""

    def __init__(self, argv: list[str], cwd: Path, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.published: dict[tuple[str, int | None], float] = {}
        self.arrived = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()
        self.next_id = 0

    def _read(self) -> None:
        out = self.process.stdout
        while True:
            length = 0
            while (line := out.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line:
                return
            message = json.loads(out.read(length))
            now = time.perf_counter()
            with self.arrived:
                if message.get("method") == "textDocument/publishDiagnostics":
                    params = message["params"]
                    self.published[(params["uri"], params.get("version"))] = now
                elif "id" in message:
                    self.published[("response", message["id"])] = now
                self.arrived.notify_all()

    def send(self, message: dict) -> float:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        sent = time.perf_counter()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()
        return sent

    def wait(self, key: tuple, timeout: float = 60) -> float:
        with self.arrived:
            if not self.arrived.wait_for(lambda: key in self.published, timeout):
                raise RuntimeError(f"no answer for {key}")
            return self.published[key]

    def initialize(self, root: Path) -> None:
        self.next_id += 1
        self.send({"id": self.next_id, "method": "initialize",
                   "params": {"processId": None, "rootUri": root.as_uri(), "capabilities": {}}})
        self.wait(("response", self.next_id))
        self.send({"method": "initialized", "params": {}})

    def close(self) -> None:
        self.process.kill()
        self.process.wait()


def lsp_did_change(argv: list[str], *, root: Path, document: Path, env: dict[str, str], runs: int) -> dict:
    """Seconds from sending a whole-document `didChange` of `document` to its diagnostics
    arriving: median, min and max of `runs` edits (each changes one line, so each is new)."""
    client = LspClient(argv, root, env)
    try:
        client.initialize(root)
        uri = document.as_uri()
        text = document.read_text(encoding="utf-8")
        client.send({"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "python" if document.suffix == ".py" else "javascript",
            "version": 1, "text": text}}})
        client.wait((uri, 1))
        times = []
        for version in range(2, runs + 4):
            edited = text + ("# edit %d\n" % version if document.suffix == ".py" else "// edit %d\n" % version)
            sent = client.send({"method": "textDocument/didChange", "params": {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": edited}]}})
            answered = client.wait((uri, version))
            if version >= 4:  # the first two edits warm the server up
                times.append(answered - sent)
        return {"median": statistics.median(times), "min": min(times), "max": max(times), "runs": len(times)}
    finally:
        client.close()
