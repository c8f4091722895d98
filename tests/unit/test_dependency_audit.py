"""The verdict of ``make audit`` (tools/dependency_audit.py): a run that checked nothing is never clean.

The audit itself needs a vulnerability service and runs as ``make audit``, not in the test suite.
"""

from tools.dependency_audit import CLEAN, UNCHECKED, VULNERABLE, audit_verdict, main


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
    assert audit_verdict(report) == ("unchecked", ["Dependency not found on PyPI"])
    assert audit_verdict(None)[0] == "unchecked"
    assert audit_verdict({"dependencies": []}) == ("unchecked", ["empty report"])


def test_a_partly_skipped_audit_is_not_clean():
    report = {
        "dependencies": [
            {"name": "pandas", "version": "3.1.1", "vulns": []},
            {"name": "streamlit", "skip_reason": "timed out"},
        ]
    }
    assert audit_verdict(report) == ("unchecked", ["streamlit: timed out"])


def test_verdict_clean():
    assert audit_verdict({"dependencies": [{"name": "pandas", "version": "3.1.1", "vulns": []}]}) == ("clean", [])


def test_main_says_plainly_that_it_could_not_run(monkeypatch, capsys):
    monkeypatch.setattr("tools.dependency_audit.run_pip_audit", lambda path: (None, "ConnectionError: no network"))
    assert main() == UNCHECKED
    out = capsys.readouterr().out
    assert "COULD NOT RUN, nothing was checked" in out and "no network" in out


def test_main_fails_on_a_vulnerability_even_if_another_file_could_not_run(monkeypatch):
    reports = iter(
        [
            ({"dependencies": [{"name": "x", "version": "1", "vulns": [{"id": "CVE-1"}]}]}, ""),
            (None, "offline"),
        ]
    )
    monkeypatch.setattr("tools.dependency_audit.run_pip_audit", lambda path: next(reports))
    assert main() == VULNERABLE


def test_main_clean(monkeypatch):
    clean = {"dependencies": [{"name": "pandas", "version": "3.1.1", "vulns": []}]}
    monkeypatch.setattr("tools.dependency_audit.run_pip_audit", lambda path: (clean, ""))
    assert main() == CLEAN
