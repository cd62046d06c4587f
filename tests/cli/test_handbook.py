"""`raiassist standard --format html|markdown -o FILE`: the training handbook of the active
Standard, with the organisation's packs and incidents, escaped, opened in headless Chromium
(screenshot) and printed to PDF with one goal per page; and `raiassist explain`'s "When this
was missed"."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, ROOT, run_cli

VALID = FIXTURES / "packs" / "valid"
SMALL = FIXTURES / "handbook" / "three-goals.yaml"


def handbook(tmp_path: Path, fmt: str, *packs: str, cwd: Path = VALID) -> str:
    out = tmp_path / f"handbook.{fmt}"
    options = [f"--pack={p}" for p in packs]
    result = run_cli("standard", "--format", fmt, *options, "-o", str(out), cwd=cwd)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "", "written to the file only"
    return out.read_text(encoding="utf-8")


def test_html_handbook_has_every_goal_requirement_tool_crosswalk_and_incident(
    tmp_path: Path,
) -> None:
    html = handbook(tmp_path, "html", "org-incidents.yaml")
    for goal in ("A1", "F1", "T3", "RS3", "PS1"):
        assert f"id='goal-{goal}'" in html, goal
    assert "<h4>F1.5 Evaluate quality of service per group" in html
    for heading in ("How to satisfy it", "What raiassist recognises", "Crosswalk"):
        assert f"<h5>{heading}</h5>" in html
    assert "NIST AI RMF" in html and "fairlearn" in html
    assert "<h4>When this was missed</h4>" in html
    assert "id='incident-contoso-pm-12'" in html, "the organisation's own incident"
    assert "id='incident-gender-shades'" not in html, "hidden by the organisation's pack"
    assert 'href="https://wiki.contoso.example/post-mortems/pm-12"' in html
    assert "&lt;b&gt;under-served&lt;/b&gt;" in html and "<b>under-served" not in html
    assert "<script" not in html and "http://" not in html.split("<body>")[0], (
        "no scripts, no network"
    )


def test_markdown_handbook_escapes_pack_text_and_links_sources(tmp_path: Path) -> None:
    text = handbook(tmp_path, "markdown", str(SMALL), cwd=ROOT)
    assert text.startswith("# Responsible AI handbook: A three\\-goal standard\n")
    assert "### D1 Disclose" in text and "#### D1\\.1 Say it is AI (info)" in text
    assert "&lt;script\\>alert\\(1\\)&lt;/script\\>" in text and "<script>" not in text
    assert "[Post\\-mortem 1](https://wiki.example.com/pm/1?a=1&b=2)" in text
    assert "**When this was missed**" in text and "Us &amp; Co" in text


def test_the_handbook_to_a_folder_is_a_clear_usage_error(tmp_path: Path) -> None:
    result = run_cli("standard", "--format", "html", "-o", str(tmp_path))
    assert result.returncode == 2 and "is a folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_explain_tells_when_a_requirement_was_missed() -> None:
    result = run_cli("explain", "T3.2")
    assert result.returncode == 0, result.stderr
    after = result.stdout.split("When this was missed", 1)[1]
    assert "A peer-support app sent AI-written replies without telling recipients (2023)" in after
    assert (
        "Source: Popular Science, https://www.popsci.com/technology/koko-ai-chatbot-mental-health/"
        in after
    )
    goal = run_cli("explain", "T3").stdout
    assert "When this was missed" in goal and "A cloned presidential voice" in goal


def chromium(tmp_path: Path, *args: str) -> None:
    browser = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(browser).exists():
        pytest.fail("scripts/test installs Debian's chromium")
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path / "xdg"),
        "XDG_CACHE_HOME": str(tmp_path / "xdg"),
    }
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-sync", "--disable-component-update",
             "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'profile'}"]  # fmt: skip
    subprocess.run([browser, *flags, *args], env=env, capture_output=True, timeout=120, check=True)


def test_the_html_handbook_renders_in_a_real_browser(tmp_path: Path) -> None:
    from PIL import Image

    handbook(tmp_path, "html", "org-incidents.yaml")
    shot = tmp_path / "handbook.png"
    chromium(
        tmp_path,
        "--window-size=1000,1400",
        f"--screenshot={shot}",
        (tmp_path / "handbook.html").as_uri(),
    )
    out = ROOT / "test-output" / "handbook"
    out.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, out / "handbook.png")
    count = {rgb: n for n, rgb in Image.open(shot).convert("RGB").getcolors(1_000_000) or []}
    assert count.get((0xFB, 0xF3, 0xE6), 0) > 20_000, "the incidents box of A1 is drawn"
    assert count.get((0x1D, 0x4F, 0x7A), 0) > 500, "goal headings and the principle rule are drawn"


def test_the_handbook_prints_one_goal_per_page(tmp_path: Path) -> None:
    handbook(tmp_path, "html", str(SMALL), cwd=ROOT)
    pdf = tmp_path / "handbook.pdf"
    chromium(
        tmp_path,
        "--no-pdf-header-footer",
        f"--print-to-pdf={pdf}",
        (tmp_path / "handbook.html").as_uri(),
    )
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))
    assert pages == 1 + 3, "the contents, then each of the three goals on its own page"
