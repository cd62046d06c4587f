"""printable: text from files and names, safe for terminals, XML, JSON and UTF-8 files."""

from __future__ import annotations

import json
import os

from raiassist.printable import json_text, printable, utf8_safe


def test_plain_text_is_unchanged() -> None:
    assert printable("F1.5 Évaluer par groupe: sex, âge") == "F1.5 Évaluer par groupe: sex, âge"


def test_controls_bidi_and_undecodable_bytes_become_visible_escapes() -> None:
    name = os.fsdecode(b"caf\xe9.py")
    assert printable(name) == "caf\\xe9.py"
    assert printable("a\x1b[2Jb\x07c") == "a\\x1b[2Jb\\x07c"
    assert printable("evil\u202etxt.py") == "evil\\u202etxt.py"
    assert printable("tab\there\nnewline") == "tab\\x09here\\x0anewline"


def test_json_and_utf8_output_never_fail_on_lone_surrogates() -> None:
    name = os.fsdecode(b"caf\xe9.py")
    text = json_text({"path": name, "word": "é"})
    text.encode("utf-8")
    assert json.loads(text) == {"path": name, "word": "é"}
    assert utf8_safe("fine é") == "fine é"
    assert utf8_safe(name) == "caf\\udce9.py"
