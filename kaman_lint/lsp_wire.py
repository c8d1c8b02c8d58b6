"""The LSP wire of `kaman-lint server`: frames read defensively, what goes back redacted.

pygls' own reader trusts the client: it allocates whatever `Content-Length` says (a petabyte
kills the process), and a length it cannot read (negative, garbage) leaves it reading bodies as
header lines, glued to the next frame's header, for good. Here every frame is checked: one
`Content-Length` of digits, at most :data:`MAX_BODY`, header lines within :data:`MAX_HEADER`.
A bad frame draws one redacted line on stderr and the reader resynchronises on the next
`Content-Length: <digits>\\r\\n`, which cannot occur inside a JSON body (JSON has no raw line
breaks in strings, and none outside them next to such text), so one bad frame costs only itself.

What the server echoes is redacted (`keys.safe_text`): the name of an unknown method, error
messages (and no tracebacks in error data), error reports shown to the user, and every log line
on stderr. A request id is echoed as it came: the protocol needs it to pair the answer.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import sys
import threading
from collections.abc import Callable, Iterator
from typing import IO, Any

from kaman_lint import lazy_re

# One frame's header lines together: real clients send 20-60 bytes.
MAX_HEADER = 8 * 1024
# One message: a document of the default `max-file-size` (32 MiB), doubled for JSON escapes.
MAX_BODY = 64 * 1024 * 1024
READ_CHUNK = 64 * 1024
MAX_BAD_FRAME_LINES = 20

_HEADER_END = b"\r\n\r\n"
_FIELD = lazy_re.compile(rb"([A-Za-z0-9-]+)[ \t]*:[ \t]*([^\r\n]*?)[ \t]*")
_RESYNC = lazy_re.compile(rb"Content-Length[ \t]*:[ \t]*[0-9]+[ \t]*\r\n", re.IGNORECASE)
_RESYNC_KEEP = 64  # bytes kept from a searched chunk, in case the next header starts in them

log = logging.getLogger("kaman_lint.server")


class FrameReader:
    """The bodies of well-formed frames on `stream`, in order; bad frames are skipped."""

    def __init__(self, stream: IO[bytes], on_bad: Callable[[str], None] | None = None) -> None:
        self.stream = stream
        self.buffer = bytearray()
        self.on_bad = on_bad or (lambda reason: log.warning("skipped a bad frame: %s", reason))
        self.bad_frames = 0

    def __iter__(self) -> Iterator[bytes]:
        while True:
            end = self.buffer.find(_HEADER_END, 0, MAX_HEADER + len(_HEADER_END))
            if end < 0:
                if len(self.buffer) > MAX_HEADER:
                    self._bad(f"no end of headers within {MAX_HEADER} bytes")
                    del self.buffer[:1]  # not this header again
                    if not self._resync():
                        return
                elif not self._fill():
                    return
                continue
            header = bytes(self.buffer[:end])
            del self.buffer[:end + len(_HEADER_END)]
            length, problem = content_length(header)
            if problem:
                self._bad(problem)
                if not self._resync():
                    return
                continue
            while len(self.buffer) < length:
                if not self._fill():
                    return  # the stream ended inside a body: nothing complete to hand on
            body = bytes(self.buffer[:length])
            del self.buffer[:length]
            yield body

    def _fill(self) -> bool:
        chunk = self.stream.read1(READ_CHUNK) if hasattr(self.stream, "read1") else self.stream.read(READ_CHUNK)
        self.buffer += chunk
        return bool(chunk)

    def _resync(self) -> bool:
        """Drop bytes up to the next `Content-Length` header line; False at the end of the stream."""
        while True:
            match = _RESYNC.search(self.buffer)
            if match:
                del self.buffer[:match.start()]
                return True
            del self.buffer[:max(0, len(self.buffer) - _RESYNC_KEEP)]
            if not self._fill():
                return False

    def _bad(self, reason: str) -> None:
        self.bad_frames += 1
        if self.bad_frames <= MAX_BAD_FRAME_LINES:  # a stream of garbage must not flood the log
            self.on_bad(reason)


def content_length(header: bytes) -> tuple[int, str | None]:
    """The body length a frame's header block declares, or a problem that makes it unusable."""
    lengths = []
    for line in header.split(b"\r\n"):
        field = _FIELD.fullmatch(line)
        if field is None:
            return 0, "a header line that is not `Name: value`"
        if field.group(1).lower() == b"content-length":
            lengths.append(field.group(2))
    if len(lengths) != 1:
        return 0, "no Content-Length" if not lengths else "more than one Content-Length"
    value = lengths[0]
    if not value.isdigit():
        return 0, "a Content-Length that is not a number of bytes"
    if len(value) > 12 or int(value) > MAX_BODY:
        return 0, f"a Content-Length over the {MAX_BODY // (1024 * 1024)} MiB limit"
    return int(value), None


# -- the loop ----------------------------------------------------------------------------------------


def run(server, stdin: IO[bytes] | None = None, stdout: IO[bytes] | None = None) -> None:
    """Serve `server` (a pygls LanguageServer) over stdio until the client closes the stream
    or the server is shut down: pygls' `start_io`, with the reader above."""
    from pygls.io_ import StdoutWriter

    server._stop_event = stop = threading.Event()  # what pygls' shutdown() sets
    server.protocol.set_writer(StdoutWriter(stdout or sys.stdout.buffer))
    frames = iter(FrameReader(stdin or sys.stdin.buffer))
    try:
        asyncio.run(_dispatch(server, frames, stop))
    except BrokenPipeError:
        log.warning("the client closed the connection")
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.shutdown()


async def _dispatch(server, frames: Iterator[bytes], stop: threading.Event) -> None:
    loop = asyncio.get_running_loop()
    protocol = server.protocol
    while not stop.is_set():
        body = await loop.run_in_executor(None, next, frames, None)
        if body is None:
            return
        message = _message(protocol, body)
        if message is None:
            continue
        try:
            protocol.handle_message(message)
        except Exception as err:  # a handler's bug must not end the session
            log.error("a message could not be handled: %s: %s", type(err).__name__, err)


def _message(protocol, body: bytes) -> Any | None:
    """The message a body holds, structured as pygls wants it; None (and a line on stderr, an
    error answer to a request) when it holds none."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # not UTF-8, not JSON, nested beyond recursion
        log.warning("skipped a frame whose body is not JSON")
        return None
    if not isinstance(data, dict):
        log.warning("skipped a frame whose body is not a JSON-RPC message")
        return None
    try:
        return protocol.structure_message(data)
    except Exception:  # params of the wrong shape for the method
        log.warning("skipped a message whose params do not fit its method")
        msg_id = data.get("id")
        if "method" in data and isinstance(msg_id, (int, str)):
            from pygls.exceptions import JsonRpcInvalidParams

            protocol._send_response(msg_id, error=JsonRpcInvalidParams().to_response_error())
        return None


# -- what goes back ----------------------------------------------------------------------------------


def redacting_protocol(base: type) -> type:
    """`base` (pygls' LanguageServerProtocol) with the client's text redacted wherever pygls
    would echo it: unknown method names, error messages; no tracebacks in error data."""
    from lsprotocol.types import ResponseError
    from pygls.exceptions import JsonRpcMethodNotFound

    from kaman_lint.keys import safe_text

    class RedactingProtocol(base):
        def _get_handler(self, feature_name: str):
            try:
                return super()._get_handler(feature_name)
            except JsonRpcMethodNotFound:
                raise JsonRpcMethodNotFound.of(safe_text(feature_name)) from None

        def _send_response(self, msg_id, result=None, error=None):
            if error is not None:
                error = ResponseError(code=error.code, message=safe_text(str(error.message)))
            super()._send_response(msg_id, result=result, error=error)

    return RedactingProtocol


class RedactingFormatter(logging.Formatter):
    """Log lines (a traceback included) with every key in them redacted."""

    def format(self, record: logging.LogRecord) -> str:
        from kaman_lint.keys import safe_text

        return safe_text(super().format(record))


def log_to_stderr() -> None:
    """Every logger's lines (pygls', ours) on stderr, redacted; warnings and worse only."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(RedactingFormatter("kaman-lint server: %(levelname)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING)
