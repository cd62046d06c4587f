"""Tornado routes under `/raiassist/`, each a thin shell around `checklists`: read JSON, run
the core off the event loop, write JSON. Jupyter's authentication guards every route (token
or cookie, XSRF on writes) and its authorizer decides on the `contents` resource.

- `POST /raiassist/checklist` `{"path", "content"}`: the notebook's checklist (`file_json`
  plus `goals` and `principles`), from the content the browser holds, unsaved edits included
- `GET /raiassist/requirements/<ID>?path=...`: one requirement in plain words
- `GET /raiassist/standard?path=...`: `raiassist standard --format json` for that project
- `POST /raiassist/templates` `{"path", "content", "id"}`: cells that help with one item
- `POST /raiassist/answer` `{"path", "id", "answer", "text", "scope"?}`: writes the record
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

from raiassist.jupyter import checklists, templates
from raiassist.jupyter.projects import RequestError, ScanCaches, Target, target

T = TypeVar("T")
Method = TypeVar("Method", bound=Callable[..., Awaitable[None]])


def allowed(action: str) -> Callable[[Method], Method]:
    """jupyter_server's authorization check for `action` on the handler's resource, typed."""
    decorator: Callable[[Method], Method] = authorized(action)
    return decorator


@dataclass
class State:
    root: Path
    caches: ScanCaches = field(default_factory=ScanCaches)
    # Checks share scan caches, so they run one at a time; record writes lock the file.
    checks: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(1))


class Handler(APIHandler):
    auth_resource = "contents"

    @property
    def state(self) -> State:
        state: State = self.settings["raiassist"]
        return state

    def body(self) -> dict[str, Any]:
        data = self.get_json_body()
        if not isinstance(data, dict):
            raise tornado.web.HTTPError(400, "the request body must be a JSON object")
        return data

    async def run(self, work: Callable[[Target], T], path: object, checks: bool = True) -> T:
        """`work` on the path's project, in a worker thread; refusals become HTTP errors."""
        root = self.state.root

        def job() -> T:
            return work(target(root, path))

        try:
            if checks:
                return await asyncio.wrap_future(self.state.checks.submit(job))
            return await asyncio.to_thread(job)
        except RequestError as exc:
            raise tornado.web.HTTPError(exc.status, exc.message.replace("%", "%%")) from None

    def reply(self, data: Any) -> None:
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(data, ensure_ascii=False))


class ChecklistHandler(Handler):
    @tornado.web.authenticated
    @allowed("read")
    async def post(self) -> None:
        body = self.body()
        caches = self.state.caches
        self.reply(
            await self.run(
                lambda t: checklists.checklist(t, body.get("content"), caches), body.get("path")
            )
        )


class TemplatesHandler(Handler):
    @tornado.web.authenticated
    @allowed("read")
    async def post(self) -> None:
        body = self.body()
        content, wanted, caches = body.get("content"), str(body.get("id", "")), self.state.caches
        self.reply(
            await self.run(
                lambda t: templates.templates(t, content, wanted, caches), body.get("path")
            )
        )


class RequirementHandler(Handler):
    @tornado.web.authenticated
    @allowed("read")
    async def get(self, requirement: str) -> None:
        path = self.get_query_argument("path", "")
        self.reply(await self.run(lambda t: checklists.explain(t, requirement), path))


class StandardHandler(Handler):
    @tornado.web.authenticated
    @allowed("read")
    async def get(self) -> None:
        from raiassist.cli.standard_cmd import standard_json

        path = self.get_query_argument("path", "")
        self.reply(await self.run(lambda t: standard_json(t.standard), path))


class AnswerHandler(Handler):
    @tornado.web.authenticated
    @allowed("write")
    async def post(self) -> None:
        body = self.body()
        self.reply(
            await self.run(
                lambda t: checklists.write_answer(t, body), body.get("path"), checks=False
            )
        )


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
            (url_path_join(base, "answer"), AnswerHandler),
        ],
    )
