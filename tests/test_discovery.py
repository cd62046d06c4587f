"""Which files a batch check reads: each once, by its real path, without excluded ones."""

from __future__ import annotations

from pathlib import Path

from raiassist.discovery import discover


def test_files_are_found_once_by_their_real_path_through_links(tmp_path: Path) -> None:
    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    (real / "a.py").write_text("x = 1\n")
    (real / "sub" / "b.ipynb").write_text("{}")
    (tmp_path / "linked").symlink_to(real, target_is_directory=True)
    (tmp_path / "alias.py").symlink_to(real / "a.py")
    named = [tmp_path / "linked" / "a.py", tmp_path / "alias.py", tmp_path / "linked" / "sub"]
    found = discover([*named, tmp_path / "real" / "sub" / ".." / "a.py"], tmp_path, [])
    assert found == [real.resolve() / "a.py", real.resolve() / "sub" / "b.ipynb"]


def test_excludes_match_paths_relative_to_the_root(tmp_path: Path) -> None:
    for name in ("keep.py", "drafts/old.py", "data/raw/x.ipynb"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    found = discover([tmp_path], tmp_path, ["drafts/", "data/*/*.ipynb"])
    assert found == [(tmp_path / "keep.py").resolve()]


def test_a_folder_relinked_between_two_runs_is_followed_to_its_new_place(tmp_path: Path) -> None:
    """A long-lived process (the language server) discovers many times: what a link pointed
    to in an earlier batch must not stick."""
    for version in ("v1", "v2"):
        (tmp_path / version).mkdir()
        (tmp_path / version / "train.py").write_text("")
    current = tmp_path / "current"
    current.symlink_to(tmp_path / "v1", target_is_directory=True)
    assert discover([current / "train.py"], tmp_path, []) == [(tmp_path / "v1/train.py").resolve()]
    current.unlink()
    current.symlink_to(tmp_path / "v2", target_is_directory=True)
    assert discover([current / "train.py"], tmp_path, []) == [(tmp_path / "v2/train.py").resolve()]


def test_a_walked_folder_gives_real_paths_and_follows_no_link_to_a_folder(tmp_path: Path) -> None:
    """As `os.walk` walks: links to files are files (found by where they point), links to
    folders are not gone into, and a folder named through a link is walked where it is."""
    outside = tmp_path / "outside"
    (outside / "deep").mkdir(parents=True)
    (outside / "target.py").write_text("")
    (outside / "deep" / "never.py").write_text("")
    project = tmp_path / "project"
    (project / "pkg" / "node_modules").mkdir(parents=True)
    (project / "pkg" / "train.py").write_text("")
    (project / "pkg" / "node_modules" / "skipped.py").write_text("")
    (project / "pkg" / "notes.txt").write_text("")
    (project / "pkg" / "alias.py").symlink_to(outside / "target.py")
    (project / "pkg" / "linked").symlink_to(outside / "deep", target_is_directory=True)
    (tmp_path / "entry").symlink_to(project, target_is_directory=True)
    found = discover([tmp_path / "entry"], tmp_path / "entry", [])
    assert found == [(outside / "target.py").resolve(), (project / "pkg" / "train.py").resolve()]
