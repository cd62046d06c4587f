"""Code actions for a raiassist diagnostic: insert a documentation or evaluation template,
waive at this line, attest or mark not applicable, open the requirement's docs. Edits only
insert text; everything else in the document stays as it was."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from lsprotocol import types as T

from raiassist.evaluate import Finding
from raiassist.lsp.documents import Unit
from raiassist.lsp.projects import Project
from raiassist.standard.model import Requirement
from raiassist.templating import document_templates, evaluation, section_templates

QUICKFIX = T.CodeActionKind.QuickFix


def for_diagnostic(
    unit: Unit, project: Project, uri: str, diagnostic: T.Diagnostic, lines: list[str]
) -> list[T.CodeAction]:
    """Every action that helps with one diagnostic; `lines` is the text at `uri`."""
    data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
    if diagnostic.code == "RA104":
        return _move_answers(unit, project, uri, diagnostic)
    req = project.standard.by_id.get(str(data.get("id", diagnostic.code)))
    finding = _finding(unit, req.id if req else "", diagnostic)
    if req is None or finding is None:
        return []
    actions = _evaluation(unit, req, finding, uri, lines, diagnostic)
    actions += _templates(unit, project, req, finding, uri, diagnostic)
    actions.append(_waive(req, finding, uri, lines, diagnostic))
    relative = unit.report.relative if unit.report else None
    for answer, title in (
        ("attested", f"Attest {req.id} as met in the project's record…"),
        ("not-applicable", f"Mark {req.id} not applicable in the project's record…"),
    ):
        arguments = [{"id": req.id, "answer": answer, "path": relative, "uri": uri}]
        actions.append(_command(title, diagnostic, "raiassist.answer", arguments))
    title = f"Explain {req.id}: {req.title}"
    actions.append(_command(title, diagnostic, "raiassist.showDocs", [req.id]))
    return actions


def _move_answers(
    unit: Unit, project: Project, uri: str, diagnostic: T.Diagnostic
) -> list[T.CodeAction]:
    """Answers left behind by a rename, offered to the file they most likely belong to."""
    from raiassist.renames import orphans

    relative = unit.report.relative if unit.report else None
    if relative is None:
        return []
    return [
        _command(
            f"Move the answers for {orphan.scope} ({', '.join(orphan.ids)}) to this file",
            diagnostic,
            "raiassist.moveAnswers",
            [{"old": orphan.scope, "path": relative, "uri": uri}],
        )
        for orphan in orphans(project.record, project.root, [relative])
        if orphan.likely == relative
    ]


def _command(
    title: str, diagnostic: T.Diagnostic, command: str, arguments: Sequence[T.LSPAny]
) -> T.CodeAction:
    return T.CodeAction(
        title=title,
        kind=QUICKFIX,
        diagnostics=[diagnostic],
        command=T.Command(title, command, arguments=arguments),
    )


def _insertion(
    title: str,
    uri: str,
    diagnostic: T.Diagnostic,
    at: T.Position,
    text: str,
    preferred: bool | None = None,
) -> T.CodeAction:
    return T.CodeAction(
        title=title,
        kind=QUICKFIX,
        diagnostics=[diagnostic],
        is_preferred=preferred,
        edit=T.WorkspaceEdit(changes={uri: [T.TextEdit(T.Range(at, at), text)]}),
    )


def _finding(unit: Unit, requirement: str, diagnostic: T.Diagnostic) -> Finding | None:
    if unit.report is None:
        return None
    matching = [f for f in unit.report.findings if f.id == requirement and f.status == "open"]
    for finding in matching:
        if finding.location is None or finding.location.line - 1 == diagnostic.range.start.line:
            return finding
    return matching[0] if matching else None


def _evaluation(
    unit: Unit,
    req: Requirement,
    finding: Finding,
    uri: str,
    lines: list[str],
    diagnostic: T.Diagnostic,
) -> list[T.CodeAction]:
    """A per-group evaluation placed after the statements that define its inputs: in a
    notebook a new code cell after that cell (the client adds cells), in a script a block
    after that line. Inputs raiassist cannot find stay `...`, which count for nothing."""
    found = evaluation(req, unit.report.facts) if unit.report else None
    if found is None or finding.location is None:
        return []
    fill = "" if found.complete else " (fill in the inputs marked ...)"
    title = f"Insert a per-group evaluation with fairlearn MetricFrame ({req.id}){fill}"
    if unit.kind == "notebook":
        cell = found.cell if found.cell is not None else finding.location.cell
        index = (cell if cell is not None else len(unit.cell_uris) - 1) + 1
        arguments = [{"notebook": unit.uri, "index": index, "kind": "code", "text": found.code}]
        action = _command(title, diagnostic, "raiassist.insertCell", arguments)
        action.is_preferred = True
        return [action]
    row = min(max(found.line or finding.location.end_line or finding.location.line, 0), len(lines))
    before = "\n" if row and lines[row - 1].strip() else ""
    after = "\n" if row < len(lines) and lines[row].strip() else ""
    text = before + found.code + after
    return [_insertion(title, uri, diagnostic, T.Position(row, 0), text, preferred=True)]


def _templates(
    unit: Unit,
    project: Project,
    req: Requirement,
    finding: Finding,
    uri: str,
    diagnostic: T.Diagnostic,
) -> list[T.CodeAction]:
    actions = []
    for _, file_name, text in document_templates(req):
        document = _document_file(project.root / file_name, text, diagnostic)
        actions += [document] if document else []
    for name, text in section_templates(req):
        if unit.kind == "notebook":
            actions.append(_markdown_cell(unit, name, text, finding, diagnostic))
        elif unit.kind == "text":  # a concatenated notebook cannot take new cells
            actions.append(_markdown_block(name, text, uri, diagnostic, finding))
    return actions


def _document_file(path: Path, text: str, diagnostic: T.Diagnostic) -> T.CodeAction | None:
    if path.exists():
        return None
    uri = path.as_uri()
    changes: list[T.TextDocumentEdit | T.CreateFile | T.RenameFile | T.DeleteFile] = [
        T.CreateFile(uri=uri, options=T.CreateFileOptions(ignore_if_exists=True)),
        T.TextDocumentEdit(
            text_document=T.OptionalVersionedTextDocumentIdentifier(uri=uri, version=None),
            edits=[T.TextEdit(T.Range(T.Position(0, 0), T.Position(0, 0)), text)],
        ),
    ]
    title = f"Create {path.name} from the raiassist template"
    return T.CodeAction(
        title=title,
        kind=QUICKFIX,
        diagnostics=[diagnostic],
        edit=T.WorkspaceEdit(document_changes=changes),
    )


def _markdown_cell(
    unit: Unit, name: str, text: str, finding: Finding, diagnostic: T.Diagnostic
) -> T.CodeAction:
    """Notebooks get a new markdown cell below the trigger; LSP cannot add cells, so this is
    a client command (the VS Code extension implements `raiassist.insertCell`)."""
    cell = finding.location.cell if finding.location and finding.location.cell is not None else -1
    arguments = [{"notebook": unit.uri, "index": cell + 1, "kind": "markdown", "text": text}]
    title = f"Insert the '{name}' template as a markdown cell"
    return _command(title, diagnostic, "raiassist.insertCell", arguments)


def _markdown_block(
    name: str, text: str, uri: str, diagnostic: T.Diagnostic, finding: Finding
) -> T.CodeAction:
    """Scripts get the template as a `# %% [markdown]` cell, which raiassist (and Jupytext,
    VS Code and PyCharm) read as markdown: filled in, it counts as evidence."""
    row = finding.location.line - 1 if finding.location else 0
    block = "# %% [markdown]\n" + "".join(f"# {line}".rstrip() + "\n" for line in text.splitlines())
    block += "\n# %%\n"
    title = f"Insert the '{name}' template as a markdown comment block"
    return _insertion(title, uri, diagnostic, T.Position(row, 0), block)


def _waive(
    req: Requirement, finding: Finding, uri: str, lines: list[str], diagnostic: T.Diagnostic
) -> T.CodeAction:
    """A waiver comment whose `<reason>` placeholder must be replaced: until it is, the
    waiver does not count and raiassist reports RA100."""
    comment = f"# rai: waive {req.id} -- <reason>"
    title = f"Waive {req.id} here, with a reason"
    if finding.location is None:
        return _insertion(title, uri, diagnostic, T.Position(0, 0), comment + "\n")
    row = min(max(diagnostic.range.start.line, 0), len(lines))
    end = len(lines[row].rstrip("\r\n")) if row < len(lines) else 0
    return _insertion(title, uri, diagnostic, T.Position(row, end), f"  {comment}")
