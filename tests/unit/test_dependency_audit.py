"""pip-audit over the pinned requirements: fails on a known vulnerability, skips when it cannot check.

The vulnerability services (PyPI's JSON API, OSV) are not always reachable; a run that could audit
nothing is skipped with the reason, never passed silently and never failed for lack of network.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def audit_verdict(report: dict) -> tuple[str, list[str]]:
    """``("vulnerable", findings)``, ``("unchecked", reasons)`` or ``("clean", [])`` for a pip-audit JSON report."""
    dependencies = report.get("dependencies", [])
    findings = [
        f"{dependency['name']}=={dependency['version']}: {vuln['id']} "
        f"(fixed in {', '.join(vuln.get('fix_versions', [])) or '—'})"
        for dependency in dependencies
        for vuln in dependency.get("vulns", [])
    ]
    if findings:
        return "vulnerable", findings
    audited = [dependency for dependency in dependencies if "skip_reason" not in dependency]
    if not audited:
        return "unchecked", [dependency.get("skip_reason", "") for dependency in dependencies] or ["empty report"]
    return "clean", []


def run_pip_audit(requirements: Path) -> dict | None:
    command = [
        sys.executable, "-m", "pip_audit", "--no-deps", "--disable-pip", "-r", str(requirements),
        "-s", "pypi", "--progress-spinner", "off", "-f", "json", "--timeout", "10",
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError:
        return None  # network failure: pip-audit printed a traceback instead of a report


def test_verdict_flags_a_known_vulnerable_pin():
    report = {
        "dependencies": [
            {"name": "streamlit", "version": "1.30.0", "vulns": [{"id": "PYSEC-2024-153", "fix_versions": ["1.37.0"]}]},
            {"name": "pandas", "version": "3.1.1", "vulns": []},
        ]
    }
    verdict, findings = audit_verdict(report)
    assert verdict == "vulnerable"
    assert findings == ["streamlit==1.30.0: PYSEC-2024-153 (fixed in 1.37.0)"]


def test_verdict_when_nothing_could_be_audited():
    report = {"dependencies": [{"name": "streamlit", "skip_reason": "Dependency not found on PyPI"}]}
    assert audit_verdict(report)[0] == "unchecked"


def test_verdict_clean():
    assert audit_verdict({"dependencies": [{"name": "pandas", "version": "3.1.1", "vulns": []}]}) == ("clean", [])


def test_pinned_requirements_have_no_known_vulnerability():
    report = run_pip_audit(ROOT / "requirements.txt")
    if report is None:
        pytest.skip("pip-audit could not reach a vulnerability service")
    verdict, details = audit_verdict(report)
    if verdict == "unchecked":
        pytest.skip("pip-audit could not check any pin here: " + "; ".join(details[:2]))
    assert verdict == "clean", "\n".join(details)
