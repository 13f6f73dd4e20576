"""A real HTTP server on 127.0.0.1 for tests: in-memory routes, ETag/Last-Modified, a request log.

Not a mock: `http.server` in a thread, spoken to over a real socket. Routes can fail
their first N requests (to exercise retries), omit Content-Length (to exercise the
streaming size limit), or answer with any status.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType


@dataclass
class Route:
    body: bytes
    content_type: str = "text/plain; charset=utf-8"
    status: int = 200
    etag: bool = True  # send an ETag and honour If-None-Match
    last_modified: str | None = formatdate(1_689_643_200, usegmt=True)  # 2023-07-18 01:20 GMT
    fail_first: int = 0  # answer 503 to this many requests before succeeding
    content_length: bool = True  # False: stream without Content-Length (chunks of 64 KiB)
    served: int = 0

    @property
    def etag_value(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    status: int


@dataclass
class LocalHTTPServer:
    """`with LocalHTTPServer() as srv: srv.add("/a.html", b"...", "text/html"); srv.url("/a.html")`."""

    routes: dict[str, Route] = field(default_factory=dict)
    log: list[Request] = field(default_factory=list)

    def add(self, path: str, body: bytes, content_type: str = "text/plain; charset=utf-8", **kw: object) -> str:
        self.routes[path] = Route(body, content_type, **kw)  # type: ignore[arg-type]
        return self.url(path)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def requests(self, path: str) -> list[Request]:
        return [r for r in self.log if r.path == path]

    def __enter__(self) -> LocalHTTPServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self._respond(server.routes.get(self.path.split("?")[0]))

            def _record(self, status: int) -> None:
                """Log before answering, so a test reading the log after its response sees the request."""
                server.log.append(Request(self.path, {k.lower(): v for k, v in self.headers.items()}, status))

            def _respond(self, route: Route | None) -> None:
                if route is None:
                    self._record(404)
                    self.send_error(404)
                    return
                route.served += 1
                if route.served <= route.fail_first:
                    self._record(503)
                    self.send_error(503)
                    return
                if route.etag and self.headers.get("If-None-Match") == route.etag_value:
                    self._record(304)
                    self.send_response(304)
                    self.send_header("ETag", route.etag_value)
                    self.end_headers()
                    return
                if (not route.etag and route.last_modified
                        and self.headers.get("If-Modified-Since") == route.last_modified):
                    self._record(304)
                    self.send_response(304)
                    self.end_headers()
                    return
                self._record(route.status)
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                if route.etag:
                    self.send_header("ETag", route.etag_value)
                if route.last_modified:
                    self.send_header("Last-Modified", route.last_modified)
                if route.content_length:
                    self.send_header("Content-Length", str(len(route.body)))
                else:
                    self.send_header("Connection", "close")
                self.end_headers()
                try:
                    for i in range(0, len(route.body), 65536):
                        self.wfile.write(route.body[i : i + 65536])
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client aborted (size limit): that is the point of the test

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=10)
