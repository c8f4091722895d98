"""``make audit``: pip-audit over the hash-pinned lock files, with a verdict that says plainly when it
could not check.

Exit status: 0 clean, 1 a known vulnerability, 2 the audit could not run (no vulnerability service
reachable, pip-audit missing or failing). Status 2 is never reported as clean.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCK_FILES = ("requirements.lock", "requirements-dev.lock")
CLEAN, VULNERABLE, UNCHECKED = 0, 1, 2


def audit_verdict(report: dict | None) -> tuple[str, list[str]]:
    """``("vulnerable", findings)``, ``("unchecked", reasons)`` or ``("clean", [])`` for a pip-audit JSON
    report (``None`` when pip-audit printed no report at all)."""
    if report is None:
        return "unchecked", ["pip-audit produced no report (no vulnerability service reachable?)"]
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
    skipped = [f"{d['name']}: {d['skip_reason']}" for d in dependencies if "skip_reason" in d]
    return ("unchecked", skipped) if skipped else ("clean", [])


def run_pip_audit(lock_file: Path) -> tuple[dict | None, str]:
    """pip-audit's JSON report on ``lock_file`` (or ``None``) and its error output."""
    command = [
        sys.executable, "-m", "pip_audit", "--require-hashes", "--no-deps", "--disable-pip", "-r", str(lock_file),
        "-s", "pypi", "--progress-spinner", "off", "-f", "json", "--timeout", "15",
    ]  # fmt: skip
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return None, str(error)
    try:
        return json.loads(result.stdout), result.stderr
    except json.JSONDecodeError:
        return None, result.stderr


def main() -> int:
    """Audit every lock file; print one verdict line per file and return the worst exit status."""
    worst = CLEAN
    for name in LOCK_FILES:
        report, errors = run_pip_audit(ROOT / name)
        verdict, details = audit_verdict(report)
        if verdict == "clean":
            print(f"audit {name}: clean, no known vulnerability in the pinned versions")
            continue
        if verdict == "vulnerable":
            print(f"audit {name}: KNOWN VULNERABILITIES\n  " + "\n  ".join(details))
            worst = VULNERABLE
            continue
        # pip-audit's own last line ("No known vulnerabilities found") would read as a pass: only quote it
        # when there was no report at all.
        last_error = errors.strip().splitlines()[-1:] if report is None and errors.strip() else []
        print(f"audit {name}: COULD NOT RUN, nothing was checked: " + "; ".join(details[:3] + last_error))
        worst = UNCHECKED if worst == CLEAN else worst  # a vulnerability found elsewhere still wins
    return worst


if __name__ == "__main__":
    sys.exit(main())
