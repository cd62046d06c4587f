"""JupyterLab's setting `answerer` (jupyter_ext/schema/plugin.json) says what the project
setting of that name says: one source, raiassist.config.settings_schema()."""

from __future__ import annotations

import json

from raiassist.config import settings_schema
from tests.helpers import ROOT


def test_the_answerer_setting_matches_the_projects() -> None:
    schema = json.loads((ROOT / "jupyter_ext" / "schema" / "plugin.json").read_text("utf-8"))
    lab = schema["properties"]["answerer"]
    project = settings_schema()["answerer"]
    assert {k: lab[k] for k in ("type", "default", "description")} == project
    assert list(schema["properties"]) == ["answerer"]  # every other setting is the project's
