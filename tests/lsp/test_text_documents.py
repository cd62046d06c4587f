"""Scripts in the language server: diagnostics, hover, each code action applied and checked
again, the record and configuration changing underneath, closing."""

from __future__ import annotations

import re
from pathlib import Path

from lsprotocol import types as T
from pytest_lsp import LanguageClient

from raiassist.record import load_record
from tests.helpers import ROOT
from tests.lsp.conftest import published
from tests.lsp.helpers import (
    actions_for,
    add_folder,
    apply,
    open_text,
    project_copy,
    replace_text,
    request,
)

BOT = ROOT / "examples" / "chatbot" / "support_bot.py"


def codes(items: list[T.Diagnostic]) -> set[str]:
    return {str(d.code) for d in items}


async def test_script_gets_diagnostics_with_code_link_and_data(client: LanguageClient) -> None:
    uri = open_text(client, BOT)
    items = await published(client, uri, lambda d: "T3.2" in codes(d))
    t32 = next(d for d in items if d.code == "T3.2")
    assert t32.source == "raiassist" and t32.severity == T.DiagnosticSeverity.Warning
    assert (t32.range.start.line, t32.range.start.character) == (14, 15)
    assert t32.code_description and t32.code_description.href.endswith("T3.2.md")
    assert Path(t32.code_description.href.removeprefix("file://")).read_text().startswith("**T3.2 ")
    assert t32.data["id"] == "T3.2"
    assert t32.message.startswith("Tell users they are talking to an AI")


async def test_hover_on_a_flagged_line_and_on_a_waiver_id(client: LanguageClient) -> None:
    uri = open_text(client, BOT)
    await published(client, uri, lambda d: "T3.2" in codes(d))
    hover = await client.text_document_hover_async(
        T.HoverParams(T.TextDocumentIdentifier(uri), T.Position(14, 20))
    )
    assert hover is not None
    text = hover.contents.value  # type: ignore[union-attr]
    first = text.splitlines()[0].replace("\\", "")
    assert first.startswith(("**T2.2 ", "**T3.2 ")), first
    other = "T3\\.2" if first.startswith("**T2.2") else "T2\\.2"
    assert f"Also on this line: {other}" in text
    for words in (
        " · warning · open",
        "**Found here:**",
        "**To do:**",
        "[Full requirement](",
        "[OpenAI Python SDK](https://platform.openai.com/docs/api-reference",
    ):
        assert words in text, words
    headings = re.findall(r"\*\*[A-Z]+[0-9]+\\?\.[0-9]+ ", text)
    assert len(headings) == 1, "one requirement per hover; the others are named"
    for page_only in ("What it asks", "Crosswalk", "When it applies"):
        assert page_only not in text, page_only
    assert len(text.splitlines()) <= 12
    missed = [line for line in text.splitlines() if "When this was missed" in line]
    assert len(missed) == 1, "one incident, in one line"
    assert re.search(
        r"^\*\*When this was missed:\*\* \[.+ \\\(20[0-9]{2}\\\)\]\(https://", missed[0]
    )
    nothing = await client.text_document_hover_async(  # line 3: an import, nothing flagged
        T.HoverParams(T.TextDocumentIdentifier(uri), T.Position(2, 3))
    )
    assert nothing is None
    waived = BOT.read_text().replace(
        "client = OpenAI()", "client = OpenAI()  # rai: waive F3.4 -- red-teamed in Q3"
    )
    replace_text(client, uri, 2, waived)
    await published(client, uri, lambda d: "T3.2" in codes(d))
    line = waived.splitlines()[4]
    hover = await client.text_document_hover_async(
        T.HoverParams(T.TextDocumentIdentifier(uri), T.Position(4, line.index("F3.4") + 1))
    )
    assert hover is not None and hover.contents.value.startswith("**F3.4 ")  # type: ignore[union-attr]


async def test_evaluation_template_fixes_the_open_error(
    client: LanguageClient, tmp_path: Path
) -> None:
    project = project_copy(tmp_path)
    path = project / "train_credit.py"
    uri = open_text(client, path)
    items = await published(client, uri, lambda d: "F1.5" in codes(d))
    f15 = next(d for d in items if d.code == "F1.5")
    assert f15.range.start.line == 12
    actions = await actions_for(client, uri, f15)
    titles = [a.title for a in actions]
    assert titles[0] == "Insert a per-group evaluation with fairlearn MetricFrame (F1.5)"
    assert {
        "Waive F1.5 here, with a reason",
        "Explain F1.5: Evaluate quality of service per group",
    } <= set(titles)
    edit = actions[0].edit.changes[uri]  # type: ignore[union-attr,index]
    fixed = apply(path.read_text(), edit)
    assert (
        "y_true=y_test," in fixed and 'sensitive_features=loans.loc[y_test.index, "age"]' in fixed
    )
    assert fixed.startswith(path.read_text()), "the edit only adds lines after the metric"
    replace_text(client, uri, 2, fixed)
    after = await published(client, uri, lambda d: "F1.5" not in codes(d))
    assert "F2.5" not in codes(after)


async def test_waiver_needs_its_placeholder_replaced(
    client: LanguageClient, tmp_path: Path
) -> None:
    path = project_copy(tmp_path) / "train_credit.py"
    uri = open_text(client, path)
    items = await published(client, uri, lambda d: "F1.5" in codes(d))
    f15 = next(d for d in items if d.code == "F1.5")
    waive = next(a for a in await actions_for(client, uri, f15) if a.title.startswith("Waive"))
    text = apply(path.read_text(), waive.edit.changes[uri])  # type: ignore[union-attr,index]
    assert text.splitlines()[12].endswith(
        "accuracy_score(y_test, y_pred))  # rai: waive F1.5 -- <reason>"
    )
    replace_text(client, uri, 2, text)
    placeholder = await published(client, uri, lambda d: "RA100" in codes(d))
    assert "F1.5" in codes(placeholder)
    ra100 = next(d for d in placeholder if d.code == "RA100")
    assert ra100.message.startswith("replace <reason> with why F1.5 is waived here")
    replace_text(client, uri, 3, text.replace("<reason>", "evaluated per group in eval.ipynb"))
    settled = await published(client, uri, lambda d: "RA100" not in codes(d))
    assert "F1.5" not in codes(settled)


async def test_markdown_block_and_document_templates(
    client: LanguageClient, tmp_path: Path
) -> None:
    project = project_copy(tmp_path)
    path = project / "train_credit.py"
    uri = open_text(client, path)
    items = await published(client, uri, lambda d: "A4.2" in codes(d))
    a42 = next(d for d in items if d.code == "A4.2")
    actions = {a.title: a for a in await actions_for(client, uri, a42)}
    block = actions["Insert the 'data-provenance' template as a markdown comment block"]
    text = apply(path.read_text(), block.edit.changes[uri])  # type: ignore[union-attr,index]
    assert "# %% [markdown]\n# ## Data provenance\n" in text and "[TODO:" in text
    replace_text(client, uri, 2, text)
    still = await published(
        client,
        uri,
        lambda d: (
            "A4.2" in codes(d) and any("not filled in" in x.message for x in d if x.code == "A4.2")
        ),
    )
    assert still
    filled = re.sub(
        r"\[TODO:[^\]]*\]", "Exported monthly from the bureau feed by the risk team", text
    )
    replace_text(client, uri, 3, filled)
    await published(client, uri, lambda d: "A4.2" not in codes(d))

    t22 = None
    client.text_document_did_change(
        T.DidChangeTextDocumentParams(
            T.VersionedTextDocumentIdentifier(uri=uri, version=4),
            [
                T.TextDocumentContentChangeWholeDocument(
                    filled + 'import joblib\njoblib.dump(model, "m.joblib")\n'
                )
            ],
        )
    )
    items = await published(client, uri, lambda d: "T2.2" in codes(d))
    t22 = next(d for d in items if d.code == "T2.2")
    create = next(
        a for a in await actions_for(client, uri, t22) if a.title.startswith("Create MODEL_CARD")
    )
    changes = create.edit.document_changes  # type: ignore[union-attr]
    assert (
        isinstance(changes[0], T.CreateFile)
        and changes[0].uri == (project / "MODEL_CARD.md").as_uri()
    )
    assert changes[1].edits[0].new_text.startswith("## Model card")  # type: ignore[union-attr]


async def test_attest_through_the_server_writes_the_record_and_clears_the_finding(
    client: LanguageClient, tmp_path: Path
) -> None:
    project = project_copy(tmp_path)
    add_folder(client, project)  # answers are written only inside the workspace
    uri = open_text(client, project / "train_credit.py")
    await published(client, uri, lambda d: "F2.5" in codes(d))
    result = await client.workspace_execute_command_async(
        T.ExecuteCommandParams(
            "raiassist.answer",
            [
                {
                    "id": "F2.5",
                    "answer": "attested",
                    "path": "train_credit.py",
                    "text": "Selection rates compared in the risk review",
                    "uri": uri,
                    "by": "Test <t@example.com>",
                }
            ],
        )
    )
    assert result["id"] == "F2.5" and result["scope"] == "train_credit.py"
    record = load_record(project / "responsible-ai.yaml")
    assert [(e.id, e.answer, e.note) for e in record.entries] == [
        ("F2.5", "attested", "Selection rates compared in the risk review")
    ]
    await published(client, uri, lambda d: "F2.5" not in codes(d) and "F1.5" in codes(d))
    missing = await client.workspace_execute_command_async(
        T.ExecuteCommandParams(
            "raiassist.answer", [{"id": "F1.5", "answer": "attested", "uri": uri}]
        )
    )
    assert missing is None and len(load_record(project / "responsible-ai.yaml").entries) == 1


async def test_configuration_and_record_changes_refresh_without_restart(
    client: LanguageClient, tmp_path: Path
) -> None:
    project = project_copy(tmp_path)
    uri = open_text(client, project / "train_credit.py")
    await published(client, uri, lambda d: "A4.2" in codes(d))
    config = project / "pyproject.toml"
    config.write_text(config.read_text() + 'severity = { "A4.2" = "error" }\n')
    client.workspace_did_change_watched_files(
        T.DidChangeWatchedFilesParams([T.FileEvent(config.as_uri(), T.FileChangeType.Changed)])
    )
    items = await published(
        client,
        uri,
        lambda d: any(x.code == "A4.2" and x.severity == T.DiagnosticSeverity.Error for x in d),
    )
    assert items
    (project / "responsible-ai.yaml").write_text(
        "version: 1\nentries:\n  - id: F1.5\n    answer: waived\n    scope: train_credit.py\n"
        "    reason: Evaluated per group by the nightly job.\n    by: Ops\n    date: 2026-11-01\n"
    )
    client.workspace_did_change_watched_files(
        T.DidChangeWatchedFilesParams(
            [T.FileEvent((project / "responsible-ai.yaml").as_uri(), T.FileChangeType.Created)]
        )
    )
    await published(client, uri, lambda d: "F1.5" not in codes(d))


async def test_closing_clears_and_bad_requests_do_not_stop_the_server(
    client: LanguageClient,
) -> None:
    uri = open_text(client, BOT)
    await published(client, uri, lambda d: "T3.2" in codes(d))
    client.text_document_did_close(T.DidCloseTextDocumentParams(T.TextDocumentIdentifier(uri)))
    await published(client, uri, lambda d: d == [])
    unknown = "file:///nowhere/at/all.py"
    assert (
        await client.text_document_hover_async(
            T.HoverParams(T.TextDocumentIdentifier(unknown), T.Position(0, 0))
        )
        is None
    )
    assert (
        await actions_for(
            client,
            unknown,
            T.Diagnostic(
                T.Range(T.Position(0, 0), T.Position(0, 1)), "x", source="raiassist", code="F1.5"
            ),
        )
        == []
    )
    assert await request(client, "raiassist/checklist", {"uri": unknown}) is None
    assert await request(client, "raiassist/checklist", [1, 2, 3]) is None
    broken = open_text(client, BOT.with_name("broken.py"), "def broken(:\n    pass\n")
    items = await published(client, broken, lambda d: "RA002" in codes(d))
    assert items[0].range.start.line == 0
    assert (
        await client.text_document_hover_async(
            T.HoverParams(T.TextDocumentIdentifier(uri), T.Position(0, 0))
        )
        is None
    )
