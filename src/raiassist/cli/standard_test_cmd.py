"""`raiassist standard test [PACK ...]`: run the test cases a pack (or a catalogue) ships
beside it, and print each expectation that does not hold."""

from __future__ import annotations

import argparse
from pathlib import Path

from raiassist.cli.common import Subparsers
from raiassist.config import load_config
from raiassist.errors import Problem, UserError
from raiassist.printable import printable
from raiassist.resources import builtin_pack_ids, builtin_pack_path
from raiassist.standard import load_standard, testing
from raiassist.standard.testing import Suite, tests_folder


def add_parser(verbs: Subparsers) -> None:
    parser = verbs.add_parser(
        "test",
        help="run the test cases that packs and catalogues ship beside them",
        description="Check every notebook and script in the folder beside a pack "
        "(org.yaml -> org.tests/) or a catalogue and compare the outcome with the one written "
        "in the case (`# rai-test: F1.5 open`, `# rai-test-not: T3.2`, `# expect: NAME`, or "
        "rai-tests.yaml). Without PACK: the configured packs and catalogues that have tests. "
        "Exit 0 when every expectation holds, 1 when one does not, 2 for a broken test.",
    )
    parser.add_argument(
        "packs", nargs="*", metavar="PACK", help="built-in pack ids or pack YAML paths"
    )
    parser.add_argument(
        "--catalogue",
        action="append",
        default=[],
        metavar="FILE",
        help="also test this catalogue file's cases (repeat for several)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    config = load_config()
    configured = tuple(_pack_spec(p, config.root) for p in config.settings.packs)
    named = [_pack_spec(p, Path.cwd()) for p in args.packs]
    extra = [str(Path(c).resolve()) for c in args.catalogue]
    catalogues = (*config.catalogue_paths, *extra)
    suites = _pack_suites(named, configured, catalogues)
    suites += _catalogue_suites(catalogues, configured, set(extra))
    if not suites:
        raise UserError([Problem("raiassist standard test", "no pack or catalogue here has tests")])
    failed = False
    for suite in suites:
        standard = load_standard(suite.packs, Path.cwd(), suite.catalogues)
        result = testing.run(suite, standard)
        for line in result.failures:
            print(line)
        print(
            f"{result.suite}: {result.expectations} expectations in {result.cases} cases, "
            f"{len(result.failures)} failing"
        )
        failed = failed or bool(result.failures)
    return 1 if failed else 0


def _pack_suites(
    named: list[str], configured: tuple[str, ...], catalogues: tuple[str, ...]
) -> list[Suite]:
    """A suite per pack named (or, with none named, per configured pack that has tests)."""
    suites = []
    for spec in named or configured:
        folder = tests_folder(_pack_file(spec))
        if folder.is_dir():
            suites.append(Suite(_shown(spec), folder, (spec,), catalogues))
        elif named:
            raise UserError([Problem(printable(spec), f"has no tests; put cases in {folder}")])
    return suites


def _catalogue_suites(
    catalogues: tuple[str, ...], packs: tuple[str, ...], named: set[str]
) -> list[Suite]:
    suites = []
    for catalogue in catalogues:
        folder = tests_folder(Path(catalogue))
        if folder.is_dir():
            suites.append(Suite(_shown(catalogue), folder, packs, catalogues))
        elif catalogue in named:
            raise UserError([Problem(printable(catalogue), f"has no tests; put cases in {folder}")])
    return suites


def _shown(spec: str) -> str:
    from raiassist.checking import display_path

    return spec if spec in builtin_pack_ids() else display_path(Path(spec))


def _pack_spec(spec: str, base: Path) -> str:
    """A built-in id as it is; a pack path made absolute against where it was given."""
    return spec if spec in builtin_pack_ids() else str((base / spec).resolve())


def _pack_file(spec: str) -> Path:
    path = builtin_pack_path(spec) if spec in builtin_pack_ids() else Path(spec)
    if not path.is_file():
        raise UserError([Problem(_shown(spec), "is neither a built-in pack nor a pack file")])
    return path
