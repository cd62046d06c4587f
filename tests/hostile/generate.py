"""Hostile inputs too big or too regular to keep as files: each function writes one into a
folder and returns its path. The small hostile inputs are files under
`tests/fixtures/hostile/`."""

from __future__ import annotations

import json
from pathlib import Path

RUN = 20_000  # characters in a run: far past where the old patterns froze (1,500)


def project(parent: Path) -> Path:
    """A project of its own (`raiassist.toml`) with one script that loads data."""
    folder = parent / "project"
    folder.mkdir()
    (folder / "raiassist.toml").write_text("")
    (folder / "train.py").write_text("import pandas as pd\ndf = pd.read_csv('a.csv')\n")
    return folder


def notebook(folder: Path, name: str, cells: list[tuple[str, str]]) -> Path:
    """A notebook of (kind, source) cells."""
    data = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {"language_info": {"name": "python"}},
        "cells": [
            {"cell_type": kind, "metadata": {}, "source": source}
            | ({"outputs": [], "execution_count": None} if kind == "code" else {})
            for kind, source in cells
        ],
    }
    path = folder / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def catastrophic_text(folder: Path) -> list[Path]:
    """One file for each input that froze an old pattern: a heading padded with spaces, a
    magic line of spaces, unclosed comments and placeholders, a waiver padded with spaces,
    a model card of many headings, front matter of blank lines."""
    heading = "# x" + " " * RUN + "y"
    waiver = "x = 1  # rai: waive F1.5 -- reason" + " " * RUN + "y"
    card = folder / "MODEL_CARD.md"
    card.write_text(heading + "\n" + "## Limitations\n" * RUN + "<!--" * RUN, encoding="utf-8")
    readme = folder / "README.md"
    readme.write_text("---\n" + "\n" * RUN + "x", encoding="utf-8")
    return [
        notebook(folder, "heading.ipynb", [("markdown", heading), ("code", "import pandas")]),
        notebook(folder, "magic.ipynb", [("code", " " * RUN + "y\n%time 1")]),
        notebook(folder, "placeholders.ipynb", [("markdown", "# Limitations\n" + "[TODO" * RUN)]),
        notebook(folder, "comments.ipynb", [("markdown", "# Intended uses\n" + "<!--" * RUN)]),
        _script(folder, "waiver.py", "import pandas as pd\n" + waiver + "\n"),
        _script(folder, "ids.py", "# rai: waive " + "A" * RUN + "\n"),
        card,
        readme,
    ]


def long_script(folder: Path, name: str, lines: int) -> Path:
    """A legitimate but long script: a frame with a sensitive column used on every line."""
    body = "\n".join(f"x{i} = df['sex'].mean() + {i}" for i in range(lines))
    return _script(folder, name, "import pandas as pd\ndf = pd.read_csv('a.csv')\n" + body)


def many_cells(count: int) -> dict[str, object]:
    """Notebook JSON of `count` code cells, each loading data and naming a sensitive column."""
    cell = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None}
    source = "df = pd.read_csv('a.csv')\nprint(df['gender'].value_counts())\n"
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {"language_info": {"name": "python"}},
        "cells": [{**cell, "source": "import pandas as pd\n" + source * 3} for _ in range(count)],
    }


def nested_yaml(depth: int, top: str) -> str:
    """YAML nested `depth` lists deep under the key `top`."""
    return f"{top}: " + "[" * depth + "]" * depth + "\n"


def _script(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
