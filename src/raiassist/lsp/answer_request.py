"""The `raiassist.answer` command's arguments, checked before anything is written: one
object with known keys, an answer kind, an ID-shaped requirement, a date, a path inside the
project, and a document URI inside the workspace. A client (or a workspace that drives one)
cannot make the server write anything else, or anywhere else."""

from __future__ import annotations

import datetime as dt
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from pydantic import StringConstraints
from pygls.exceptions import JsonRpcInvalidParams

from raiassist.frozen import frozen
from raiassist.lsp.documents import uri_path
from raiassist.record import Answer, Entry
from raiassist.safe_read import real

if TYPE_CHECKING:
    from raiassist.lsp.projects import Project
    from raiassist.lsp.server import RaiServer

Short = Annotated[str, StringConstraints(max_length=200)]


@frozen
class AnswerRequest:
    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}

    id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9.-]{0,63}$")]
    answer: Answer = "attested"
    text: Annotated[str, StringConstraints(max_length=10_000)] = ""
    path: Short | None = None
    by: Short | None = None
    expires: dt.date | None = None
    uri: Annotated[str, StringConstraints(max_length=4096)] | None = None

    def project_path(self, roots: list[Path]) -> Path:
        """The path whose project's record is written: the document, or the workspace."""
        document = uri_path(self.uri) if self.uri else None
        return document or roots[0] / "workspace"

    def write(self, project: Project) -> Entry:
        from raiassist.answering import answer

        path = project.root / self.path if self.path else None
        text = self.text.strip()
        return answer(
            project.config,
            project.standard,
            self.id,
            self.answer,
            text,
            path,
            self.by,
            self.expires,
        )

    def withdraw(self, project: Project) -> int:
        from raiassist.answering import withdraw

        path = project.root / self.path if self.path else None
        return withdraw(project.config, project.standard, self.id, path)


def answer_request(
    args: tuple[Any, ...], roots: list[Path], command: str = "raiassist.answer"
) -> AnswerRequest:
    """The validated arguments, or JsonRpcInvalidParams saying what does not fit."""
    import pydantic

    if len(args) != 1 or not isinstance(args[0], dict):
        raise JsonRpcInvalidParams(f"{command} takes one object {{id, answer, text, ...}}")
    try:
        request = pydantic.TypeAdapter(AnswerRequest).validate_python(args[0])
    except pydantic.ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise JsonRpcInvalidParams(f"{command}: {where}: {first['msg']}") from None
    if not roots:
        raise JsonRpcInvalidParams(f"{command}: open a folder first; answers go there")
    check_path(request.path)
    _check_uri(request.uri, roots)
    return request


def workspace_roots(ls: RaiServer) -> list[Path]:
    """The workspace's folders (and its root), where answers may be written."""
    uris = [folder.uri for folder in ls.workspace.folders.values()]
    roots = [p for p in map(uri_path, uris) if p is not None]
    if ls.workspace.root_path:
        roots.append(Path(ls.workspace.root_path))
    return [real(root) for root in dict.fromkeys(roots)]


def check_path(path: str | None) -> None:
    pure = PurePosixPath(path or ".")
    if pure.is_absolute() or ".." in pure.parts or "\x00" in (path or ""):
        raise JsonRpcInvalidParams("raiassist.answer: path must be relative, inside the project")


def _check_uri(uri: str | None, roots: list[Path]) -> None:
    if uri is None or uri.startswith("untitled:"):  # an unsaved buffer: the workspace's record
        return
    path = uri_path(uri)
    if path is None or "\x00" in uri:
        raise JsonRpcInvalidParams("raiassist.answer: uri must name a file or notebook cell")
    if not any(real(path).is_relative_to(root) for root in roots):
        raise JsonRpcInvalidParams("raiassist.answer: uri is outside the workspace")
