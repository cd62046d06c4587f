"""Commands and custom requests: record an answer, show a requirement's docs, check the
whole workspace with progress, and the checklist that editors' side panels show.

Custom requests (documented in the README):
- `raiassist/checklist` `{"uri": <document, notebook or cell URI>}` -> the file's checklist,
  in the shape of one element of `raiassist check --format json`'s `files`, plus `goals`
  and `incidents` (`[{"requirement", "id", "text", "url"}]`, one line per requirement).
- `raiassist/standard` `{"uri": ...}` -> `raiassist standard --format json` for that project.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types as T
from pygls.exceptions import JsonRpcInvalidParams

from raiassist.answering import answerer_json
from raiassist.checking import check_paths
from raiassist.errors import UserError
from raiassist.logfile import logger
from raiassist.lsp.answer_request import answer_request, check_path, workspace_roots
from raiassist.lsp.docs import docs_uri
from raiassist.lsp.documents import uri_path
from raiassist.lsp.projects import Project
from raiassist.lsp.server import RaiServer, answers
from raiassist.missed import lines_json
from raiassist.reporters.json_report import file_json, report_json

log = logger(__name__)
T_ = TypeVar("T_")


def register(server: RaiServer) -> None:
    @server.command("raiassist.answer")
    async def record_answer(ls: RaiServer, *args: Any) -> dict[str, Any] | None:
        """`[{"id", "answer": attested|not-applicable|waived, "path"?, "text", "by"?,
        "expires"?, "uri"?}]`: write an answer to the record of the project of `uri`, which
        must be inside the workspace. Arguments that do not fit are refused, not guessed."""
        roots = workspace_roots(ls)
        request = answer_request(args, roots)
        project = await ls.off_loop(ls.projects.for_path, request.project_path(roots))
        if project is None:
            return None
        if not request.text:
            ls.window_show_message(
                T.ShowMessageParams(
                    T.MessageType.Warning,
                    f"raiassist: {request.id} needs a note or reason; nothing was recorded.",
                )
            )
            return None
        entry = await _change_record(ls, project, request.write, project)
        return None if entry is None else {k: str(v) for k, v in entry.as_dict().items()}

    @server.command("raiassist.withdraw")
    async def withdraw_answer(ls: RaiServer, *args: Any) -> dict[str, Any] | None:
        """`[{"id", "path"?, "uri"?}]`: remove the answer to `id` for `path` (default: the
        project) from the record of the project of `uri`."""
        roots = workspace_roots(ls)
        request = answer_request(args, roots, "raiassist.withdraw")
        project = await ls.off_loop(ls.projects.for_path, request.project_path(roots))
        if project is None:
            return None
        removed = await _change_record(ls, project, request.withdraw, project)
        return None if removed is None else {"id": request.id.upper(), "removed": removed}

    @server.command("raiassist.moveAnswers")
    async def move_answers(ls: RaiServer, *args: Any) -> dict[str, Any] | None:
        """`[{"old", "path", "uri"}]`: the record's answers for the missing path `old` now
        count for `path` (both relative to the project of `uri`)."""
        from raiassist.answering import move_answers

        roots = workspace_roots(ls)
        old = args[0].get("old") if len(args) == 1 and isinstance(args[0], dict) else None
        if not isinstance(old, str):
            raise JsonRpcInvalidParams("raiassist.moveAnswers takes one object {old, path, uri}")
        check_path(old)
        rest = {k: v for k, v in args[0].items() if k != "old"}
        request = answer_request(({"id": "RA104", **rest},), roots, "raiassist.moveAnswers")
        project = await ls.off_loop(ls.projects.for_path, request.project_path(roots))
        if project is None or not request.path:
            return None
        new = project.root / request.path
        moved = await _change_record(ls, project, move_answers, project.config, old, new)
        return None if moved is None else {"old": old, "path": request.path, "moved": moved}

    @server.command("raiassist.showDocs")
    async def show_docs(ls: RaiServer, *args: Any) -> str | None:
        requirement = str(args[0]) if args else ""
        uri = args[1] if len(args) > 1 and isinstance(args[1], str) else None
        project = await _project_for(ls, uri)
        uri = docs_uri(project.standard, requirement) if project else None
        if uri:
            await ls.window_show_document_async(T.ShowDocumentParams(uri=uri, external=False))
        return uri

    @server.command("raiassist.checkWorkspace")
    async def check_workspace(ls: RaiServer, *args: Any) -> dict[str, Any] | None:
        """Check every script and notebook of the workspace, reporting progress."""
        root = Path(ls.workspace.root_path or Path.cwd())
        project = ls.projects.for_path(root / "workspace")
        if project is None:
            return None
        token = str(uuid.uuid4())
        await _begin(ls, token)
        loop = asyncio.get_running_loop()

        def progress(done: int, total: int) -> None:
            value = T.WorkDoneProgressReport(
                message=f"{done}/{total} files", percentage=int(100 * done / max(total, 1))
            )
            loop.call_soon_threadsafe(ls.work_done_progress.report, token, value)

        report = await asyncio.to_thread(
            check_paths, [project.root], project.config, project.standard, progress, False
        )
        ls.work_done_progress.end(token, T.WorkDoneProgressEnd(message="raiassist: checked"))
        return report_json(report, project.config.settings.show)

    @server.feature("raiassist/checklist")
    @answers(lambda: None)
    async def checklist(ls: RaiServer, params: Any) -> dict[str, Any] | None:
        uri = _param(params, "uri")
        unit = ls.unit_for(uri) if isinstance(uri, str) else None
        project = await ls.analysed(unit) if unit else None
        if unit is None or project is None or unit.report is None:
            return None
        data = file_json(unit.report, {g.id: g.title for g in project.standard.goals})
        data["answerer"] = answerer_json(project.config)
        data["goals"] = [
            {"id": g.id, "title": g.title, "principle": g.principle} for g in project.standard.goals
        ]
        data["incidents"] = lines_json(project.standard, (r["id"] for r in data["requirements"]))
        return data

    @server.feature("raiassist/standard")
    @answers(lambda: None)
    async def standard(ls: RaiServer, params: Any) -> dict[str, Any] | None:
        from raiassist.cli.standard_cmd import standard_json

        uri = _param(params, "uri")
        project = await _project_for(ls, uri if isinstance(uri, str) else None)
        return standard_json(project.standard) if project else None


async def _change_record(
    ls: RaiServer, project: Project, work: Callable[..., T_], *args: Any
) -> T_ | None:
    """`work(*args)` (a write to the project's record) off the event loop; then everything
    is analysed again. A refusal is shown to the user, and gives None."""
    try:
        done = await ls.off_loop(work, *args)
    except UserError as exc:
        message = "; ".join(str(p) for p in exc.problems)
        ls.window_show_message(T.ShowMessageParams(T.MessageType.Error, f"raiassist: {message}"))
        return None
    ls.projects.forget(project.config.record_path)
    ls.refresh_all()
    return done


def _param(params: Any, key: str) -> Any:
    if isinstance(params, dict):
        return params.get(key)
    return getattr(params, key, None)


async def _project_for(ls: RaiServer, uri: str | None) -> Project | None:
    path = uri_path(uri) if uri else None
    if path is None:
        path = Path(ls.workspace.root_path or Path.cwd()) / "workspace"
    return await ls.off_loop(ls.projects.for_path, path)


async def _begin(ls: RaiServer, token: str) -> None:
    window = ls.client_capabilities.window
    if window and window.work_done_progress:
        try:
            await ls.work_done_progress.create_async(token)
        except Exception:  # noqa: BLE001 - progress is a courtesy
            log.warning("the client refused a progress token")
    ls.work_done_progress.begin(
        token,
        T.WorkDoneProgressBegin(
            title="raiassist: checking the workspace", percentage=0, cancellable=False
        ),
    )
