"""Small steps the LSP tests share: a project copied to a temporary folder, opening files,
applying the edits a code action returns, as an editor would."""

from __future__ import annotations

import ast
import asyncio
import concurrent.futures
import inspect
import json
import shutil
import uuid
from pathlib import Path
from typing import Any

from lsprotocol import types as T
from pytest_lsp import LanguageClient

from tests.helpers import FIXTURES

PROJECT = FIXTURES / "lsp_project"


def project_copy(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(PROJECT, target)
    return target


def add_folder(client: LanguageClient, folder: Path) -> None:
    """Add a workspace folder, as an editor does when a folder is added to the window."""
    added = [T.WorkspaceFolder(folder.as_uri(), folder.name)]
    event = T.WorkspaceFoldersChangeEvent(added=added, removed=[])
    client.workspace_did_change_workspace_folders(T.DidChangeWorkspaceFoldersParams(event))


def open_text(client: LanguageClient, path: Path, text: str | None = None) -> str:
    uri = path.as_uri()
    content = path.read_text() if text is None else text
    client.text_document_did_open(
        T.DidOpenTextDocumentParams(T.TextDocumentItem(uri, "python", 1, content))
    )
    return uri


def replace_text(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        T.DidChangeTextDocumentParams(
            T.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [T.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def apply(text: str, edits: list[T.TextEdit]) -> str:
    """The text after applying LSP edits (in reverse order, as editors do)."""
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))

    def at(position: T.Position) -> int:
        return offsets[min(position.line, len(lines))] + position.character

    for edit in sorted(
        edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True
    ):
        text = text[: at(edit.range.start)] + edit.new_text + text[at(edit.range.end) :]
        lines = text.splitlines(keepends=True)
        offsets = [0]
        for line in lines:
            offsets.append(offsets[-1] + len(line))
    return text


async def actions_for(
    client: LanguageClient, uri: str, diagnostic: T.Diagnostic
) -> list[T.CodeAction]:
    result = await client.text_document_code_action_async(
        T.CodeActionParams(
            T.TextDocumentIdentifier(uri), diagnostic.range, T.CodeActionContext([diagnostic])
        )
    )
    return [_as_action(a) for a in result or []]


def _as_action(item: T.CodeAction | T.Command) -> T.CodeAction:
    """lsprotocol's client reads a code action that carries a command (and no edit) as a
    bare Command holding its command's repr; VS Code does not. Undo that here."""
    if isinstance(item, T.CodeAction):
        return item
    raw = ast.literal_eval(item.command)
    command = T.Command(raw["title"], raw["command"], arguments=raw.get("arguments"))
    return T.CodeAction(title=item.title, command=command)


async def raw_request(client: LanguageClient, method: str, params: object) -> Any:
    """A request sent as raw JSON, past the client's types, as a careless client sends it;
    its answer, or the error the server answered with, raised."""
    protocol = client.protocol
    msg_id = str(uuid.uuid4())
    answer: concurrent.futures.Future[Any] = concurrent.futures.Future()
    protocol._request_futures[msg_id] = answer
    body = json.dumps({"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params})
    written = protocol.writer.write(f"Content-Length: {len(body)}\r\n\r\n{body}".encode())
    if inspect.isawaitable(written):
        await written
    return plain(await asyncio.wrap_future(answer))


async def request(client: LanguageClient, method: str, params: object) -> Any:
    """A custom request's result as plain JSON values (pygls hands back namedtuples)."""
    return plain(await client.protocol.send_request_async(method, params))


def plain(value: Any) -> Any:
    if hasattr(value, "_asdict"):
        return {k: plain(v) for k, v in value._asdict().items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value
