"""Tornado routes under `/raiassist/`, each a thin shell around `checklists`: read JSON, run
the core off the event loop, write JSON. Jupyter's authentication guards every route (token
or cookie, XSRF on writes) and its authorizer decides on the `contents` resource.

- `POST /raiassist/checklist` `{"path", "content"}`: the notebook's checklist (`file_json`
  plus `goals` and `principles`), from the content the browser holds, unsaved edits included
- `GET /raiassist/requirements/<ID>?path=...`: one requirement in plain words
- `GET /raiassist/standard?path=...`: `raiassist standard --format json` for that project
- `POST /raiassist/templates` `{"path", "content", "id"}`: cells that help with one item
- `POST /raiassist/answer` `{"path", "id", "answer", "text", "scope"?, "answerer"?}`: writes
  the record (answering again replaces the earlier answer)
- `POST /raiassist/withdraw` `{"path", "id", "scope"?}`: takes an answer back
- `POST /raiassist/move` `{"path", "old"}`: the answers recorded for `old`, a file that is
  gone (RA104), now count for `path`
- `GET /raiassist/record?path=...`: the record's stamp, which changes whenever the file does

A broken project (configuration, packs, record) is refused with 409 and the CLI's message:
file, line, what is wrong.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import tornado.web
from jupyter_server.auth.decorator import authorized
from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join

from raiassist.errors import UserError
from raiassist.jupyter import answers, checklists, templates
from raiassist.jupyter.projects import RequestError, ScanCaches, Target, target
from raiassist.logfile import logger
from raiassist.safe_read import over_limit, too_large

log = logger(__name__)
T = TypeVar("T")
INTERNAL = "raiassist: internal error (the details are in the Jupyter server's log)"
CHECKS = 2  # worker threads for checks
Method = TypeVar("Method", bound=Callable[..., Awaitable[None]])
Work = Callable[[Target, dict[str, Any]], T]


def allowed(action: str) -> Callable[[Method], Method]:
    """jupyter_server's authorization check for `action` on the handler's resource, typed."""
    decorator: Callable[[Method], Method] = authorized(action)
    return decorator


@dataclass
class State:
    root: Path
    caches: ScanCaches = field(default_factory=ScanCaches)
    # A slow check leaves a thread for the others; record writes lock the file.
    checks: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(CHECKS))


@tornado.web.stream_request_body
class Handler(APIHandler):
    """A route's shell. The body is taken as it streams in and kept only up to the input
    limit (413 beyond it); it is parsed, like everything else, in a worker thread, so no
    request holds up the server's event loop."""

    auth_resource = "contents"
    received: bytearray
    too_large: bool

    async def prepare(self) -> None:  # type: ignore[override]
        self.received, self.too_large = bytearray(), False
        await super().prepare()
        length = self.request.headers.get("Content-Length", "")
        if length.isdigit() and over_limit(int(length)):
            raise tornado.web.HTTPError(413, too_large())

    def data_received(self, chunk: bytes) -> None:
        if self.too_large or over_limit(len(self.received) + len(chunk)):
            self.too_large = True
            self.received.clear()
        else:
            self.received += chunk

    @property
    def state(self) -> State:
        state: State = self.settings["raiassist"]
        return state

    async def run(self, work: Work[T], path: str | None = None, checks: bool = True) -> T:
        """`work(target, body)` on the project of `path` (default: the body's `path`), in a
        worker thread; refusals become HTTP errors."""
        root, raw, refused = self.state.root, bytes(self.received), self.too_large

        def job() -> T:
            if refused:
                raise RequestError(413, too_large())
            body = json_body(raw) if path is None else {}
            where = body.get("path") if path is None else path
            return work(target(root, where, body.get("answerer")), body)

        try:
            if checks:
                return await asyncio.wrap_future(self.state.checks.submit(job))
            return await asyncio.to_thread(job)
        except RequestError as exc:
            raise tornado.web.HTTPError(exc.status, exc.message.replace("%", "%%")) from None
        except UserError as exc:  # the project's record or packs went bad meanwhile
            message = "; ".join(str(p) for p in exc.problems)
            raise tornado.web.HTTPError(409, message.replace("%", "%%")) from None
        except Exception:  # a bug: one sentence for the panel, the traceback in the log
            log.exception("raiassist: %s %s failed", self.request.method, self.request.path)
            raise tornado.web.HTTPError(500, INTERNAL) from None

    def reply(self, data: Any) -> None:
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(data, ensure_ascii=True))


def json_body(raw: bytes) -> dict[str, Any]:
    """The request body as a JSON object, or a 400 refusal."""
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested too deeply
        raise RequestError(400, "Invalid JSON in the request body") from None
    if not isinstance(data, dict):
        raise RequestError(400, "the request body must be a JSON object")
    return data


class ChecklistHandler(Handler):
    @tornado.web.authenticated
    @allowed("read")
    async def post(self) -> None:
        caches = self.state.caches
        self.reply(await self.run(lambda t, b: checklists.checklist(t, b.get("content"), caches)))


class TemplatesHandler(Handler):
    @tornado.web.authenticated
    @allowed("read")
    async def post(self) -> None:
        caches = self.state.caches

        def work(t: Target, body: dict[str, Any]) -> dict[str, Any]:
            return templates.templates(t, body.get("content"), str(body.get("id", "")), caches)

        self.reply(await self.run(work))


class RequirementHandler(Handler):
    @tornado.web.authenticated
    @allowed("read")
    async def get(self, requirement: str) -> None:
        path = self.get_query_argument("path", "")
        self.reply(await self.run(lambda t, _: checklists.explain(t, requirement), path))


class StandardHandler(Handler):
    @tornado.web.authenticated
    @allowed("read")
    async def get(self) -> None:
        from raiassist.cli.standard_cmd import standard_json

        path = self.get_query_argument("path", "")
        self.reply(await self.run(lambda t, _: standard_json(t.standard), path))


class RecordHandler(Handler):
    """Polled by the panel: cheap (one stat), so it runs beside the checks."""

    @tornado.web.authenticated
    @allowed("read")
    async def get(self) -> None:
        path = self.get_query_argument("path", "")
        self.reply(await self.run(lambda t, _: answers.record_stamp(t), path, checks=False))


def writer(work: Work[dict[str, Any]]) -> type[Handler]:
    """A route that writes the record with `work(target, body)`."""

    class Writer(Handler):
        @tornado.web.authenticated
        @allowed("write")
        async def post(self) -> None:
            self.reply(await self.run(work, checks=False))

    return Writer


def setup(server_app: Any) -> None:
    """Add the routes to a running Jupyter server."""
    web_app = server_app.web_app
    base = url_path_join(web_app.settings["base_url"], "raiassist")
    web_app.settings["raiassist"] = State(Path(server_app.root_dir).expanduser().resolve())
    web_app.add_handlers(
        ".*$",
        [
            (url_path_join(base, "checklist"), ChecklistHandler),
            (url_path_join(base, "templates"), TemplatesHandler),
            (url_path_join(base, "requirements", r"([A-Za-z0-9.\-]+)"), RequirementHandler),
            (url_path_join(base, "standard"), StandardHandler),
            (url_path_join(base, "record"), RecordHandler),
            (url_path_join(base, "answer"), writer(answers.write_answer)),
            (url_path_join(base, "withdraw"), writer(answers.withdraw_answer)),
            (url_path_join(base, "move"), writer(answers.move_here)),
        ],
    )
