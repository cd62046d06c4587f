"""Class 7, the smaller ones: the report carries no code or data; control characters from
code never reach a terminal or break JUnit XML; outputs never replace inputs; the language
server answers requests with invalid parameters and code actions past the end of a file;
the kernel companion runs none of the user's code and keeps Ctrl-C inside its hook. (The
shared record behind a link, the read-only record and leftover temporary files:
`test_record_edits.py`.)"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from IPython.core.interactiveshell import InteractiveShell
from lsprotocol import types as T
from pygls.exceptions import JsonRpcInvalidParams
from pytest_lsp import LanguageClient

import raiassist.kernel
from tests.helpers import run_cli
from tests.hostile.generate import notebook
from tests.jupyter.test_kernel_companion import loaded, project, run, shell
from tests.lsp.conftest import published
from tests.lsp.helpers import open_text, project_copy, raw_request

__all__ = ["project", "shell"]  # the companion's fixtures, used below
SECRET = "sk-live-" + "7f3a9c" * 12  # longer than any column name
HEADING = "Intended uses of this model for the quarterly loan review " * 3


def make_project(tmp_path: Path) -> Path:
    folder = tmp_path / "proj"
    folder.mkdir()
    (folder / "raiassist.toml").write_text("")
    return folder


def test_the_report_carries_no_code_and_no_data(tmp_path: Path) -> None:
    folder = make_project(tmp_path)
    code = (
        "import pandas as pd\nfrom fairlearn.metrics import MetricFrame\n"
        "from sklearn.linear_model import LogisticRegression\n"
        "df = pd.read_csv('a.csv')\nmodel = LogisticRegression().fit(df[['sex']], df['y'])\n"
        f"MetricFrame(metrics=acc, y_true=y, y_pred=p, sensitive_features='{SECRET}')\n"
        "MetricFrame(metrics=acc, y_true=y, y_pred=p, sensitive_features=X_test[cols[0]])\n"
    )
    words = "It scores applications for a human loan officer, who decides every case."
    notebook(folder, "nb.ipynb", [("markdown", f"## {HEADING}\n{words}"), ("code", code)])
    result = run_cli("report", str(folder), "-o", str(tmp_path / "r.html"))
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "r.json").read_text())
    evidence = [e for r in data["requirements"] for e in r["evidence"]]
    assert any(e.startswith("fairlearn MetricFrame") for e in evidence), evidence
    for page in ((tmp_path / "r.html").read_text(), (tmp_path / "r.json").read_text()):
        assert SECRET not in page and HEADING.strip()[:60] not in page
        assert "X_test[cols[0]]" not in page
    assert all(len(e) <= 80 for e in evidence)


def test_control_characters_from_code_reach_no_terminal_and_no_xml(tmp_path: Path) -> None:
    folder = make_project(tmp_path)
    column = "\x1b]0;pwned\x07\x1b[2Jsex\u202e"
    (folder / "train.py").write_text(
        "import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n"
        f"df = pd.read_csv('a.csv')\nLogisticRegression().fit(df[[{column!r}]], df['y'])\n"
    )
    for fmt in ("text", "github", "junit"):
        result = run_cli("check", str(folder), "--format", fmt, "--show", "info")
        assert result.returncode in (0, 1), result.stderr
        assert not {"\x1b", "\x07", "\u202e"} & set(result.stdout), fmt
        assert "\\x1b" in result.stdout or fmt != "text" or "sex" not in result.stdout
    ET.fromstring(run_cli("check", str(folder), "--format", "junit").stdout.encode())


def test_check_never_writes_its_report_over_a_file_it_checks(tmp_path: Path) -> None:
    folder = make_project(tmp_path)
    nb = notebook(folder, "nb.ipynb", [("code", "import pandas as pd\n")])
    before = nb.read_bytes()
    for args in (
        [str(nb), "-o", str(nb)],
        [str(folder), "-o", str(folder / "x.py")],
        ["-o", str(nb)],
    ):
        result = run_cli("check", *args, "--format", "json", cwd=folder)
        assert result.returncode == 2 and "is one of the files being checked" in result.stderr
    assert nb.read_bytes() == before and not (folder / "x.py").exists()


@pytest.mark.parametrize("args", [["-o", "x.json"], ["-o", "r.html", "--json", "r.html"]])
def test_report_never_writes_both_outputs_to_one_file(tmp_path: Path, args: list[str]) -> None:
    folder = make_project(tmp_path)
    result = run_cli("report", str(folder), *args, cwd=tmp_path)
    assert result.returncode == 2 and "would be the same file" in result.stderr
    assert not (tmp_path / "x.json").exists() and not (tmp_path / "r.html").exists()


async def test_requests_with_invalid_params_are_answered(client: LanguageClient) -> None:
    for method, params in (
        ("textDocument/hover", {"textDocument": {"uri": "file:///x.py"}}),
        ("textDocument/hover", {"textDocument": {"uri": 7}, "position": {"line": "x"}}),
        ("textDocument/codeAction", {"range": None}),
    ):
        with pytest.raises(JsonRpcInvalidParams):
            await raw_request(client, method, params)
    assert await raw_request(client, "raiassist/checklist", [1, 2]) is None
    assert await raw_request(client, "raiassist/checklist", {"uri": 5}) is None


async def test_a_code_action_past_the_end_gets_actions_not_a_traceback(
    client: LanguageClient, tmp_path: Path
) -> None:
    project_folder = project_copy(tmp_path)
    uri = open_text(client, project_folder / "train_credit.py")
    items = await published(client, uri, lambda d: any(x.code == "F1.5" for x in d))
    diagnostic = next(d for d in items if d.code == "F1.5")
    far = T.Range(T.Position(10_000, 0), T.Position(10_000, 5))
    moved = T.Diagnostic(
        far, diagnostic.message, code="F1.5", source="raiassist", data=diagnostic.data
    )
    result = await client.text_document_code_action_async(
        T.CodeActionParams(T.TextDocumentIdentifier(uri), far, T.CodeActionContext([moved]))
    )
    titles = [a.title for a in result or []]
    assert any(t.startswith("Explain F1.5") for t in titles), titles


def test_the_companion_runs_no_user_property_or_repr(shell: InteractiveShell) -> None:
    shell.run_line_magic("load_ext", "raiassist")
    run(
        shell,
        "import pandas as pd\n"
        "class Label:\n"
        "    def __repr__(self):\n"
        "        touched.append('__repr__')\n"
        "        return 'label'\n"
        "class Frame(pd.DataFrame):\n"
        "    @property\n"
        "    def columns(self):\n"
        "        touched.append('columns')\n"
        "        return pd.Index(['sex'])\n"
        "class Fake:\n"
        "    __module__ = 'pandas.core.frame'\n"
        "    @property\n"
        "    def columns(self):\n"
        "        touched.append('fake columns')\n"
        "        return ['sex']\n"
        "Fake.__name__ = 'DataFrame'\n"
        "df = pd.DataFrame({'gender': [1]})\n"
        "df[Label()] = 2\n"
        "sub, fake = Frame({'x': [1]}), Fake()\n"
        "touched.clear()  # pandas itself may have called repr above; the hook runs next\n",
    )
    assert shell.user_ns["touched"] == []
    companion, _ = loaded(shell)
    assert any(o.subject == "gender" for o in companion.state.seen)


def test_ctrl_c_during_the_hook_stays_inside_it(
    shell: InteractiveShell, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shell.run_line_magic("load_ext", "raiassist")

    def interrupted(*args: Any) -> bool:
        raise KeyboardInterrupt  # as if the user pressed Ctrl-C just then

    monkeypatch.setattr("raiassist.kernel.companion.Companion.look", interrupted)
    result = shell.run_cell("x = 1")
    assert result.success
    shown = capsys.readouterr()
    assert "KeyboardInterrupt" not in shown.out + shown.err
    assert "Error in callback" not in shown.out + shown.err


def test_a_broken_project_keeps_the_companion_out_with_one_line(
    shell: InteractiveShell, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "raiassist.toml").write_text('fail-on = "sometimes"\n')
    shell.run_line_magic("load_ext", "raiassist")
    shown = capsys.readouterr()
    assert "raiassist.toml: fail-on: must be one of" in shown.err
    assert "Traceback" not in shown.out + shown.err
    assert id(shell) not in raiassist.kernel._loaded
