"""Fetch the pinned JavaScript assets of tools/js-assets.json into .cache/js/.

Each asset is one file from one npm package at an exact version. ``npm pack`` downloads the
tarball from the configured registry (no other network is used), its sha256 must match the
pin, and the named file is unpacked to ``.cache/js/<name>``. Already-present files whose
recorded tarball hash matches are left alone, so ``make setup`` stays fast.

Usage: python tools/js_assets.py [--check]   (--check only verifies, fetches nothing)
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MANIFEST = REPO / "tools" / "js-assets.json"
CACHE = REPO / ".cache" / "js"


def assets() -> list[dict[str, str]]:
    return json.loads(MANIFEST.read_text(encoding="utf-8"))["assets"]


def asset_path(name: str) -> Path:
    """Where the fetched asset ``name`` lives (it may not exist yet)."""
    return CACHE / name


def _stamp(asset: dict[str, str]) -> Path:
    return CACHE / f"{asset['name']}.sha256"


def is_current(asset: dict[str, str]) -> bool:
    stamp = _stamp(asset)
    return asset_path(asset["name"]).is_file() and stamp.is_file() and stamp.read_text().strip() == asset["sha256"]


def fetch(asset: dict[str, str]) -> None:
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("npm is not installed (Debian: apt-get install npm); it fetches " + asset["package"])
    spec = f"{asset['package']}@{asset['version']}"
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run([npm, "pack", spec, "--silent", "--pack-destination", tmp],
                             capture_output=True, text=True, cwd=tmp)
        tarballs = list(Path(tmp).glob("*.tgz"))
        if out.returncode != 0 or len(tarballs) != 1:
            raise SystemExit(f"npm pack {spec} failed (rc {out.returncode}): {out.stderr.strip()[-500:]}")
        digest = hashlib.sha256(tarballs[0].read_bytes()).hexdigest()
        if digest != asset["sha256"]:
            raise SystemExit(
                f"{spec}: tarball sha256 {digest} does not match the pin {asset['sha256']} in {MANIFEST.name}"
            )
        with tarfile.open(tarballs[0]) as tar:
            member = tar.getmember(asset["file"])
            data = tar.extractfile(member).read()
    CACHE.mkdir(parents=True, exist_ok=True)
    asset_path(asset["name"]).write_bytes(data)
    _stamp(asset).write_text(asset["sha256"] + "\n")
    print(f"fetched {spec} -> {asset_path(asset['name']).relative_to(REPO)} ({len(data) / 1024:.0f} KB)")


def main(argv: list[str]) -> int:
    missing = [a for a in assets() if not is_current(a)]
    if "--check" in argv:
        for a in missing:
            print(f"missing or stale: {a['name']} ({a['package']}@{a['version']})", file=sys.stderr)
        return 1 if missing else 0
    for asset in missing:
        fetch(asset)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
