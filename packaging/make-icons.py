#!/usr/bin/env python3
"""Makes the application icons from packaging/beian.svg.

- packaging/linux/icons/hicolor/NxN/apps/cn.beian.beian.png for N in 16 … 512 (the
  freedesktop icon theme sizes; the .deb installs them under /usr/share/icons/hicolor/),
- packaging/windows/beian.ico (PNG-compressed entries 16 … 256, Windows Vista and later),
- packaging/macos/beian.icns (PNG entries 16 … 1024, retina sizes included).

Rendering is done by rsvg-convert (Debian: librsvg2-bin); the ICO and ICNS containers are
written here with the standard library only, so no Python package is needed. Run it after
changing the SVG and commit what it writes:

    python3 packaging/make-icons.py
"""

import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SVG = HERE / "beian.svg"
APP_ID = "cn.beian.beian"
LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512]
ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]
# (OSType, pixel size): the PNG-bearing entries of Apple's icon family format.
ICNS_ENTRIES = [
    (b"icp4", 16),
    (b"icp5", 32),
    (b"ic11", 32),  # 16 pt @2x
    (b"ic12", 64),  # 32 pt @2x
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic13", 256),  # 128 pt @2x
    (b"ic09", 512),
    (b"ic14", 512),  # 256 pt @2x
    (b"ic10", 1024),  # 512 pt @2x
]


def render(size: int, out: Path) -> None:
    """Renders the SVG to a square PNG of `size` pixels."""
    subprocess.run(
        ["rsvg-convert", "--width", str(size), "--height", str(size), "--output", str(out), str(SVG)],
        check=True,
    )


def ico(pngs: dict[int, bytes]) -> bytes:
    """An ICO file whose entries are the given PNGs (width 256 is written as 0)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, data = b"", b""
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset + len(data))
        data += png
    return header + entries + data


def icns(entries: list[tuple[bytes, bytes]]) -> bytes:
    """An ICNS file: 'icns', total length, then (type, length, PNG) per entry."""
    body = b"".join(kind + struct.pack(">I", 8 + len(png)) + png for kind, png in entries)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    if shutil.which("rsvg-convert") is None:
        print("make-icons: rsvg-convert not found (Debian: apt-get install librsvg2-bin)", file=sys.stderr)
        return 1
    sizes = sorted(set(LINUX_SIZES) | set(ICO_SIZES) | {s for _, s in ICNS_ENTRIES})
    with tempfile.TemporaryDirectory() as tmp:
        pngs = {}
        for size in sizes:
            path = Path(tmp) / f"{size}.png"
            render(size, path)
            pngs[size] = path.read_bytes()
    for size in LINUX_SIZES:
        out = HERE / "linux" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(pngs[size])
    (HERE / "windows").mkdir(exist_ok=True)
    (HERE / "windows" / "beian.ico").write_bytes(ico({s: pngs[s] for s in ICO_SIZES}))
    (HERE / "macos").mkdir(exist_ok=True)
    (HERE / "macos" / "beian.icns").write_bytes(icns([(kind, pngs[s]) for kind, s in ICNS_ENTRIES]))
    print(f"make-icons: {len(LINUX_SIZES)} PNG sizes, beian.ico and beian.icns written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
