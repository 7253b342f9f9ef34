"""Fetch the chat widget and its font from the npm registry, pinned and verified.

Only the built files are kept (no node_modules): each package tarball is fetched
with ``npm pack``, its SHA-512 checked against ``vendor.lock.json``, and the listed
files extracted into the output folder. The widget's bundle imports its font from
Google Fonts; that import is removed and the font is served from our own files.

Usage: python -m web.vendor OUTPUT_DIR
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

LOCK_FILE = Path(__file__).with_name("vendor.lock.json")
REMOTE_FONT_IMPORT = re.compile(r"@import url\(https://fonts\.googleapis\.com/[^)]*\);")
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
            (out / name).write_bytes(source.read())


def strip_remote_fonts(bundle: Path) -> int:
    """Remove the bundle's Google Fonts imports; return how many were removed."""
    text, count = REMOTE_FONT_IMPORT.subn("", bundle.read_text(encoding="utf-8"))
    if "fonts.googleapis.com" in text:
        raise ValueError("the widget bundle still refers to Google Fonts")
    bundle.write_text(text, encoding="utf-8")
    return count


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
    removed = strip_remote_fonts(out / "webchat.js")
    (out / "inter.css").write_text(FONT_FACES + "\n", encoding="utf-8")
    print(f"vendored {len(lock)} packages into {out} ({removed} remote font imports removed)")


if __name__ == "__main__":
    main(sys.argv[1])
