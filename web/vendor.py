"""Fetch the widget's socket.io client, its font and axe-core from the npm registry.

Only the built files are kept (no node_modules): each package tarball is fetched
with ``npm pack``, its SHA-512 checked against ``vendor.lock.json``, and the listed
files extracted into the output folder (axe-core, for the browser tests only, goes
to its ``test/`` folder). The font is served from our own files, never Google Fonts.

Usage: python -m web.vendor OUTPUT_DIR
"""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

LOCK_FILE = Path(__file__).with_name("vendor.lock.json")
FONT_FACES = "\n".join(
    "@font-face{font-family:'Inter';font-style:normal;font-display:swap;"
    f"font-weight:{weight};src:url(inter-latin-{weight}-normal.woff2) format('woff2');}}"
    for weight in (400, 500, 700)
)


def integrity_of(path: Path) -> str:
    """The npm-style ``sha512-<base64>`` integrity string of a file."""
    digest = hashlib.sha512(path.read_bytes()).digest()
    return "sha512-" + base64.b64encode(digest).decode()


def fetch(spec: str, workdir: Path) -> Path:
    """Download one package tarball with npm and return its path."""
    result = subprocess.run(
        ["npm", "pack", spec, "--silent", "--pack-destination", str(workdir)],
        check=True,
        capture_output=True,
        text=True,
    )
    return workdir / result.stdout.strip().splitlines()[-1]


def extract(tarball: Path, files: dict[str, str], out: Path) -> None:
    """Copy the listed members of ``tarball`` to ``out`` under their new names."""
    with tarfile.open(tarball) as archive:
        for member, name in files.items():
            source = archive.extractfile(member)
            if source is None:
                raise FileNotFoundError(f"{member} is not in {tarball.name}")
            target = out / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read())


def main(output_dir: str) -> None:
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    lock = json.loads(LOCK_FILE.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        for spec, entry in lock.items():
            tarball = fetch(spec, Path(tmp))
            actual = integrity_of(tarball)
            if actual != entry["integrity"]:
                raise SystemExit(f"{spec}: integrity {actual} does not match the lock file")
            extract(tarball, entry["files"], out)
    (out / "inter.css").write_text(FONT_FACES + "\n", encoding="utf-8")
    print(f"vendored {len(lock)} packages into {out}")


if __name__ == "__main__":
    main(sys.argv[1])
