"""The language server's speed, measured the way an editor meets it, over stdio.

Prints: start to first diagnostics; a 500-cell notebook from didOpen to every cell's
diagnostics (budget 150 ms); a one-cell edit that flips a requirement (F1.5 waived, then open
again: the worst case, not a filler cell) to fresh diagnostics at p50 and p95 with edits
spaced as a person types (budget p95 20 ms); a burst of edits (coalesced, not queued); and
the server's memory after opening 100 notebooks.

    .venv/bin/python benchmarks/lsp.py [--edits N]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as T
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "credit" / "credit_model.ipynb"
FLAGGED = 'print("accuracy", accuracy_score(y_test, y_pred))'


class Client(LanguageClient):
    def __init__(self) -> None:
        super().__init__("raiassist-bench", "1")
        self.arrivals: dict[str, float] = {}
        self.arrivals_log: list[str] = []
        self.latest: dict[str, list[T.Diagnostic]] = {}
        self.changed = asyncio.Event()

        @self.feature(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: T.PublishDiagnosticsParams) -> None:
            self.arrivals[params.uri] = time.perf_counter()
            self.arrivals_log.append(params.uri)
            self.latest[params.uri] = list(params.diagnostics)
            self.changed.set()

        @self.feature(T.CLIENT_REGISTER_CAPABILITY)
        def register(params: T.RegistrationParams) -> None:
            return None

    async def until(self, predicate, timeout: float = 60) -> float:  # type: ignore[no-untyped-def]
        async with asyncio.timeout(timeout):
            while not predicate():
                self.changed.clear()
                await self.changed.wait()
        return time.perf_counter()


def big_notebook(cells: int) -> list[tuple[str, str]]:
    """A realistic notebook of `cells` cells: the credit example's cells repeated, each
    repetition working on its own variables."""
    seed = json.loads(SEED.read_text())["cells"]
    out: list[tuple[str, str]] = []
    n = 0
    while len(out) < cells:
        for cell in seed:
            text = "".join(cell["source"])
            if n and cell["cell_type"] == "code":
                text = text.replace("model", f"model_{n}").replace("y_pred", f"y_pred_{n}")
            out.append((cell["cell_type"], text))
            if len(out) == cells:
                break
        n += 1
    return out


async def start(workspace: Path) -> tuple[Client, float]:
    client = Client()
    started = time.perf_counter()
    await client.start_io(sys.executable, "-m", "raiassist.lsp")
    caps = T.ClientCapabilities(
        notebook_document=T.NotebookDocumentClientCapabilities(
            synchronization=T.NotebookDocumentSyncClientCapabilities()
        )
    )
    await client.initialize_async(
        T.InitializeParams(capabilities=caps, root_uri=workspace.as_uri())
    )
    client.initialized(T.InitializedParams())
    return client, started


def open_notebook(client: Client, path: Path, cells: list[tuple[str, str]]) -> list[str]:
    uris = [f"vscode-notebook-cell:{path}#W{i}" for i in range(len(cells))]
    client.notebook_document_did_open(
        T.DidOpenNotebookDocumentParams(
            T.NotebookDocument(
                uri=path.as_uri(),
                notebook_type="jupyter-notebook",
                version=0,
                cells=[
                    T.NotebookCell(
                        T.NotebookCellKind.Markup if k == "markdown" else T.NotebookCellKind.Code, u
                    )
                    for (k, _), u in zip(cells, uris, strict=True)
                ],
            ),
            [
                T.TextDocumentItem(u, "markdown" if k == "markdown" else "python", 1, t)
                for (k, t), u in zip(cells, uris, strict=True)
            ],
        )
    )
    return uris


def edit(client: Client, path: Path, uri: str, version: int, old: str, new: str) -> None:
    lines = old.split("\n")
    client.notebook_document_did_change(
        T.DidChangeNotebookDocumentParams(
            T.VersionedNotebookDocumentIdentifier(version, path.as_uri()),
            T.NotebookDocumentChangeEvent(
                cells=T.NotebookDocumentCellChanges(
                    text_content=[
                        T.NotebookDocumentCellContentChanges(
                            T.VersionedTextDocumentIdentifier(version=version, uri=uri),
                            [
                                T.TextDocumentContentChangePartial(
                                    T.Range(
                                        T.Position(0, 0), T.Position(len(lines) - 1, len(lines[-1]))
                                    ),
                                    new,
                                )
                            ],
                        )
                    ]
                )
            ),
        )
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        workspace = Path(folder)
        (workspace / "pyproject.toml").write_text("[tool.raiassist]\n")
        script = workspace / "train.py"
        script.write_text(
            "from sklearn.linear_model import LogisticRegression\nLogisticRegression().fit(X, y)\n"
        )
        client, started = await start(workspace)
        client.text_document_did_open(
            T.DidOpenTextDocumentParams(
                T.TextDocumentItem(script.as_uri(), "python", 1, script.read_text())
            )
        )
        first = await client.until(lambda: script.as_uri() in client.arrivals)
        print(
            f"start to first diagnostics: {(first - started) * 1000:.0f} ms "
            "(process start, imports, initialize, one script)"
        )

        cells = big_notebook(500)
        path = workspace / "big.ipynb"
        code = [i for i, (kind, _) in enumerate(cells) if kind == "code"]
        opened = time.perf_counter()
        uris = open_notebook(client, path, cells)
        done = await client.until(lambda: all(uris[i] in client.arrivals for i in code))
        print(
            f"500-cell notebook, didOpen to all {len(code)} code cells' diagnostics: "
            f"{(done - opened) * 1000:.0f} ms (budget 150 ms)"
        )

        target = next(i for i, (_, t) in enumerate(cells) if FLAGGED in t)
        text = cells[target][1]
        waived = text.replace(FLAGGED, FLAGGED + "  # rai: waive F1.5 -- checked by hand")
        latencies = []
        for n in range(args.edits):
            old, new = (text, waived) if n % 2 == 0 else (waived, text)
            want_f15 = n % 2 == 1
            sent = time.perf_counter()
            edit(client, path, uris[target], 2 + n, old, new)
            arrived = await client.until(
                lambda w=want_f15: (
                    any(d.code == "F1.5" for d in client.latest.get(uris[target], [])) == w
                )
            )
            latencies.append((arrived - sent) * 1000)
            await asyncio.sleep(0.08)  # a person types a few characters a second, not faster
        p95 = statistics.quantiles(latencies, n=20)[-1]
        print(
            f"one-cell edit to fresh diagnostics ({args.edits} edits, 80 ms apart): "
            f"p50 {statistics.median(latencies):.1f} ms, p95 {p95:.1f} ms (budget p95 20 ms)"
        )

        await client.until(lambda: any(d.code == "F1.5" for d in client.latest[uris[target]]))
        published_before = len(client.arrivals_log)
        burst_start = time.perf_counter()
        for n in range(201):  # ends on the waived text: F1.5 must go away once, at the end
            old, new = (text, waived) if n % 2 == 0 else (waived, text)
            edit(client, path, uris[target], 1000 + n, old, new)
        burst_end = await client.until(
            lambda: not any(d.code == "F1.5" for d in client.latest.get(uris[target], []))
        )
        rounds = sum(1 for uri in client.arrivals_log[published_before:] if uri == uris[target])
        print(
            f"burst of 201 edits with no pause: settled {(burst_end - burst_start) * 1000:.0f} ms "
            f"after the first, with {rounds} publications for that cell (coalesced)"
        )

        last: list[str] = []
        for n in range(100):
            last = open_notebook(client, workspace / f"nb{n}.ipynb", big_notebook(40))
        await client.until(lambda: last[2] in client.arrivals)
        pid = client._server.pid  # type: ignore[union-attr]
        rss = next(
            line
            for line in Path(f"/proc/{pid}/status").read_text().splitlines()
            if line.startswith("VmRSS")
        )
        print(
            f"memory after opening 100 notebooks of 40 cells (and the 500-cell one): "
            f"{int(rss.split()[1]) / 1024:.0f} MB RSS"
        )
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()


if __name__ == "__main__":
    asyncio.run(main())
