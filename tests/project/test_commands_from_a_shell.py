"""Commands work from a plain shell after `make run`: the secret comes from var/ when the environment has none."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECRET_FILE = ROOT / "var" / "secret_key"
KEY_ENCRYPTION_FILE = ROOT / "var" / "key_encryption_keys"


def _plain_shell_env():
    return {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "KEY_ENCRYPTION_KEYS", "DEBUG", "TESTING"}}


def test_a_command_reads_the_secret_make_run_wrote():
    if not SECRET_FILE.exists():  # what make run does on its first start
        SECRET_FILE.parent.mkdir(exist_ok=True)
        SECRET_FILE.write_text("generated-by-make-run-" + "x" * 40)
    if not KEY_ENCRYPTION_FILE.exists():
        from cryptography.fernet import Fernet

        KEY_ENCRYPTION_FILE.write_text(Fernet.generate_key().decode())

    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=_plain_shell_env(), capture_output=True, text=True
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
