"""Make sure the Debian packages the project needs are present.

As root, missing packages are installed with apt-get; otherwise we stop with
one sentence saying what to install.
"""

import os
import shutil
import subprocess
import sys

CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
# package -> how to tell it is there
CHECKS = {
    "python3-venv": lambda: False,  # asked for only after `python3 -m venv` has failed
    "redis-server": lambda: shutil.which("redis-server") is not None,
    "gettext": lambda: shutil.which("msgfmt") is not None,
    "chromium": lambda: os.path.exists("/usr/bin/chromium"),
    "fonts-noto-cjk": lambda: os.path.exists(CJK_FONT),
}
PURPOSES = {
    "venv": ["python3-venv"],
    "run": ["gettext"],
    "test": ["gettext", "redis-server", "chromium", "fonts-noto-cjk"],
}


class MissingPackages(SystemExit):
    pass


def ensure_packages(packages):
    missing = [name for name in packages if not CHECKS[name]()]
    if not missing:
        return
    if os.geteuid() != 0:
        raise MissingPackages(
            f"Troubleshooter needs these Debian packages; install them with: sudo apt-get install {' '.join(missing)}"
        )
    print(f"Installing {', '.join(missing)} with apt-get…", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-q"], check=True, env=env, stdout=subprocess.DEVNULL)
    subprocess.run(["apt-get", "install", "-y", "-q", *missing], check=True, env=env, stdout=subprocess.DEVNULL)


if __name__ == "__main__":
    ensure_packages(PURPOSES[sys.argv[1] if len(sys.argv) > 1 else "run"])
