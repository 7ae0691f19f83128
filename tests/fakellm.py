"""A loopback OpenAI-compatible chat-completions server for tests and benches.

Real HTTP on 127.0.0.1 (so litellm's real request path runs), threaded, in-process. A test
scripts what it answers, one step per request, or with a function of the request body; every
request body is recorded.

    with FakeLLM() as llm:
        llm.script(llm.error(429, retry_after=0), llm.findings([...]))
        ... FEDGATE_API_BASE=llm.url ...
        assert len(llm.requests) == 2
"""
from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable


@dataclass(frozen=True)
class Step:
    status: int = 200
    content: str | None = "{\"findings\": []}"  # the assistant message (status 200)
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0  # wait before answering (a hang is a delay longer than the client's timeout)
    error_body: dict | None = None
    prompt_tokens: int | None = None  # None: about a token per 4 bytes of the request
    completion_tokens: int | None = None
    # Send the response body this many bytes at a time, `trickle_s` apart (headers first, at
    # once): a server that is never silent for long, so no read timeout fires.
    trickle_s: float = 0.0
    trickle_bytes: int = 1


class FakeLLM:
    def __init__(self, default: Step | None = None):
        self.default = default or Step()
        self.requests: list[dict[str, Any]] = []  # parsed JSON bodies, in arrival order
        self.raw: list[bytes] = []
        self.paths: list[str] = []
        self.headers: list[dict[str, str]] = []
        self.times: list[float] = []  # time.monotonic() at each request's arrival
        self.responder: Callable[[dict[str, Any]], Step] | None = None
        self.in_flight = 0
        self.peak_in_flight = 0
        self._steps: list[Step] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        # A short poll interval: shutdown() waits up to one interval, once per test.
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    # ------------------------------------------------------------ scripting

    @staticmethod
    def findings(items: list[dict[str, Any]], **kw: Any) -> Step:
        return Step(content=json.dumps({"findings": items}), **kw)

    @staticmethod
    def text(content: str, **kw: Any) -> Step:
        return Step(content=content, **kw)

    @staticmethod
    def error(status: int, retry_after: float | None = None, message: str = "", **kw: Any) -> Step:
        headers = {"retry-after": str(retry_after)} if retry_after is not None else {}
        kinds = {401: "invalid_api_key", 429: "rate_limit_exceeded"}
        body = {"error": {"message": message or f"fake error {status}", "type": kinds.get(status, "server_error"),
                          "code": kinds.get(status)}}
        return Step(status=status, content=None, headers=headers, error_body=body, **kw)

    @staticmethod
    def hang(seconds: float = 30.0) -> Step:
        return Step(delay_s=seconds)

    @staticmethod
    def trickle(every_s: float = 2.0, content: str = "{\"findings\": []}", nbytes: int = 1, **kw: Any) -> Step:
        """A 200 answer whose body arrives `nbytes` at a time, one piece every `every_s` seconds."""
        return Step(content=content, trickle_s=every_s, trickle_bytes=nbytes, **kw)

    def script(self, *steps: Step) -> None:
        """Answer the next requests with these steps, in order; then `default`."""
        with self._lock:
            self._steps.extend(steps)

    def bodies_text(self) -> str:
        """Every recorded request body as one string, for 'never appears' assertions."""
        return "\n".join(b.decode("utf-8", "replace") for b in self.raw)

    def user_prompts(self) -> list[str]:
        return ["\n".join(m.get("content", "") for m in r.get("messages", []) if isinstance(m.get("content"), str))
                for r in self.requests]

    # ------------------------------------------------------------ lifecycle

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> FakeLLM:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self._stop.set()  # releases hanging handlers
        self._server.shutdown()
        self._server.server_close()

    # ------------------------------------------------------------ serving

    def _next_step(self, body: dict[str, Any]) -> Step:
        with self._lock:
            if self._steps:
                return self._steps.pop(0)
        if self.responder is not None:
            return self.responder(body)
        return self.default

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

            def handle(self) -> None:
                try:
                    super().handle()
                except (BrokenPipeError, ConnectionResetError):
                    pass  # a client that gave up on a kept-alive connection (a deadline test)

            def do_GET(self) -> None:
                self._send(404, {"error": {"message": "not found"}})

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = {}
                with fake._lock:
                    fake.raw.append(raw)
                    fake.requests.append(body)
                    fake.paths.append(self.path)
                    fake.times.append(time.monotonic())
                    fake.headers.append({k.lower(): v for k, v in self.headers.items()})
                    fake.in_flight += 1
                    fake.peak_in_flight = max(fake.peak_in_flight, fake.in_flight)
                try:
                    step = fake._next_step(body)
                    if step.delay_s:
                        fake._stop.wait(step.delay_s)
                    if fake._stop.is_set() and step.delay_s:
                        return
                    if step.status != 200:
                        self._send(step.status, step.error_body or {}, step.headers)
                        return
                    self._send(200, fake._completion(body, raw, step), step.headers, step)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)
                finally:
                    with fake._lock:
                        fake.in_flight -= 1

            def _send(self, status: int, payload: dict, headers: dict[str, str] | None = None,
                      step: Step | None = None) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                if step is None or not step.trickle_s:
                    self.wfile.write(data)
                    return
                self.wfile.flush()
                n = max(1, step.trickle_bytes)
                for i in range(0, len(data), n):
                    if fake._stop.wait(step.trickle_s):
                        return
                    self.wfile.write(data[i:i + n])
                    self.wfile.flush()

        return Handler

    @staticmethod
    def _completion(body: dict[str, Any], raw: bytes, step: Step) -> dict[str, Any]:
        content = step.content or ""
        prompt = step.prompt_tokens if step.prompt_tokens is not None else max(1, len(raw) // 4)
        completion = step.completion_tokens if step.completion_tokens is not None else max(1, len(content) // 4)
        return {
            "id": f"chatcmpl-fake-{time.time_ns()}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", "fake-model"),
            "choices": [
                {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
            ],
            "usage": {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion},
        }
