"""Commands work from a plain shell after `make run`: the secrets come from var/ when the environment has none.

The secrets are written into a var/ of the test's own (VAR_DIR), never the checkout's: a key file
appearing in the real var/ mid-suite would give processes started later (Celery workers) another
key-encryption key than the test processes hold.
"""

import os
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]


def _plain_shell_env(var_dir):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "KEY_ENCRYPTION_KEYS", "DEBUG", "TESTING"}}
    return {**env, "VAR_DIR": str(var_dir)}


def test_a_command_reads_the_secrets_make_run_wrote(tmp_path):
    (tmp_path / "secret_key").write_text("generated-by-make-run-" + "x" * 40)  # what make run does on its first start
    (tmp_path / "key_encryption_keys").write_text(Fernet.generate_key().decode())

    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=_plain_shell_env(tmp_path), capture_output=True, text=True
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_without_the_secrets_a_plain_shell_is_told_what_to_set(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=_plain_shell_env(tmp_path), capture_output=True, text=True
    )

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr and "Traceback" not in result.stderr
