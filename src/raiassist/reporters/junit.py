"""JUnit XML for CI test dashboards: a test suite per file, a test case per applicable
requirement; open ones shown as findings fail, waived ones are skipped with the reason."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from raiassist.checking import Report
from raiassist.evaluate import Finding
from raiassist.printable import printable
from raiassist.reporters.common import shown, where


def render(report: Report, show: str) -> str:
    suites = ET.Element("testsuites", name="raiassist")
    groups = [(f.path, [x for x in f.findings if x.scope != "project"]) for f in report.files]
    groups.append(("project", [*report.project, *report.problems]))
    for name, findings in groups:
        name = printable(name)
        suite = ET.SubElement(suites, "testsuite", name=name, tests=str(len(findings)))
        failures = skipped = 0
        for finding in findings:
            title = printable(f"{finding.id} {finding.title}".strip())
            case = ET.SubElement(suite, "testcase", classname=name, name=title)
            failures += _outcome(case, finding, show)
            skipped += finding.status == "waived"
        suite.set("failures", str(failures))
        suite.set("skipped", str(skipped))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode")


def _outcome(case: ET.Element, finding: Finding, show: str) -> int:
    """Its message goes into XML: characters XML forbids (control characters from code)
    are written as escapes."""
    message = printable(finding.message)
    if finding.status == "waived":
        ET.SubElement(case, "skipped", message=message)
    elif shown(finding, show):
        failure = ET.SubElement(case, "failure", message=message, type=finding.severity)
        failure.text = f"{where(finding)}: {finding.id} {message}"
        return 1
    return 0
