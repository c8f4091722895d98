"""HTTPS for ``make serve TLS=1``: the certificate you give, or a self-signed one for local tests."""

import shutil
import subprocess
from pathlib import Path

from deploy.nginx_conf import Tls

SELF_SIGNED_DAYS = 30


class TlsError(Exception):
    """A certificate or key that cannot be used, or no openssl to make one."""


def given(cert: str | Path, key: str | Path, http_port: int | None = None) -> Tls:
    """The certificate and key at these paths (PEM), checked to exist and be readable."""
    cert, key = Path(cert).resolve(), Path(key).resolve()
    for path, what in ((cert, "certificate"), (key, "key")):
        if not path.is_file():
            raise TlsError(f"TLS {what} not found: {path}")
        try:
            path.open("rb").close()
        except OSError as error:
            raise TlsError(f"TLS {what} cannot be read: {path} ({error.strerror})") from None
    return Tls(cert, key, http_port)


def self_signed(folder: Path, http_port: int | None = None, host: str = "localhost") -> Tls:
    """A new self-signed certificate for ``localhost`` and 127.0.0.1 in ``folder`` (for local tests
    only: browsers warn about it). Needs the ``openssl`` command (Debian's openssl package)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        raise TlsError("openssl not found: install Debian's openssl package, or give TLS_CERT and TLS_KEY")
    folder.mkdir(parents=True, exist_ok=True)
    cert, key = folder / "self-signed.crt", folder / "self-signed.key"
    subprocess.run(
        [
            openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256",
            "-days", str(SELF_SIGNED_DAYS), "-subj", f"/CN={host}",
            "-addext", f"subjectAltName=DNS:{host},IP:127.0.0.1",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    key.chmod(0o644)  # nginx's worker (nobody) reads it; the folder is the run dir, ours alone
    return Tls(cert, key, http_port)
