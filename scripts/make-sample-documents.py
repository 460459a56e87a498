#!/usr/bin/env python3
"""Regenerate tests/data/documents/: sample scans and photos of filing documents
(and hostile or broken files) for the document-image checks (rules.md §5.2-5.4),
and assets/samples/documents/: the documents shipped with beian's three sample filings.

Usage:
    python3 scripts/make-sample-documents.py              # temp venv, write both folders, verify
    python3 scripts/make-sample-documents.py --samples    # only assets/samples/documents/
    python3 scripts/make-sample-documents.py --check      # regenerate in memory and compare with
                                                          # the committed SHA256SUMS of both folders
                                                          # (with --samples: of the samples only)
    python3 scripts/make-sample-documents.py --venv DIR   # create/reuse the venv in DIR
    python3 scripts/make-sample-documents.py --oversized /tmp/oversized.jpg
                                                          # also write the >4 MB photo (not committed)

The shipped samples (ID cards of 张三, 李四 and 王五, the business licence, the letter
of authorisation, three domain certificates and an APP icon, all matching the sample filings)
get their own SHA256SUMS and a generated README.md; the "样本 SAMPLE" watermark must stay
clear of names and numbers. Whether a file passes beian's document checks is not decided
here: `cargo test` runs the real checks on every committed file (tests/materials.rs for
tests/data/documents/, src/services/samples.rs for the shipped samples).

The script re-executes itself inside a virtual environment (a temporary one,
removed afterwards, unless --venv is given) with the pinned wheels below
installed by pip (--only-binary, so the codecs bundled in the Pillow wheel,
libjpeg-turbo, zlib, libwebp and FreeType, are pinned with it).

Deterministic: every random value comes from numpy's PCG64 with a fixed seed per
file, EXIF dates are fixed, PNGs carry no tEXt/tIME chunk, the PDF has no dates,
text is drawn with the font committed in assets/fonts/ (checked by sha256) and
Pillow's BASIC layout engine (no system raqm/fribidi). Running it twice gives
byte-identical files; SHA256SUMS records them. CASES.md is generated too (do not
edit it by hand: change this script and rerun).

All people, numbers and companies in the images are fictitious (the ID number
and the credit code have valid check characters so that OCR tests can use them).
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path
from types import SimpleNamespace

from assetlib import sha256

PILLOW_VERSION = "12.1.1"
NUMPY_VERSION = "2.3.5"
REQUIREMENTS = [f"Pillow=={PILLOW_VERSION}", f"numpy=={NUMPY_VERSION}"]
IN_VENV_MARKER = "BEIAN_SAMPLE_DOCS_IN_VENV"

ROOT = Path(__file__).resolve().parent.parent
OUT_DEFAULT = ROOT / "tests" / "data" / "documents"
FONT_PATH = ROOT / "assets" / "fonts" / "NotoSansSC-Regular-GB2312.otf"
FONT_SHA256 = "5d311ed0c31b9df82d844c16596686109b9b69e14a0653e0db3beeba18691785"

MAX_FILE = 300 * 1024  # every committed file stays below this
MAX_TOTAL = 2_000_000  # and the whole folder (with CASES.md and SHA256SUMS) below this


# --------------------------------------------------------------------------- venv


def bootstrap(args: argparse.Namespace) -> int:
    """Create (or reuse) a venv with the pinned wheels and re-run this script in it."""
    tmp = None
    if args.venv:
        venv = Path(args.venv).resolve()
    else:
        tmp = tempfile.mkdtemp(prefix="beian-sample-docs-venv-")
        venv = Path(tmp)
    try:
        py = venv / "bin" / "python"
        if not py.exists():
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        have = subprocess.run(
            [str(py), "-c", "import PIL, numpy; print(PIL.__version__, numpy.__version__)"],
            capture_output=True,
            text=True,
        )
        if have.stdout.split() != [PILLOW_VERSION, NUMPY_VERSION]:
            subprocess.run(
                [str(py), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                 "--only-binary=:all:", *REQUIREMENTS],
                check=True,
            )
        env = dict(os.environ, **{IN_VENV_MARKER: "1"})
        return subprocess.run([str(py), str(Path(__file__).resolve()), *sys.argv[1:]], env=env).returncode
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


# --------------------------------------------------------------------------- helpers


def resident_id(body17: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    s = sum(int(c) * w for c, w in zip(body17, weights))
    return body17 + "10X98765432"[s % 11]


def uscc(body17: str) -> str:
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    s = sum(alphabet.index(c) * w for c, w in zip(body17, weights))
    return body17 + alphabet[(31 - s % 31) % 31]


ID_NUMBER = resident_id("11010119900307123")
CREDIT_CODE = uscc("91110101MA01XMPL0")
assert len(ID_NUMBER) == 18 and len(CREDIT_CODE) == 18


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_chunks(data: bytes) -> list[tuple[bytes, int, int]]:
    """(type, offset of the length field, data length) of every chunk (CRCs not checked)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    out, pos = [], 8
    while pos + 8 <= len(data):
        (n,) = struct.unpack(">I", data[pos:pos + 4])
        out.append((data[pos + 4:pos + 8], pos, n))
        pos += 12 + n
    return out


def png_bad_crcs(data: bytes) -> list[bytes]:
    bad = []
    for kind, pos, n in png_chunks(data):
        body = data[pos + 4:pos + 8 + n]
        (crc,) = struct.unpack(">I", data[pos + 8 + n:pos + 12 + n])
        if zlib.crc32(body) != crc:
            bad.append(kind)
    return bad


# --------------------------------------------------------------------------- generator


def drawing_kit():  # noqa: C901 - the shared drawing helpers
    """Font, text, colour and encoding helpers shared by the test files and the shipped samples."""
    import io

    import numpy as np
    import PIL
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    assert PIL.__version__ == PILLOW_VERSION and np.__version__ == NUMPY_VERSION, "run through bootstrap"
    font_bytes = FONT_PATH.read_bytes()
    if sha256(font_bytes) != FONT_SHA256:
        sys.exit(f"{FONT_PATH} changed (sha256 {sha256(font_bytes)}); outputs would differ: update FONT_SHA256 "
                 "and regenerate on purpose")
    Image.MAX_IMAGE_PIXELS = 89_478_485  # Pillow's default, stated so the self-check does not depend on it

    fonts: dict[int, ImageFont.FreeTypeFont] = {}

    def font(size: int) -> ImageFont.FreeTypeFont:
        if size not in fonts:
            fonts[size] = ImageFont.truetype(io.BytesIO(font_bytes), size, layout_engine=ImageFont.Layout.BASIC)
        return fonts[size]

    def text(d: ImageDraw.ImageDraw, xy, s: str, size: int, fill, spacing: float = 0.0, bold: bool = False):
        """Draw s at xy; spacing adds size*spacing between characters."""
        f = font(size)
        x, y = xy
        sw = max(1, size // 40) if bold else 0
        if not spacing:
            d.text((x, y), s, font=f, fill=fill, stroke_width=sw, stroke_fill=fill)
            return
        for ch in s:
            d.text((x, y), ch, font=f, fill=fill, stroke_width=sw, stroke_fill=fill)
            x += f.getlength(ch) + size * spacing

    def to_u8(a) -> "np.ndarray":
        return np.clip(np.rint(a), 0, 255).astype(np.uint8)

    def gradient(w: int, h: int, left, right, wave: float) -> "np.ndarray":
        t = np.linspace(0.0, 1.0, w)[None, :, None]
        base = np.asarray(left, float) * (1 - t) + np.asarray(right, float) * t
        yy, xx = np.mgrid[0:h, 0:w]
        pattern = wave * np.sin(xx / 23.0 + 6 * np.sin(yy / 71.0)) * np.cos(yy / 37.0)
        a = base + pattern[..., None]
        return np.broadcast_to(a, (h, w, 3)).astype(float)

    def photo_finish(img: Image.Image, rng, noise: float, blur: float = 0.6, light: float = 1.0) -> Image.Image:
        """A camera-ish look: slight blur, vignette/exposure, sensor noise."""
        if blur:
            img = img.filter(ImageFilter.GaussianBlur(blur))
        a = np.asarray(img, dtype=float)
        h, w = a.shape[:2]
        yy, xx = np.mgrid[0:h, 0:w]
        r2 = ((xx - w / 2) / (w / 2)) ** 2 + ((yy - h / 2) / (h / 2)) ** 2
        a = a * (light * (1.0 - 0.06 * r2))[..., None]
        if noise:
            a = a + rng.normal(0.0, noise, a.shape)
        return Image.fromarray(to_u8(a), "RGB")

    def card_base(w: int, h: int, left, right) -> tuple[Image.Image, ImageDraw.ImageDraw, float]:
        s = w / 1600
        canvas = np.full((h, w, 3), (244, 244, 240), float)
        card = gradient(w, h, left, right, 4.0)
        mask = Image.new("L", (w, h), 0)
        m = round(22 * s)
        ImageDraw.Draw(mask).rounded_rectangle((m, m, w - m, h - m), radius=round(44 * s), fill=255)
        k = (np.asarray(mask, float) / 255.0)[..., None]
        img = Image.fromarray(to_u8(canvas * (1 - k) + card * k), "RGB")
        d = ImageDraw.Draw(img)
        d.rounded_rectangle((m, m, w - m, h - m), radius=round(44 * s), outline=(200, 205, 210), width=max(1, round(2 * s)))
        return img, d, s

    def star(d: ImageDraw.ImageDraw, cx: float, cy: float, r: float, fill, rot: float = -90.0):
        pts = []
        for i in range(10):
            rr = r if i % 2 == 0 else r * 0.382
            ang = math.radians(rot + i * 36)
            pts.append((cx + rr * math.cos(ang), cy + rr * math.sin(ang)))
        d.polygon(pts, fill=fill)

    def emblem(d: ImageDraw.ImageDraw, cx: float, cy: float, r: float):
        red, gold = (200, 32, 38), (236, 192, 70)
        d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=red)
        d.ellipse((cx - r * 0.86, cy - r * 0.86, cx + r * 0.86, cy + r * 0.86), outline=gold, width=max(2, round(r * 0.06)))
        star(d, cx - r * 0.30, cy - r * 0.38, r * 0.20, gold)
        for k, (dx, dy) in enumerate([(0.02, -0.62), (0.14, -0.42), (0.14, -0.18), (0.02, 0.0)]):
            star(d, cx + r * dx, cy + r * dy * 0.8 - r * 0.1, r * 0.08, gold, rot=-90 + 15 * k)
        d.rectangle((cx - r * 0.45, cy + r * 0.12, cx + r * 0.45, cy + r * 0.45), fill=gold)  # gate
        d.rectangle((cx - r * 0.15, cy + r * 0.25, cx + r * 0.15, cy + r * 0.45), fill=red)
        d.rectangle((cx - r * 0.55, cy + r * 0.48, cx + r * 0.55, cy + r * 0.56), fill=gold)

    def seal(img: Image.Image, cx: float, cy: float, r: float, ring_text: str, alpha: float = 0.82):
        """Red round company/authority seal with text along the upper arc, blended like ink."""
        w, h = img.size
        layer = Image.new("L", (w, h), 0)
        d = ImageDraw.Draw(layer)
        d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=255, width=max(3, round(r * 0.06)))
        star(d, cx, cy, r * 0.30, 255)
        size = max(8, round(r * 0.24))
        n = len(ring_text)
        span = 240.0
        for i, ch in enumerate(ring_text):
            ang = -90 - span / 2 + span * (i + 0.5) / n  # degrees, 0 = right, clockwise in image coords
            tile = Image.new("L", (size * 2, size * 2), 0)
            ImageDraw.Draw(tile).text((size // 2, size // 2), ch, font=font(size), fill=255)
            tile = tile.rotate(-(ang + 90), resample=Image.Resampling.BICUBIC)
            rr = r * 0.74
            px = cx + rr * math.cos(math.radians(ang)) - size
            py = cy + rr * math.sin(math.radians(ang)) - size
            layer.paste(255, (round(px), round(py)), tile)
        k = (np.asarray(layer, float) / 255.0 * alpha)[..., None]
        a = np.asarray(img, float)
        red = np.array([214, 28, 36], float)
        out = a * (1 - k) + np.minimum(a, red) * k
        img.paste(Image.fromarray(to_u8(out), "RGB"))

    def qr_block(d: ImageDraw.ImageDraw, rng, qx: int, qy: int, q: int = 25, cell: int = 8):
        """A QR-like block of random cells with the three finder squares, top left at (qx, qy)."""
        bits = rng.integers(0, 2, (q, q))
        for fy, fx in ((0, 0), (0, q - 7), (q - 7, 0)):
            bits[fy:fy + 7, fx:fx + 7] = 1
            bits[fy + 1:fy + 6, fx + 1:fx + 6] = 0
            bits[fy + 2:fy + 5, fx + 2:fx + 5] = 1
        for yy in range(q):
            for xx in range(q):
                if bits[yy, xx]:
                    d.rectangle((qx + xx * cell, qy + yy * cell, qx + xx * cell + cell - 1, qy + yy * cell + cell - 1), fill=(15, 15, 15))

    def jpeg(img: Image.Image, quality: int = 85, **kw) -> bytes:
        b = io.BytesIO()
        img.save(b, "JPEG", quality=quality, optimize=True, **kw)
        return b.getvalue()

    return SimpleNamespace(
        np=np, Image=Image, ImageDraw=ImageDraw, ImageFilter=ImageFilter, font=font, text=text, to_u8=to_u8,
        gradient=gradient, photo_finish=photo_finish, card_base=card_base, star=star, emblem=emblem, seal=seal,
        qr_block=qr_block, jpeg=jpeg,
    )


def generate(oversized: Path | None) -> dict:  # noqa: C901 - one long recipe
    import io

    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter, ImageOps

    k = drawing_kit()
    text, to_u8, photo_finish, card_base, emblem, seal, jpeg = k.text, k.to_u8, k.photo_finish, k.card_base, k.emblem, k.seal, k.jpeg

    # ---------------------------------------------------------------- document drawings

    def draw_id_front(w: int, h: int) -> Image.Image:
        img, d, s = card_base(w, h, (205, 225, 240), (242, 233, 212))
        P = lambda x, y: (round(x * s), round(y * s))  # noqa: E731
        F = lambda n: max(6, round(n * s))  # noqa: E731
        label, ink = (55, 105, 160), (22, 22, 26)
        text(d, P(120, 118), "姓名", F(40), label)
        text(d, P(270, 104), "李样例", F(58), ink, bold=True)
        text(d, P(120, 232), "性别", F(40), label)
        text(d, P(270, 222), "男", F(50), ink)
        text(d, P(430, 232), "民族", F(40), label)
        text(d, P(580, 222), "汉", F(50), ink)
        text(d, P(120, 342), "出生", F(40), label)
        text(d, P(270, 332), "1990  年  3  月  7  日", F(50), ink)
        text(d, P(120, 452), "住址", F(40), label)
        text(d, P(270, 442), "北京市东城区示例路1号", F(50), ink)
        text(d, P(270, 514), "测试小区2号楼303室", F(50), ink)
        text(d, P(120, 812), "公民身份号码", F(40), label)
        text(d, P(430, 796), ID_NUMBER, F(62), ink, spacing=0.12, bold=True)
        text(d, P(120, 910), "测试样本 · 非真实证件 · SAMPLE", F(28), (150, 170, 190))
        # photo box with a stylised head and shoulders (drawn in its own tile, so nothing spills over)
        bw, bh = round(380 * s), round(520 * s)
        box = Image.new("RGB", (bw, bh), (236, 240, 246))
        b = ImageDraw.Draw(box)
        Q = lambda x, y: (round(x * s), round(y * s))  # noqa: E731
        b.ellipse((*Q(50, 350), *Q(330, 640)), fill=(40, 45, 60))  # shoulders
        b.rectangle((*Q(160, 300), *Q(220, 380)), fill=(218, 182, 150))  # neck
        b.ellipse((*Q(105, 95), *Q(275, 325)), fill=(228, 192, 160))  # face
        b.chord((*Q(95, 70), *Q(285, 240)), 180, 360, fill=(38, 30, 28))  # hair
        b.ellipse((*Q(145, 185), *Q(165, 200)), fill=(40, 30, 30))
        b.ellipse((*Q(215, 185), *Q(235, 200)), fill=(40, 30, 30))
        b.line((*Q(168, 275), *Q(212, 275)), fill=(160, 80, 80), width=F(5))
        img.paste(box, P(1090, 120))
        return img

    def draw_id_back(w: int, h: int) -> Image.Image:
        img, d, s = card_base(w, h, (226, 236, 226), (245, 232, 214))
        P = lambda x, y: (round(x * s), round(y * s))  # noqa: E731
        F = lambda n: max(6, round(n * s))  # noqa: E731
        ink = (25, 25, 30)
        # guilloche
        for k in range(9):
            pts = [(x * s, (560 + 26 * k + 40 * math.sin(x / 90.0 + k)) * s) for x in range(40, 1561, 8)]
            d.line(pts, fill=(200, 212, 205), width=max(1, round(2 * s)))
        emblem(d, 250 * s, 240 * s, 150 * s)
        text(d, P(520, 150), "中华人民共和国", F(84), ink, spacing=0.18, bold=True)
        text(d, P(470, 320), "居民身份证", F(120), ink, spacing=0.30, bold=True)
        text(d, P(330, 742), "签发机关", F(40), ink)
        text(d, P(540, 734), "北京市公安局东城分局", F(48), ink)
        text(d, P(330, 842), "有效期限", F(40), ink)
        text(d, P(540, 834), "2020.03.07-2040.03.07", F(48), ink)
        text(d, P(120, 930), "测试样本 · 非真实证件 · SAMPLE", F(28), (160, 175, 170))
        return img

    def draw_licence(rng, w: int = 1240, h: int = 1754) -> Image.Image:
        img = Image.new("RGB", (w, h), (251, 248, 240))
        d = ImageDraw.Draw(img)
        frame = (168, 62, 44)
        d.rectangle((48, 48, w - 48, h - 48), outline=frame, width=6)
        d.rectangle((64, 64, w - 64, h - 64), outline=frame, width=2)
        for x in range(90, w - 80, 36):  # border ornament
            for y in (54, h - 60):
                d.polygon([(x, y + 3), (x + 6, y - 3 + 3), (x + 12, y + 3), (x + 6, y + 9)], fill=frame)
        emblem(d, w / 2, 175, 72)
        text(d, (w / 2 - 262, 262), "营业执照", 118, (20, 20, 20), spacing=0.12, bold=True)
        text(d, (w / 2 - 60, 410), "（副本）", 36, (20, 20, 20))
        text(d, (130, 480), "统一社会信用代码  " + CREDIT_CODE, 32, (20, 20, 20))
        k.qr_block(d, rng, 130, 580)
        text(d, (118, 800), "扫描二维码登录国家企业", 20, (60, 60, 60))
        text(d, (118, 826), "信用信息公示系统", 20, (60, 60, 60))
        fields = [
            ("名　　称", "北京示例测试科技有限公司"),
            ("类　　型", "有限责任公司（自然人投资或控股）"),
            ("法定代表人", "李样例"),
            ("经营范围", "技术开发、技术咨询、技术服务；软件"),
            ("", "开发；信息系统集成服务；互联网信息服"),
            ("", "务（依法须经批准的项目，经相关部门批"),
            ("", "准后方可开展经营活动）。"),
            ("注册资本", "人民币100万元"),
            ("成立日期", "2019年03月07日"),
            ("营业期限", "2019年03月07日 至 长期"),
            ("住　　所", "北京市东城区示例路1号2层203室"),
        ]
        y = 590
        for lab, val in fields:
            if lab:
                text(d, (400, y), lab, 30, (20, 20, 20))
            text(d, (590, y), val, 30, (20, 20, 20))
            y += 66 if lab else 50
        text(d, (700, 1400), "登记机关", 34, (20, 20, 20))
        text(d, (760, 1560), "2024 年 05 月 20 日", 34, (20, 20, 20))
        text(d, (130, 1640), "测试样本 · 非真实证照 · SAMPLE", 24, (150, 140, 130))
        seal(img, 930, 1470, 135, "北京市东城区市场监督管理局")
        return img

    def draw_domain_certificate(w: int = 1400, h: int = 990) -> Image.Image:
        img = Image.new("RGB", (w, h), (250, 249, 244))
        d = ImageDraw.Draw(img)
        blue = (30, 80, 150)
        d.rectangle((30, 30, w - 30, h - 30), outline=blue, width=8)
        d.rectangle((48, 48, w - 48, h - 48), outline=(120, 160, 210), width=2)
        text(d, (w / 2 - 250, 90), "域名注册证书", 84, blue, spacing=0.10, bold=True)
        text(d, (w / 2 - 205, 200), "DOMAIN NAME CERTIFICATE", 30, blue)
        rows = [
            ("域名", "example-beian.cn"),
            ("注册所有人", "北京示例测试科技有限公司"),
            ("证件类型", "营业执照"),
            ("证件号码", CREDIT_CODE),
            ("注册日期", "2019年03月10日"),
            ("到期日期", "2029年03月10日"),
            ("注册服务机构", "示例域名注册服务机构（测试）"),
        ]
        y = 300
        for lab, val in rows:
            text(d, (150, y), lab, 36, (40, 40, 40))
            text(d, (450, y), val, 40, (15, 15, 15))
            y += 78
        text(d, (150, 880), "测试样本 · 非真实证书 · SAMPLE", 24, (150, 150, 160))
        seal(img, 1130, 800, 120, "示例域名注册服务机构")
        return img

    def on_desk(doc: Image.Image, size: tuple[int, int], scale: float, angle: float, desk=(120, 96, 72)) -> Image.Image:
        """Place doc on a wooden-ish desk, scaled and slightly rotated, centred."""
        w, h = size
        yy, xx = np.mgrid[0:h, 0:w]
        grain = 10 * np.sin(yy / 7.0 + 3 * np.sin(xx / 150.0)) + 6 * np.sin(yy / 2.3)
        bg = np.asarray(desk, float)[None, None, :] + grain[..., None] * np.array([1.0, 0.8, 0.6])
        base = Image.fromarray(to_u8(bg), "RGB")
        dw, dh = round(doc.width * scale), round(doc.height * scale)
        small = doc.resize((dw, dh), Image.Resampling.LANCZOS).convert("RGBA")
        rot = small.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
        shadow = Image.new("RGBA", rot.size, (0, 0, 0, 0))
        shadow.putalpha(rot.getchannel("A").point(lambda v: v * 90 // 255))
        shadow = shadow.filter(ImageFilter.GaussianBlur(8))
        ox, oy = (w - rot.width) // 2, (h - rot.height) // 2
        base.paste(shadow, (ox + 10, oy + 12), shadow)
        base.paste(rot, (ox, oy), rot)
        return base

    def png(img: Image.Image) -> bytes:
        b = io.BytesIO()
        img.save(b, "PNG", optimize=True)  # Pillow writes no tEXt/tIME unless asked
        return b.getvalue()

    rng_for = lambda seed: np.random.default_rng(seed)  # noqa: E731
    files: dict[str, bytes] = {}
    facts: dict[str, str] = {}

    # ---------------------------------------------------------------- ID card, front and back
    front_img = photo_finish(draw_id_front(1600, 1010), rng_for(101), noise=1.6)
    files["id-front.jpg"] = jpeg(front_img)
    back_img = photo_finish(draw_id_back(1600, 1010), rng_for(102), noise=1.6)
    files["id-back.jpg"] = jpeg(back_img)

    # stored 90° counter-clockwise; Orientation 6 = "rotate 90° clockwise to display"
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "SampleCam"
    exif[0x0110] = "SC-1"
    exif[0x0132] = "2024:05:20 10:30:00"
    files["id-front-rotated-exif.jpg"] = jpeg(front_img.transpose(Image.Transpose.ROTATE_90), exif=exif.tobytes())
    # stored 90° clockwise, no EXIF at all
    files["id-front-sideways.jpg"] = jpeg(front_img.transpose(Image.Transpose.ROTATE_270))

    # ---------------------------------------------------------------- business licence
    licence = draw_licence(rng_for(3))
    files["licence-colour.png"] = png(licence)
    grey = np.asarray(ImageOps.grayscale(licence.filter(ImageFilter.GaussianBlur(0.7))), float)
    grey = (grey - 128) * 1.15 + 128 + rng_for(103).normal(0, 1.5, grey.shape)  # photocopy contrast + toner grain
    grey_img = Image.fromarray(to_u8(grey), "L")
    files["licence-grey.jpg"] = jpeg(grey_img, quality=80)
    # a phone photo of the photocopy: RGB but (almost) no colour
    g3 = np.asarray(grey_img.resize((930, 1316), Image.Resampling.LANCZOS), float)[..., None] * np.array([1.0, 0.985, 0.955]) + rng_for(104).normal(0, 0.8, (1316, 930, 3))
    files["licence-grey-rgb.jpg"] = jpeg(Image.fromarray(to_u8(g3), "RGB"), quality=80)

    # ---------------------------------------------------------------- too small
    files["tiny.jpg"] = jpeg(front_img.resize((160, 100), Image.Resampling.LANCZOS))

    # ---------------------------------------------------------------- EXIF with GPS (domain certificate photo)
    cert_photo = photo_finish(on_desk(draw_domain_certificate(), (1600, 1200), 1.0, 1.5), rng_for(105), noise=2.2, light=0.97)
    exif = Image.Exif()
    exif[0x010F] = "SamplePhone"  # Make
    exif[0x0110] = "SP-12 Test"  # Model
    exif[0x0131] = "sample-firmware 1.0"  # Software
    exif[0x0132] = "2024:05:20 10:31:15"  # DateTime
    exif[0x0112] = 1
    ifd = exif.get_ifd(0x8769)  # Exif IFD
    ifd[0x9003] = "2024:05:20 10:31:15"  # DateTimeOriginal
    ifd[0x9004] = "2024:05:20 10:31:15"  # DateTimeDigitized
    gps = exif.get_ifd(0x8825)  # GPS IFD: 39°54'27.00" N, 116°23'50.40" E (Tiananmen area), 44 m
    gps[0x0000] = b"\x02\x02\x00\x00"
    gps[0x0001] = "N"
    gps[0x0002] = (39.0, 54.0, 27.0)
    gps[0x0003] = "E"
    gps[0x0004] = (116.0, 23.0, 50.4)
    gps[0x0005] = b"\x00"
    gps[0x0006] = 44.0
    gps[0x001D] = "2024:05:20"
    files["with-gps.jpg"] = jpeg(cert_photo, quality=85, exif=exif.tobytes())

    # ---------------------------------------------------------------- glare
    glare_base = on_desk(licence, (1200, 1600), 0.86, -1.2, desk=(90, 92, 98))
    glare_base = photo_finish(glare_base, rng_for(106), noise=2.0, light=0.92)
    w, h = glare_base.size
    yy, xx = np.mgrid[0:h, 0:w]
    cx, cy, ax, ay = 0.62 * w, 0.40 * h, 300.0, 240.0
    rho = np.sqrt(((xx - cx) / ax) ** 2 + ((yy - cy) / ay) ** 2)  # 1 on the edge of the saturated core
    k = np.clip(np.exp(-((np.maximum(rho - 1.0, 0)) / 0.35) ** 2), 0, 1)[..., None]
    ga = np.asarray(glare_base, float)
    ga = ga * (1 - k) + 255.0 * k
    ga[rho <= 1.0] = 255.0
    glare_img = Image.fromarray(to_u8(ga), "RGB")
    files["glare.jpg"] = jpeg(glare_img, quality=80)

    # ---------------------------------------------------------------- photo of a screen
    sw_, sh_ = 1200, 900
    yy, xx = np.mgrid[0:sh_, 0:sw_]
    bezel = 18 + 10 * (yy / sh_) + 4 * np.sin(xx / 300.0)
    scr = np.repeat(bezel[..., None], 3, axis=2)
    bx0, by0, bx1, by1 = 80, 70, sw_ - 80, sh_ - 95
    content = Image.new("RGB", (bx1 - bx0, by1 - by0), (52, 54, 58))  # image viewer background
    card = front_img.resize((950, 600), Image.Resampling.LANCZOS)
    content.paste(card, ((content.width - card.width) // 2, (content.height - card.height) // 2))
    c = np.asarray(content, float) * np.array([0.93, 0.98, 1.06]) + 10  # emissive, cool white
    cy_, cx_ = np.mgrid[0:content.height, 0:content.width]
    sub = np.stack([(cx_ % 3 == i) for i in range(3)], axis=2) * 0.50 + 0.50  # RGB stripes, 3 px pitch
    rows = np.where(cy_ % 3 == 2, 0.78, 1.0)[..., None]  # dark gaps between pixel rows
    theta = math.radians(4.0)
    moire = 1.0 + 0.16 * np.cos(2 * math.pi * (cx_ * math.cos(theta) + cy_ * math.sin(theta)) / 3.08)[..., None]
    c = c * sub * rows * moire * 1.15
    scr[by0:by1, bx0:bx1] = c
    screen_img = photo_finish(Image.fromarray(to_u8(scr), "RGB"), rng_for(107), noise=2.0, blur=0.35)
    files["screen-photo.jpg"] = jpeg(screen_img, quality=75)

    # ---------------------------------------------------------------- decompression bomb
    W = H = 30000
    row = b"\x00" * (1 + W // 8)  # filter byte + 3750 bytes of 1-bit grey
    comp = zlib.compressobj(9, zlib.DEFLATED, 15, 9)
    parts = [b"\x89PNG\r\n\x1a\n", png_chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, 1, 0, 0, 0, 0))]
    buf = bytearray()
    block = row * 200
    for _ in range(H // 200):
        buf += comp.compress(block)
        while len(buf) >= 65536:
            parts.append(png_chunk(b"IDAT", bytes(buf[:65536])))
            del buf[:65536]
    buf += comp.flush()
    while buf:
        parts.append(png_chunk(b"IDAT", bytes(buf[:65536])))
        del buf[:65536]
    parts.append(png_chunk(b"IEND", b""))
    files["bomb.png"] = b"".join(parts)

    # ---------------------------------------------------------------- absurd dimensions, truncated data
    comp = zlib.compressobj(9)
    idat = comp.compress(b"\x00" * (1 + 3 * 4096)) + comp.flush(zlib.Z_SYNC_FLUSH)  # stream never finished
    files["huge-dimensions.png"] = b"".join([
        b"\x89PNG\r\n\x1a\n",
        png_chunk(b"IHDR", struct.pack(">IIBBBBB", 1_000_000, 1_000_000, 8, 2, 0, 0, 0)),
        png_chunk(b"IDAT", idat),
        png_chunk(b"IEND", b""),
    ])

    # ---------------------------------------------------------------- damaged copies
    fj = files["id-front.jpg"]
    files["truncated.jpg"] = fj[: len(fj) * 40 // 100]
    lp = files["licence-colour.png"]
    idats = [(pos, n) for kind, pos, n in png_chunks(lp) if kind == b"IDAT"]
    total = sum(n for _, n in idats)
    half, cut = total // 2, None
    for pos, n in idats:
        if half < n:
            cut = pos + 8 + max(1, min(n - 1, half))
            break
        half -= n
    files["truncated.png"] = lp[:cut]
    facts["truncated.png"] = f"cut at byte {cut} of {len(lp)}, inside IDAT data ({len(idats)} IDAT chunk(s), {total} bytes of IDAT data)"
    pos, n = idats[0]
    crc_at = pos + 8 + n + 3
    bad = bytearray(lp)
    bad[crc_at] ^= 0xFF
    files["bad-crc.png"] = bytes(bad)
    facts["bad-crc.png"] = f"byte {crc_at} (last CRC byte of the first IDAT chunk) XOR 0xFF"

    files["zero.jpg"] = b""
    files["text-named.jpg"] = "这不是图片 / this is not an image\n".encode("utf-8")

    # ---------------------------------------------------------------- PDF, written by hand
    files["document.pdf"] = make_pdf()

    # ---------------------------------------------------------------- other formats
    b = io.BytesIO()
    front_img.save(b, "WEBP", quality=80, method=4)
    files["id-card.webp"] = b.getvalue()

    pal = [255, 255, 255, 20, 20, 20, 200, 30, 40, 210, 228, 240, 55, 105, 160] + [0] * (768 - 15)
    frames = []
    for i in range(2):
        f = Image.new("P", (400, 252), 0)
        f.putpalette(pal)
        d = ImageDraw.Draw(f)
        d.rounded_rectangle((10, 10, 390, 242), radius=14, fill=3, outline=4, width=2)
        for k in range(5):
            d.rectangle((30, 40 + k * 36, 30 + 180 - 20 * k, 52 + k * 36), fill=1)
        d.rectangle((270, 40, 370, 170), fill=4)
        if i == 1:
            d.ellipse((330, 190, 370, 230), fill=2)
        frames.append(f)
    b = io.BytesIO()
    frames[0].save(b, "GIF", save_all=True, append_images=frames[1:], duration=500, loop=0, optimize=False)
    files["gif-animated.gif"] = b.getvalue()

    # ---------------------------------------------------------------- optional >4 MB photo
    if oversized is not None:
        big = on_desk(draw_id_front(3400, 2146), (4000, 3000), 1.0, 0.8)
        big = photo_finish(big, rng_for(108), noise=7.0, blur=0.0)
        data = jpeg(big, quality=98)
        oversized.write_bytes(data)
        print(f"{sha256(data)}  {oversized}  ({len(data)} bytes, not part of tests/data)")

    # ---------------------------------------------------------------- self-check
    verify(files, facts, front_img)
    return {"files": files, "facts": facts}


def make_pdf() -> bytes:
    """A minimal PDF 1.4: 2 A4 pages, page 1 with one line of Helvetica text, page 2 blank; no dates."""
    content = b"BT /F1 18 Tf 72 770 Td (beian sample document - page 1 of 2) Tj ET\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 6 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Title (beian sample document) /Producer (scripts/make-sample-documents.py) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n" % (len(objects) + 1)
    out += b"0000000000 65535 f \n"
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 7 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def verify(files: dict[str, bytes], facts: dict[str, str], front_img) -> None:
    """Assert that every file is what CASES.md says it is (with Pillow and by hand)."""
    import io
    import re

    import numpy as np
    from PIL import Image, ImageOps, UnidentifiedImageError

    def open_(name):
        return Image.open(io.BytesIO(files[name]))

    def decoded(name):
        im = open_(name)
        im.load()
        return im

    sizes = "\n".join(f"  {len(d):>8}  {n}" for n, d in files.items())
    for name, data in files.items():
        assert len(data) < MAX_FILE, f"{name} is {len(data)} bytes:\n{sizes}"
    assert sum(map(len, files.values())) < MAX_TOTAL - 20_000, f"folder too large:\n{sizes}"

    im = decoded("id-front.jpg")
    assert (im.format, im.mode, im.size) == ("JPEG", "RGB", (1600, 1010))
    facts["id-front.jpg"] = "1600×1010 RGB, no EXIF"
    im = decoded("id-back.jpg")
    assert (im.format, im.mode, im.size) == ("JPEG", "RGB", (1600, 1010))
    facts["id-back.jpg"] = "1600×1010 RGB, no EXIF"

    im = decoded("id-front-rotated-exif.jpg")
    assert im.size == (1010, 1600) and im.getexif()[0x0112] == 6
    up = ImageOps.exif_transpose(im)
    assert up.size == (1600, 1010)
    diff = np.abs(np.asarray(up, float) - np.asarray(front_img, float)).mean()
    assert diff < 3.0, diff
    facts["id-front-rotated-exif.jpg"] = f"stored 1010×1600, EXIF Orientation=6; upright after applying it (mean abs diff to the front before encoding {diff:.2f})"
    im = decoded("id-front-sideways.jpg")
    assert im.size == (1010, 1600) and 0x0112 not in im.getexif() and "exif" not in im.info
    facts["id-front-sideways.jpg"] = "stored 1010×1600 (front turned 90° clockwise), no EXIF"

    im = decoded("licence-colour.png")
    assert (im.format, im.mode, im.size) == ("PNG", "RGB", (1240, 1754))
    assert not (set(im.info) & {"Software", "Creation Time", "date:create"}), im.info
    im = decoded("licence-grey.jpg")
    assert (im.mode, im.size) == ("L", (1240, 1754))
    im = decoded("licence-grey-rgb.jpg")
    spread = np.asarray(im, float)
    spread = spread.max(axis=2) - spread.min(axis=2)
    ref = np.asarray(decoded("licence-colour.png"), float)
    ref = ref.max(axis=2) - ref.min(axis=2)
    vivid, ref_vivid = (spread > 48).mean(), (ref > 48).mean()
    assert im.mode == "RGB" and im.size == (930, 1316) and vivid < 0.0005 < 0.01 < ref_vivid, (vivid, ref_vivid)
    facts["licence-grey-rgb.jpg"] = (
        f"930×1316 RGB; max−min channel spread: mean {spread.mean():.1f}, {vivid * 100:.2f} % of pixels above 48 "
        f"(licence-colour.png: mean {ref.mean():.1f}, {ref_vivid * 100:.2f} % above 48, the seal, emblem and frame): "
        "judge colour by strongly coloured pixels, not by the mean"
    )

    assert decoded("tiny.jpg").size == (160, 100)

    im = decoded("with-gps.jpg")
    ex = im.getexif()
    g = ex.get_ifd(0x8825)
    assert g[1] == "N" and g[3] == "E" and float(g[2][0]) == 39.0
    assert ex[0x010F] == "SamplePhone" and ex.get_ifd(0x8769)[0x9003] == "2024:05:20 10:31:15"
    assert im.size == (1600, 1200)
    facts["with-gps.jpg"] = "1600×1200 RGB; EXIF Make SamplePhone, Model SP-12 Test, DateTimeOriginal 2024:05:20 10:31:15, GPS 39°54'27\" N 116°23'50.4\" E alt 44 m"

    a = np.asarray(decoded("glare.jpg"))
    frac = (a.min(axis=2) >= 250).mean()
    assert 0.12 <= frac <= 0.18, frac
    facts["glare.jpg"] = f"1200×1600 RGB; {frac * 100:.1f} % of pixels have all channels ≥ 250 after decoding"

    im = decoded("screen-photo.jpg")
    facts["screen-photo.jpg"] = f"{im.width}×{im.height} RGB, 3 px RGB stripe pitch, moiré, bezel 70–95 px"

    for name in ("bomb.png", "huge-dimensions.png"):
        try:
            open_(name)
        except Image.DecompressionBombError:
            pass
        else:
            raise AssertionError(f"Pillow opened {name}")
    data = files["bomb.png"]
    assert struct.unpack(">II", data[16:24]) == (30000, 30000)
    raw = zlib.decompress(b"".join(data[p + 8:p + 8 + n] for k, p, n in png_chunks(data) if k == b"IDAT"))
    assert len(raw) == 30000 * 3751 and raw.count(0) == len(raw)
    del raw
    facts["bomb.png"] = "IHDR 30000×30000, 1-bit greyscale; IDAT inflates to 112,530,000 bytes of zeros (900 Mpx, 900 MB as 8-bit); CRCs valid, complete"
    data = files["huge-dimensions.png"]
    assert struct.unpack(">II", data[16:24]) == (1_000_000, 1_000_000) and not png_bad_crcs(data)
    facts["huge-dimensions.png"] = "IHDR 1000000×1000000 8-bit RGB (3 TB raw); one IDAT holding an unfinished zlib stream (first 12 KB of row 0); CRCs valid"

    for name in ("truncated.jpg", "truncated.png"):
        try:
            decoded(name)
        except OSError:
            pass
        else:
            raise AssertionError(f"Pillow decoded {name}")
    assert png_bad_crcs(files["bad-crc.png"]) == [b"IDAT"] and not png_bad_crcs(files["licence-colour.png"])
    facts["truncated.jpg"] = f"first {len(files['truncated.jpg'])} of {len(files['id-front.jpg'])} bytes (40 %), no EOI marker"

    assert files["zero.jpg"] == b""
    try:
        open_("text-named.jpg")
    except UnidentifiedImageError:
        pass
    else:
        raise AssertionError("text opened as image")

    pdf = files["document.pdf"]
    m = re.search(rb"startxref\n(\d+)\n%%EOF\n$", pdf)
    xref = int(m.group(1))
    assert pdf[xref:xref + 5] == b"xref\n"
    entries = re.findall(rb"(\d{10}) 00000 n \n", pdf[xref:])
    for i, off in enumerate(entries, start=1):
        assert pdf[int(off):].startswith(b"%d 0 obj\n" % i), i
    assert pdf.count(b"/Type /Page ") == 2 and b"/Count 2" in pdf and b"Date" not in pdf
    facts["document.pdf"] = f"PDF 1.4, {len(entries)} objects, 2 A4 pages, xref offsets checked"

    im = decoded("id-card.webp")
    assert (im.format, im.size) == ("WEBP", (1600, 1010))
    im = open_("gif-animated.gif")
    assert im.format == "GIF" and im.n_frames == 2 and im.is_animated


# --------------------------------------------------------------------------- shipped samples
#
# The documents that ship with beian's three sample filings (assets/samples/sample-*.ron and the APP sample),
# shown when "打开个人备案示例" / "打开单位备案示例" is opened: tidy colour scans, drawn to
# pass beian's document checks (which src/services/samples.rs runs on them).

SAMPLES_OUT_DEFAULT = ROOT / "assets" / "samples" / "documents"
SAMPLE_QUALITY = 90
CARD_SIZE = (1600, 1010)  # 85.6 × 54 mm at about 475 dpi
PAGE_SIZE = (1240, 1754)  # A4 at 150 dpi
WATERMARK = "样本 SAMPLE"

PERSONAL_ID = dict(name="张三", sex="女", nation="汉", birth=(1949, 12, 31), address="北京市朝阳区示例路1号",
                   number="11010519491231002X", authority="北京市公安局朝阳分局", validity="2019.06.01-2039.06.01")
LEGAL_REP_ID = dict(name="李四", sex="男", nation="汉", birth=(1988, 5, 12), address="福州市鼓楼区示例路100号",
                    number="350102198805123011", authority="福州市公安局鼓楼分局", validity="2016.05.12-2036.05.12")
WEBSITE_REP_ID = dict(name="王五", sex="女", nation="汉", birth=(1990, 3, 8), address="福州市鼓楼区示例路8号",
                      number="350102199003084529", authority="福州市公安局鼓楼分局", validity="2020.01.10-2040.01.10")
UNIT_NAME = "福州示例科技有限公司"
UNIT_CODE = "91350100M000100Y43"
REGISTRAR = "示例注册服务机构（样本）"
for _p in (PERSONAL_ID, LEGAL_REP_ID, WEBSITE_REP_ID):
    assert resident_id(_p["number"][:17]) == _p["number"], _p
    assert _p["number"][6:14] == "%04d%02d%02d" % _p["birth"] and (int(_p["number"][16]) % 2 == 1) == (_p["sex"] == "男"), _p
assert uscc(UNIT_CODE[:17]) == UNIT_CODE

# file, kind, what it shows (for README.md)
SAMPLES = [
    ("personal-id-front.jpg", "id_front", "个人示例：张三的居民身份证人像面 — personal sample: resident ID card, portrait side"),
    ("personal-id-back.jpg", "id_back", "个人示例：张三的居民身份证国徽面 — personal sample: resident ID card, emblem side"),
    ("personal-domain-certificate.jpg", "domain_certificate",
     "个人示例：example.cn 域名注册证书，持有者张三 — personal sample: domain certificate of example.cn, holder 张三"),
    ("unit-licence.jpg", "certificate", "单位示例：福州示例科技有限公司营业执照（副本） — unit sample: business licence"),
    ("unit-legal-rep-id-front.jpg", "id_front", "单位示例：法定代表人李四的居民身份证人像面 — legal representative's ID, portrait side"),
    ("unit-legal-rep-id-back.jpg", "id_back", "单位示例：法定代表人李四的居民身份证国徽面 — legal representative's ID, emblem side"),
    ("unit-website-rep-id-front.jpg", "id_front", "单位示例：网站负责人王五的居民身份证人像面 — website manager's ID, portrait side"),
    ("unit-website-rep-id-back.jpg", "id_back", "单位示例：网站负责人王五的居民身份证国徽面 — website manager's ID, emblem side"),
    ("unit-authorization.jpg", "authorization",
     "单位示例：授权王五为 example.com.cn、example.net.cn 网站负责人的授权书 — letter of authorisation for the website manager"),
    ("unit-domain-certificate-1.jpg", "domain_certificate",
     "单位示例：example.com.cn 域名注册证书 — unit sample: domain certificate of example.com.cn"),
    ("unit-domain-certificate-2.jpg", "domain_certificate",
     "单位示例：example.net.cn 域名注册证书 — unit sample: domain certificate of example.net.cn"),
    ("unit-app-icon.jpg", "app_icon",
     "单位 APP 示例：“示例科技工单”的 APP 图标 — unit APP sample: the APP's icon (square, under 100 KB)"),
]


def generate_samples() -> dict[str, bytes]:  # noqa: C901 - one long recipe
    """Draw, finish and encode the shipped sample documents."""
    k = drawing_kit()
    np, Image, ImageDraw, ImageFilter = k.np, k.Image, k.ImageDraw, k.ImageFilter
    font, text, to_u8, card_base, star, emblem, seal = k.font, k.text, k.to_u8, k.card_base, k.star, k.emblem, k.seal

    Box = tuple  # (x0, y0, x1, y1)

    def text_box(xy, s: str, size: int, spacing: float = 0.0, bold: bool = False) -> Box:
        f = font(size)
        sw = max(1, size // 40) if bold else 0
        x, y = xy
        _, top, _, bottom = f.getbbox(s)
        width = sum(f.getlength(ch) + size * spacing for ch in s) - size * spacing if spacing else f.getlength(s)
        return (x - sw, y + top - sw, x + width + sw, y + bottom + sw)

    def key(d, keep: list, xy, s: str, size: int, fill, **kw) -> Box:
        """Draw text the watermark must stay clear of (names, numbers, domains)."""
        text(d, xy, s, size, fill, **kw)
        box = text_box(xy, s, size, kw.get("spacing", 0.0), kw.get("bold", False))
        keep.append(box)
        return box

    def put(d, keep: list, important: bool, xy, s: str, size: int, fill, **kw):
        return key(d, keep, xy, s, size, fill, **kw) if important else text(d, xy, s, size, fill, **kw)

    def paragraph(d, keep: list, x0: int, y: int, width: int, s: str, size: int, fill, lh: int, indent: int = 2) -> int:
        """A justified paragraph (first line indented by `indent` ems): CJK characters break anywhere,
        runs of Latin letters and digits stay whole, closing punctuation may hang at the end of a line
        rather than start the next. The whole block goes into keep; returns the y of the next line."""
        import re

        f = font(size)
        lines: list[list[str]] = [[]]
        used = 0.0
        for t in re.findall(r"[A-Za-z0-9.@_/-]+|.", s):
            avail = width - (indent * size if len(lines) == 1 else 0)
            tw = f.getlength(t)
            if lines[-1] and used + tw > avail and t not in "，。；：、）》”！？":
                lines.append([])
                used = 0
                if t == " ":
                    continue
            lines[-1].append(t)
            used += tw
        top = y
        for i, line in enumerate(lines):
            x = x0 + (indent * size if i == 0 else 0)
            avail = width - (indent * size if i == 0 else 0)
            widths = [f.getlength(t) for t in line]
            natural = sum(widths) - (widths[-1] if line[-1] in "，。；：、）》”！？" else 0)  # a hanging stop
            gap = (avail - natural) / (len(line) - 1) if i < len(lines) - 1 and len(line) > 1 and natural <= avail else 0.0
            if gap > size * 0.3:  # a long unbreakable run moved down: leave the line ragged instead
                gap = 0.0
            for t, tw in zip(line, widths):
                d.text((round(x), y), t, font=f, fill=fill)
                x += tw + gap
            y += lh
        keep.append((x0, top, x0 + width + size, y - lh + size * 1.3))
        return y

    def width_of(s: str, size: int, spacing: float = 0.0) -> float:
        b = text_box((0, 0), s, size, spacing)
        return b[2] - b[0]

    def centred(d, cx: float, y: float, s: str, size: int, fill, spacing: float = 0.0, bold: bool = False):
        text(d, (round(cx - width_of(s, size, spacing) / 2), y), s, size, fill, spacing=spacing, bold=bold)

    def watermark(img, centre, size: int, angle: float, keep: list, colour=(58, 96, 148), alpha: float = 0.30) -> Box:
        """A hollow-framed "样本 SAMPLE" stamp, blended like ink; asserts it stays clear of `keep`."""
        f = font(size)
        tw = round(f.getlength(WATERMARK))
        pad = size // 2
        tile = Image.new("L", (tw + 2 * pad, round(size * 1.9)), 0)
        td = ImageDraw.Draw(tile)
        td.text((pad, round(size * 0.35)), WATERMARK, font=f, fill=255)
        td.rounded_rectangle((2, 2, tile.width - 3, tile.height - 3), radius=size // 3, outline=255, width=max(3, size // 14))
        tile = tile.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
        layer = Image.new("L", img.size, 0)
        layer.paste(tile, (round(centre[0] - tile.width / 2), round(centre[1] - tile.height / 2)))
        box = layer.getbbox()
        for kb in keep:
            m = 8
            apart = box[2] + m <= kb[0] or kb[2] + m <= box[0] or box[3] + m <= kb[1] or kb[3] + m <= box[1]
            assert apart, f"watermark {box} over key text {kb}"
        kk = (np.asarray(layer, float) / 255.0 * alpha)[..., None]
        a = np.asarray(img, float)
        img.paste(Image.fromarray(to_u8(a * (1 - kk) + np.asarray(colour, float) * kk), "RGB"))
        return box

    def seal_with_caption(img, cx: float, cy: float, r: float, ring: str, caption: str):
        """seal() plus a short horizontal caption under the star (the way real seals carry 合同专用章 etc.)."""
        seal(img, cx, cy, r, ring)
        w, h = img.size
        layer = Image.new("L", (w, h), 0)
        size = max(8, round(r * 0.20))
        ImageDraw.Draw(layer).text((round(cx - font(size).getlength(caption) / 2), round(cy + r * 0.36)), caption,
                                   font=font(size), fill=255)
        kk = (np.asarray(layer, float) / 255.0 * 0.82)[..., None]
        a = np.asarray(img, float)
        out = a * (1 - kk) + np.minimum(a, np.array([214, 28, 36], float)) * kk
        img.paste(Image.fromarray(to_u8(out), "RGB"))

    def finish(img, rng, grain: float, chroma: float, blur: float = 0.45, vignette: float = 0.0):
        """Scanner look: slight softness, paper/sensor grain (what gives the JPEG its size), optional vignette."""
        img = img.filter(ImageFilter.GaussianBlur(blur))
        a = np.asarray(img, float)
        h, w = a.shape[:2]
        if vignette:
            yy, xx = np.mgrid[0:h, 0:w]
            r2 = ((xx - w / 2) / (w / 2)) ** 2 + ((yy - h / 2) / (h / 2)) ** 2
            a = a * (1.0 - vignette * r2)[..., None]
        a = a + rng.normal(0.0, grain, (h, w, 1)) + rng.normal(0.0, chroma, (h, w, 3))
        return Image.fromarray(to_u8(a), "RGB")

    def encode(img) -> bytes:
        return k.jpeg(img, quality=SAMPLE_QUALITY)  # Pillow writes no EXIF unless given one

    # ---------------------------------------------------------------- ID cards

    def portrait(w: int, h: int, female: bool):
        """A stylised head-and-shoulders photo (its own tile, so nothing spills over the card)."""
        box = Image.new("RGB", (w, h), (234, 239, 245))
        b = ImageDraw.Draw(box)
        hair, skin, neck = (46, 34, 30), (228, 192, 160), (216, 178, 146)
        clothes = (38, 108, 122) if female else (44, 62, 104)
        if female:
            b.rounded_rectangle((92, 78, 288, 430), radius=90, fill=hair)  # long hair behind the face
        b.ellipse((40, 370, 340, 660), fill=clothes)  # shoulders
        b.polygon([(160, 372), (220, 372), (190, 430)], fill=(236, 236, 232))  # collar
        b.rectangle((163, 300, 217, 380), fill=neck)
        b.ellipse((108, 98, 272, 326), fill=skin)
        if female:
            b.chord((100, 70, 280, 250), 180, 360, fill=hair)
            b.polygon([(104, 160), (150, 110), (120, 250)], fill=hair)
            b.polygon([(276, 160), (230, 110), (260, 250)], fill=hair)
        else:
            b.chord((104, 82, 276, 236), 180, 360, fill=hair)
            b.rectangle((106, 150, 116, 196), fill=hair)
            b.rectangle((264, 150, 274, 196), fill=hair)
        b.ellipse((146, 188, 164, 202), fill=(40, 30, 30))
        b.ellipse((216, 188, 234, 202), fill=(40, 30, 30))
        b.arc((150, 176, 170, 186), 200, 340, fill=hair, width=3)
        b.arc((210, 176, 230, 186), 200, 340, fill=hair, width=3)
        b.line((186, 215, 182, 250), fill=(196, 156, 128), width=3)
        b.line((170, 276, 210, 276), fill=(168, 86, 86), width=5)
        return box

    def id_front(p: dict, rng):
        w, h = CARD_SIZE
        img, d, s = card_base(w, h, (214, 228, 240), (240, 232, 218))
        assert s == 1.0
        for i in range(7):  # faint guilloche (chroma well below 40: a pattern, not a coloured element)
            pts = [(x, 640 + 30 * i + 34 * math.sin(x / 110.0 + i * 0.7)) for x in range(60, 1541, 6)]
            d.line(pts, fill=(200, 216, 230), width=2)
        label, ink = (48, 98, 156), (22, 22, 26)
        keep: list = []
        text(d, (120, 118), "姓名", 40, label)
        key(d, keep, (270, 104), p["name"], 58, ink, bold=True, spacing=0.25)
        text(d, (120, 232), "性别", 40, label)
        key(d, keep, (270, 222), p["sex"], 50, ink)
        text(d, (430, 232), "民族", 40, label)
        key(d, keep, (580, 222), p["nation"], 50, ink)
        text(d, (120, 342), "出生", 40, label)
        yr, mo, dy = p["birth"]
        key(d, keep, (270, 332), f"{yr}  年  {mo}  月  {dy}  日", 50, ink)
        text(d, (120, 452), "住址", 40, label)
        key(d, keep, (270, 442), p["address"], 50, ink)
        text(d, (120, 812), "公民身份号码", 40, label)
        key(d, keep, (430, 796), p["number"], 62, ink, spacing=0.12, bold=True)
        img.paste(portrait(380, 520, p["sex"] == "女"), (1090, 120))
        text(d, (120, 910), "样本 · 非真实证件 · SAMPLE", 28, (128, 150, 172))
        watermark(img, (700, 650), 54, 8, keep)
        return img

    def id_back(p: dict, rng):
        w, h = CARD_SIZE
        img, d, s = card_base(w, h, (226, 236, 228), (242, 234, 218))
        ink = (25, 25, 30)
        keep: list = []
        for i in range(9):  # guilloche
            pts = [(x, 560 + 26 * i + 40 * math.sin(x / 90.0 + i)) for x in range(40, 1561, 8)]
            d.line(pts, fill=(198, 214, 204), width=2)
        emblem(d, 250, 240, 150)
        text(d, (520, 150), "中华人民共和国", 84, ink, spacing=0.18, bold=True)
        text(d, (470, 320), "居民身份证", 120, ink, spacing=0.30, bold=True)
        text(d, (330, 742), "签发机关", 40, ink)
        key(d, keep, (540, 734), p["authority"], 48, ink)
        text(d, (330, 842), "有效期限", 40, ink)
        key(d, keep, (540, 834), p["validity"], 48, ink)
        text(d, (120, 930), "样本 · 非真实证件 · SAMPLE", 28, (140, 160, 150))
        watermark(img, (1230, 560), 54, 8, keep)
        return img

    # ---------------------------------------------------------------- pages

    def licence(rng):
        w, h = PAGE_SIZE
        img = Image.new("RGB", (w, h), (242, 238, 228))
        d = ImageDraw.Draw(img)
        frame, gold, band = (160, 58, 40), (186, 138, 58), (234, 214, 176)
        keep: list = []
        # decorative border: a warm band with two interlaced waves, a rosette in each corner
        o, i_ = 40, 92
        d.rectangle((o, o, w - o, h - o), fill=band)
        d.rectangle((i_, i_, w - i_, h - i_), fill=(242, 238, 228))
        mid = (o + i_) / 2
        amp = (i_ - o) / 2 - 8
        for phase, col in ((0.0, frame), (math.pi, gold)):
            top = [(x, mid + amp * math.sin(x / 18.0 + phase)) for x in range(o + 6, w - o - 5, 3)]
            bot = [(x, h - mid + amp * math.sin(x / 18.0 + phase)) for x in range(o + 6, w - o - 5, 3)]
            lef = [(mid + amp * math.sin(y / 18.0 + phase), y) for y in range(o + 6, h - o - 5, 3)]
            rig = [(w - mid + amp * math.sin(y / 18.0 + phase), y) for y in range(o + 6, h - o - 5, 3)]
            for pts in (top, bot, lef, rig):
                d.line(pts, fill=col, width=3)
        for cx, cy in ((mid, mid), (w - mid, mid), (mid, h - mid), (w - mid, h - mid)):
            d.ellipse((cx - 24, cy - 24, cx + 24, cy + 24), fill=band, outline=frame, width=4)
            star(d, cx, cy, 16, frame)
        d.rectangle((o, o, w - o, h - o), outline=frame, width=4)
        d.rectangle((i_, i_, w - i_, h - i_), outline=frame, width=3)
        d.rectangle((i_ + 10, i_ + 10, w - i_ - 10, h - i_ - 10), outline=gold, width=2)
        ink = (22, 22, 22)
        emblem(d, w / 2, 210, 70)
        centred(d, w / 2, 292, "营业执照", 112, ink, spacing=0.16, bold=True)
        centred(d, w / 2, 432, "（副　本）", 34, ink)
        text(d, (140, 508), "统一社会信用代码", 30, ink)
        key(d, keep, (400, 504), UNIT_CODE, 36, ink, spacing=0.06, bold=True)
        k.qr_block(d, rng, 140, 590)
        text(d, (128, 808), "扫描二维码登录国家企业", 20, (60, 60, 60))
        text(d, (128, 834), "信用信息公示系统", 20, (60, 60, 60))
        fields = [
            ("名　　称", UNIT_NAME, True),
            ("类　　型", "有限责任公司（自然人投资或控股）", False),
            ("法定代表人", "李四", True),
            ("经营范围", "一般项目：软件开发；信息技术咨询", False),
            ("", "服务；技术服务、技术开发、技术咨", False),
            ("", "询、技术交流、技术转让、技术推广。", False),
            ("", "（依法须经批准的项目，经相关部门", False),
            ("", "批准后方可开展经营活动）", False),
            ("注册资本", "人民币壹佰万元整", False),
            ("成立日期", "2018年03月15日", False),
            ("营业期限", "2018年03月15日 至 长期", False),
            ("住　　所", "福州市鼓楼区示例路100号", True),
        ]
        y = 596
        for n, (lab, val, important) in enumerate(fields):
            if lab:
                text(d, (400, y), lab, 30, ink)
            put(d, keep, important, (580, y), val, 30, ink)
            assert text_box((580, y), val, 30)[2] < w - i_ - 20, val
            y += 48 if n + 1 < len(fields) and not fields[n + 1][0] else 64
        text(d, (700, 1418), "登记机关", 34, ink)
        text(d, (760, 1560), "2023 年 08 月 16 日", 34, ink)
        text(d, (128, 1612), "样本 · 非真实证照 · SAMPLE", 24, (130, 120, 110))
        seal_with_caption(img, 940, 1475, 150, "福州市鼓楼区市场监督管理局", "样本")
        watermark(img, (330, 1440), 54, 14, keep)
        return img

    def domain_certificate(rng, domain: str, holder: str, cert_type: str, cert_number: str, registered: str, expires: str):
        w, h = PAGE_SIZE
        img = Image.new("RGB", (w, h), (241, 241, 236))
        d = ImageDraw.Draw(img)
        blue, light, gold = (30, 80, 150), (120, 160, 210), (196, 156, 66)
        keep: list = []
        d.rectangle((36, 36, w - 36, h - 36), outline=blue, width=6)
        d.rectangle((52, 52, w - 52, h - 52), outline=light, width=2)
        # header band: vertical gradient, title in near-white (kept below 250 so it is not "glare")
        top, bottom = 64, 330
        a = np.asarray(img, float)
        t = np.linspace(0.0, 1.0, bottom - top)[:, None, None]
        a[top:bottom, 64:w - 64] = np.asarray((22, 66, 136), float) * (1 - t) + np.asarray((48, 120, 190), float) * t
        img = Image.fromarray(to_u8(a), "RGB")
        d = ImageDraw.Draw(img)
        for i in range(5):  # light waves across the band
            pts = [(x, 270 + 9 * i + 18 * math.sin(x / 60.0 + i * 0.9)) for x in range(64, w - 63, 4)]
            d.line(pts, fill=(70, 132, 196), width=2)
        d.rectangle((64, bottom, w - 64, bottom + 8), fill=gold)
        centred(d, w / 2, 104, "域名注册证书", 86, (236, 240, 246), spacing=0.12, bold=True)
        centred(d, w / 2, 226, "DOMAIN NAME REGISTRATION CERTIFICATE", 28, (204, 220, 240))
        ink, grey = (22, 22, 28), (84, 88, 100)
        text(d, (150, 420), "兹证明下列域名已在本机构注册，注册信息如下：", 32, ink)
        rows = [
            ("域　　名", domain, True),
            ("域名持有者", holder, True),
            ("证件类型", cert_type, False),
            ("证件号码", cert_number, True),
            ("注册日期", registered, False),
            ("到期日期", expires, False),
            ("注册服务机构", REGISTRAR, False),
        ]
        y = 530
        for lab, val, important in rows:
            text(d, (150, y + 6), lab, 32, grey)
            if lab.startswith("域"):
                size, col = (46, blue) if lab == "域　　名" else (38, ink)
            else:
                size, col = 38, ink
            put(d, keep, important, (450, y + (38 - size) // 2), val, size, col, bold=(lab == "域　　名"))
            d.line((150, y + 70, w - 150, y + 70), fill=(206, 212, 222), width=2)
            y += 96
        key(d, keep, (150, y + 20), "本证书仅证明上述域名的注册信息，域名的实际状态请以注册", 26, grey)
        key(d, keep, (150, y + 60), "管理机构的 WHOIS 查询结果为准。", 26, grey)
        key(d, keep, (520, 1420), "颁发机构：" + REGISTRAR, 30, ink)
        key(d, keep, (520, 1480), "颁发日期：" + registered, 30, ink)
        text(d, (150, 1630), "样本 · 非真实证书 · SAMPLE", 24, (130, 134, 146))
        seal_with_caption(img, 970, 1460, 128, "示例注册服务机构", "样本")
        watermark(img, (290, 1490), 50, 14, keep)
        return img

    def authorization(rng):
        w, h = PAGE_SIZE
        img = Image.new("RGB", (w, h), (242, 241, 236))
        d = ImageDraw.Draw(img)
        blue, red, ink = (34, 92, 166), (186, 40, 40), (24, 24, 28)
        keep: list = []
        d.rounded_rectangle((130, 86, 226, 182), radius=18, fill=blue)
        centred(d, 178, 96, "示", 64, (236, 240, 246))
        text(d, (250, 94), UNIT_NAME, 42, blue, spacing=0.06, bold=True)
        text(d, (252, 146), "Fuzhou Example Technology Co., Ltd. (SAMPLE)", 22, (90, 116, 150))
        code = "统一社会信用代码：" + UNIT_CODE
        key(d, keep, (252, 178), code, 20, (90, 116, 150))
        d.line((120, 212, w - 120, 212), fill=blue, width=6)
        d.line((120, 224, w - 120, 224), fill=red, width=2)
        centred(d, w / 2, 290, "授　权　书", 72, ink, bold=True)
        size, lh, left, right = 32, 60, 130, w - 130
        text(d, (left, 430), "致：福建省通信管理局", size, ink)
        y = paragraph(d, keep, left, 510, right - left, "我单位现授权下列人员为我单位网站负责人，代表我单位办理下列网站的"
                      " ICP 备案及相关事宜，并负责网站日常管理和信息安全：", size, ink, lh)
        lx, vx = left + 64, left + 64 + round(width_of("居民身份证号码：", size)) + 12
        y += 12
        for lab, val in (("被授权人姓名：", WEBSITE_REP_ID["name"]), ("居民身份证号码：", WEBSITE_REP_ID["number"])):
            text(d, (lx, y), lab, size, ink)
            key(d, keep, (vx, y), val, size, ink, bold=True)
            y += lh
        text(d, (lx, y), "授权网站：", size, ink)
        for n, (site, dom) in enumerate((("示例科技官网", "example.com.cn"), ("示例科技产品手册", "example.net.cn")), start=1):
            text(d, (vx, y), f"{n}. {site}", size, ink)
            key(d, keep, (vx + 330, y), dom, size, ink, bold=True)
            y += lh
        y = paragraph(d, keep, left, y + 10, right - left, "被授权人在办理上述事宜过程中签署的文件和提交的材料，我单位"
                      "均予以认可。本授权书自签署之日起生效，至上述网站备案办结之日止。", size, ink, lh)
        paragraph(d, keep, left, y, right - left, "特此授权。", size, ink, lh)
        sx, sy = 500, 1220
        key(d, keep, (sx, sy), "授权单位（盖章）：" + UNIT_NAME, 30, ink)
        lab = "法定代表人（签字）："
        key(d, keep, (sx, sy + 100), lab, 30, ink)
        # handwritten-looking signature: the name sheared and slightly rotated, in blue ink
        f = font(66)
        sig = Image.new("L", (260, 120), 0)
        ImageDraw.Draw(sig).text((30, 10), "李四", font=f, fill=255, stroke_width=1, stroke_fill=255)
        sig = sig.transform(sig.size, Image.Transform.AFFINE, (1, 0.35, -20, 0, 1, 0), resample=Image.Resampling.BICUBIC)
        sig = sig.rotate(6, resample=Image.Resampling.BICUBIC)
        sx2 = round(sx + width_of(lab, 30) + 10)
        layer = Image.new("L", img.size, 0)
        layer.paste(sig, (sx2, sy + 70))
        keep.append(layer.getbbox())
        kk = (np.asarray(layer, float) / 255.0 * 0.9)[..., None]
        a = np.asarray(img, float)
        img = Image.fromarray(to_u8(a * (1 - kk) + np.asarray((28, 52, 140), float) * kk), "RGB")
        d = ImageDraw.Draw(img)
        key(d, keep, (sx, sy + 200), "日期：2024年05月20日", 30, ink)
        text(d, (left, 1640), "样本 · 非真实文件 · SAMPLE", 24, (130, 134, 146))
        seal_with_caption(img, 960, 1190, 132, UNIT_NAME, "样本")
        watermark(img, (300, 1500), 54, 14, keep)
        return img

    def app_icon(side: int = 512) -> Image.Image:
        """A store icon: a blue gradient tile with a white work-order sheet and 样本 on it."""
        a = np.zeros((side, side, 3), float)
        t = np.linspace(0.0, 1.0, side)[:, None]
        a[...] = np.asarray((22, 119, 255), float) * (1 - t)[..., None] + np.asarray((12, 64, 170), float) * t[..., None]
        img = Image.fromarray(to_u8(a), "RGB")
        d = ImageDraw.Draw(img)
        paper = (236, 240, 246)
        d.rounded_rectangle((136, 96, 376, 416), radius=28, fill=paper)
        d.rounded_rectangle((200, 72, 312, 124), radius=16, fill=(255, 196, 61))
        for i, y in enumerate((176, 236, 296)):
            d.ellipse((168, y - 12, 192, y + 12), fill=(52, 168, 83) if i < 2 else (160, 170, 186))
            d.rounded_rectangle((212, y - 8, 344, y + 8), radius=8, fill=(120, 136, 160))
        text(d, (196, 336), "样本", 44, (22, 100, 220), bold=True)
        return img

    # ---------------------------------------------------------------- render, finish, encode
    rng_for = lambda seed: np.random.default_rng(seed)  # noqa: E731
    drawings = {
        "personal-id-front.jpg": lambda: finish(id_front(PERSONAL_ID, rng_for(201)), rng_for(301), 3.0, 1.0, vignette=0.04),
        "personal-id-back.jpg": lambda: finish(id_back(PERSONAL_ID, rng_for(202)), rng_for(302), 3.0, 1.0, vignette=0.04),
        "personal-domain-certificate.jpg": lambda: finish(
            domain_certificate(rng_for(203), "example.cn", PERSONAL_ID["name"], "居民身份证", PERSONAL_ID["number"],
                               "2019年05月20日", "2029年05月20日"), rng_for(303), 2.5, 1.0),
        "unit-licence.jpg": lambda: finish(licence(rng_for(204)), rng_for(304), 2.5, 1.0),
        "unit-legal-rep-id-front.jpg": lambda: finish(id_front(LEGAL_REP_ID, rng_for(205)), rng_for(305), 3.0, 1.0, vignette=0.04),
        "unit-legal-rep-id-back.jpg": lambda: finish(id_back(LEGAL_REP_ID, rng_for(206)), rng_for(306), 3.0, 1.0, vignette=0.04),
        "unit-website-rep-id-front.jpg": lambda: finish(id_front(WEBSITE_REP_ID, rng_for(207)), rng_for(307), 3.0, 1.0, vignette=0.04),
        "unit-website-rep-id-back.jpg": lambda: finish(id_back(WEBSITE_REP_ID, rng_for(208)), rng_for(308), 3.0, 1.0, vignette=0.04),
        "unit-authorization.jpg": lambda: finish(authorization(rng_for(209)), rng_for(309), 2.5, 1.0),
        "unit-domain-certificate-1.jpg": lambda: finish(
            domain_certificate(rng_for(210), "example.com.cn", UNIT_NAME, "营业执照", UNIT_CODE,
                               "2018年04月02日", "2028年04月02日"), rng_for(310), 2.5, 1.0),
        "unit-domain-certificate-2.jpg": lambda: finish(
            domain_certificate(rng_for(211), "example.net.cn", UNIT_NAME, "营业执照", UNIT_CODE,
                               "2018年04月02日", "2028年04月02日"), rng_for(311), 2.5, 1.0),
        "unit-app-icon.jpg": lambda: finish(app_icon(), rng_for(312), 1.0, 0.5, blur=0.3),
    }
    assert list(drawings) == [n for n, _, _ in SAMPLES]
    return {name: encode(make()) for name, make in drawings.items()}


def samples_readme(files: dict[str, bytes]) -> str:
    import io

    from PIL import Image

    lines = [
        "# Sample filing documents",
        "",
        "The documents of beian's three sample filings (`assets/samples/sample-personal.ron`, "
        "`sample-unit.ron`, and the APP sample made from the unit one), shown when 打开个人备案示例 / "
        "打开单位备案示例 / 打开单位APP备案示例 is opened.",
        "",
        "Every image is **synthetic**: drawn by `scripts/make-sample-documents.py` (do not edit: change the "
        "script and rerun; `--check` verifies these files against `SHA256SUMS`) with Pillow "
        f"{PILLOW_VERSION}, numpy {NUMPY_VERSION} and `assets/fonts/NotoSansSC-Regular-GB2312.otf`. "
        "People, companies, numbers and seals are fictitious, and every image is marked 样本 / SAMPLE. "
        "The ID numbers and the credit code have valid check characters but identify no one.",
        "",
        f"JPEG quality {SAMPLE_QUALITY}, RGB, no EXIF; ID cards landscape "
        f"{CARD_SIZE[0]}×{CARD_SIZE[1]}, pages portrait A4 {PAGE_SIZE[0]}×{PAGE_SIZE[1]}. `cargo test` "
        "checks that each passes beian's document checks for its kind without a single finding "
        "(`src/services/samples.rs`).",
        "",
        "| file | shows | pixels | bytes |",
        "| --- | --- | --- | ---: |",
    ]
    for name, _kind, what in SAMPLES:
        w, h = Image.open(io.BytesIO(files[name])).size
        lines.append(f"| `{name}` | {what} | {w}×{h} | {len(files[name])} |")
    lines += ["", "Licence: the same as the repository (MIT OR Apache-2.0).", ""]
    return "\n".join(lines)


# --------------------------------------------------------------------------- CASES.md

CASES = [
    ("id-front.jpg", "Synthetic ID card portrait side (人像面) 1600×1010: rounded card on a near-white background, light blue→beige "
     "gradient with a faint wave pattern, labels 姓名 性别 民族 出生 住址 公民身份号码 in blue and fictitious values in black "
     "(number {ID}, valid check digit), stylised head-and-shoulders photo box on the right, slight blur, vignette and "
     "noise σ 1.6, JPEG q85 4:2:0.", "accepted (colour, upright, readable; photo box on the right = front)"),
    ("id-back.jpg", "Emblem side (国徽面) 1600×1010: red emblem-like disc with gold stars top-left, 中华人民共和国 / 居民身份证, "
     "签发机关 北京市公安局东城分局, 有效期限 2020.03.07-2040.03.07, guilloche lines; same finish, JPEG q85.",
     "accepted (red emblem top-left = back; if uploaded in the front slot: flag front/back swapped)"),
    ("id-front-rotated-exif.jpg", "The id-front pixels turned 90° counter-clockwise (stored portrait) with EXIF Orientation=6 "
     "(plus Make/Model/DateTime, no GPS), JPEG q85.", "accepted, orientation applied (shows upright 1600×1010); "
     "normalised copy is stored upright with Orientation removed"),
    ("id-front-sideways.jpg", "The id-front pixels turned 90° clockwise, no EXIF at all, JPEG q85.",
     "flagged: rotated (portrait ID card / text sideways), offer to rotate"),
    ("licence-grey.jpg", "The licence page below converted to greyscale, contrast ×1.15 and toner grain σ 1.5, saved as a "
     "single-channel (mode L) JPEG q80.", "refused: greyscale / photocopy (复印件), colour scan or photo required"),
    ("licence-grey-rgb.jpg", "Extra case: the same greyscale page downscaled to 930×1316 and stored as 3-channel RGB with a "
     "faint warm cast and colour noise σ 0.8 (a phone photo of a photocopy), JPEG q80.", "refused (or at least warned): no colour although RGB"),
    ("licence-colour.png", "Business licence page (营业执照 副本) 1240×1754 (A4 at 150 dpi): cream page, brown-red frame, "
     "emblem, title, 统一社会信用代码 {USCC} (valid check character), QR-like block, fields, red seal with ring text over "
     "登记机关 and the date; clean scan (no noise), 24-bit RGB PNG, optimize, no text chunks.", "accepted"),
    ("tiny.jpg", "id-front downscaled to 160×100 (Lanczos), JPEG q85.", "refused: resolution too low to read the text"),
    ("with-gps.jpg", "Photo of a domain certificate (域名注册证书: domain, holder, certificate type and number) on a desk, "
     "rotated 1.5°, 1600×1200, noise σ 2.2, with EXIF IFD0 Make/Model/Software/DateTime, Exif IFD "
     "DateTimeOriginal/DateTimeDigitized, GPS IFD (lat/long/alt/date), JPEG q85. Kept ≥ 200 KB (Aliyun's minimum for domain "
     "certificates).", "accepted after stripping; the normalised copy has no EXIF (no GPS, no Make/Model)"),
    ("glare.jpg", "Photo of the licence page on a grey desk, 1200×1600, with a saturated white ellipse (semi-axes 300×240 px "
     "at 62 %/40 %) and a soft halo, JPEG q80.", "warning: glare (反光) over part of the document"),
    ("screen-photo.jpg", "id-front shown in an image viewer on a monitor: dark bezel, cool emissive white, vertical RGB "
     "subpixel stripes at 3 px pitch, dark rows every 3 px and a 4°-rotated 3.08 px grating that beats into moiré; "
     "1200×900, 4:2:0, JPEG q75.", "should warn: photo of a screen (隔屏拍摄); beian does not detect it yet and "
     "accepts it (the verdict tests/materials.rs asserts)"),
    ("bomb.png", "Hand-written PNG: IHDR 30000×30000 greyscale, bit depth 1 (so it compresses ~1000:1: 8-bit would be "
     "~870 KB), all-zero rows deflated row-streamed (zlib level 9) into 64 KB IDAT chunks; valid CRCs, complete.",
     "refused before decoding: dimensions / memory limit (decompression bomb)"),
    ("huge-dimensions.png", "Hand-written PNG: IHDR 1000000×1000000 8-bit RGB, one tiny IDAT with an unfinished zlib "
     "stream, IEND; valid CRCs.", "refused from the header: dimensions"),
    ("truncated.jpg", "The first 40 % of id-front.jpg's bytes.", "refused: damaged / incomplete file"),
    ("truncated.png", "licence-colour.png cut in the middle of its IDAT data (no IEND).", "refused: damaged / incomplete file"),
    ("bad-crc.png", "licence-colour.png with one byte of the first IDAT chunk's CRC flipped. NB: Pillow does not check IDAT "
     "CRCs and decodes it; the Rust png crate (0.18) fails with CrcMismatch unless `ignore_crc` is set.", "refused: damaged (checksum)"),
    ("zero.jpg", "Empty file (0 bytes).", "refused: empty file"),
    ("text-named.jpg", "UTF-8 text \"这不是图片 / this is not an image\\n\" named .jpg.", "refused: not an image (content is text)"),
    ("document.pdf", "Minimal PDF 1.4 written by hand: catalog, pages, 2 A4 pages (page 1 one Helvetica line "
     "\"beian sample document - page 1 of 2\", page 2 blank), Info with Title/Producer only (no dates), exact xref.",
     "accepted where PDFs are allowed (page count 2); refused in jpg/png-only slots"),
    ("id-card.webp", "id-front (before JPEG) saved as lossy WebP q80, method 4.",
     "converted to JPEG/PNG, or refused as an unsupported format (the app's image crate is built without WebP)"),
    ("gif-animated.gif", "Two-frame 400×252 palette GIF (a tiny card; a red dot appears in frame 2), 500 ms, loop.",
     "refused: format not allowed (animated GIF)"),
]


def cases_md(files: dict[str, bytes], facts: dict[str, str]) -> str:
    lines = [
        "# Sample document files",
        "",
        "Generated by `scripts/make-sample-documents.py` (do not edit: change the script and rerun; "
        "`--check` verifies these files against `SHA256SUMS`). "
        f"Pillow {PILLOW_VERSION}, numpy {NUMPY_VERSION}, font `assets/fonts/NotoSansSC-Regular-GB2312.otf`. "
        "Everything shown is fictitious and marked 测试样本 / SAMPLE. Requirements: `rules.md` §5.2–5.4.",
        "",
        "| file | bytes | how it was made | expected verdict |",
        "| --- | ---: | --- | --- |",
    ]
    for name, how, verdict in CASES:
        how = how.replace("{ID}", ID_NUMBER).replace("{USCC}", CREDIT_CODE)
        fact = facts.get(name)
        if fact:
            how += f" *Measured:* {fact}."
        lines.append(f"| `{name}` | {len(files[name])} | {how} | {verdict} |")
    lines += [
        "",
        "## Not committed: `oversized.jpg`",
        "",
        "A 4000×3000 colour document photo saved as JPEG quality 98 with sensor noise is larger than 4 MB "
        "(the `--oversized` variant below is about 7.5 MB), too big for the repository. Tests make it at run time instead, e.g. with the `image` crate: "
        "a 4000×3000 RGB buffer filled with a document-like pattern plus per-pixel noise from a seeded RNG "
        "(amplitude ±8 or more), encoded by `JpegEncoder::new_with_quality(_, 98)`; assert the result is > 4 MiB, then "
        "expect: **refused as too large, or offered normalisation** (downscale and re-encode to meet the slot's "
        "limit, e.g. ≤ 4 MB, while keeping ≥ the minimum resolution). For a pure byte-size check a committed JPEG "
        "can also be padded after its EOI marker. `python3 scripts/make-sample-documents.py --oversized PATH` "
        "writes the Python variant (id-front on a desk, noise σ 7) outside the repository.",
        "",
        "## Notes",
        "",
        "- `document-encrypted.pdf` was left out on purpose.",
        "- Sizes: every file < 300 KB; JPEGs of the accepted cases are 50–500 KB (CNNIC's advice); "
        "`with-gps.jpg` is ≥ 200 KB because Aliyun asks 200 KB–4 MB for domain certificates.",
        "- The sample ID number and credit code pass `check_resident_id` / `check_uscc`.",
        "",
    ]
    return "\n".join(lines)


def publish(out: Path, all_files: dict[str, bytes], check: bool) -> bool:
    """Write all_files and their SHA256SUMS to out (removing files listed there before that are
    no longer made), or with check compare them with what is there; False on a mismatch."""
    sums = "".join(f"{sha256(all_files[n])}  {n}\n" for n in sorted(all_files))
    total = sum(len(d) for d in all_files.values()) + len(sums)
    for n in sorted(all_files):
        print(f"{sha256(all_files[n])}  {n}  ({len(all_files[n])} bytes)")
    print(f"total {total} bytes in {len(all_files) + 1} files for {out}")
    if check:
        sums_path = out / "SHA256SUMS"
        if not sums_path.is_file() or sums_path.read_text(encoding="utf-8") != sums:
            print("MISMATCH with " + str(sums_path), file=sys.stderr)
            return False
        for n in all_files:
            if not (out / n).is_file() or (out / n).read_bytes() != all_files[n]:
                print(f"MISMATCH: {out / n}", file=sys.stderr)
                return False
        print(f"check: identical ({out})")
        return True
    out.mkdir(parents=True, exist_ok=True)
    old = out / "SHA256SUMS"
    if old.exists():  # remove files this script made before and no longer makes
        for line in old.read_text(encoding="utf-8").splitlines():
            n = line.split("  ", 1)[-1]
            if n and n not in all_files and "/" not in n and (out / n).is_file():
                (out / n).unlink()
    for n, data in all_files.items():
        (out / n).write_bytes(data)
    (out / "SHA256SUMS").write_text(sums, encoding="utf-8")
    print(f"wrote {out}")
    return True


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=str(OUT_DEFAULT), help="output folder (default tests/data/documents)")
    ap.add_argument("--samples", action="store_true",
                    help="only the documents of the shipped sample filings (default: test files and samples)")
    ap.add_argument("--samples-out", default=str(SAMPLES_OUT_DEFAULT),
                    help="output folder of the shipped samples (default assets/samples/documents)")
    ap.add_argument("--check", action="store_true", help="regenerate in memory and compare with the SHA256SUMS of each folder")
    ap.add_argument("--venv", help="create/reuse the virtual environment here instead of a temporary one")
    ap.add_argument("--oversized", help="also write the >4 MB 4000×3000 JPEG to this path (outside tests/data)")
    args = ap.parse_args()
    if os.environ.get(IN_VENV_MARKER) != "1":
        return bootstrap(args)
    if args.samples and args.oversized:
        ap.error("--oversized belongs to the test files, not to --samples")

    ok = True
    if not args.samples:
        result = generate(Path(args.oversized).resolve() if args.oversized else None)
        files, facts = result["files"], result["facts"]
        cases = cases_md(files, facts)
        ok = publish(Path(args.out).resolve(), dict(files, **{"CASES.md": cases.encode("utf-8")}), args.check) and ok

    files = generate_samples()
    assert list(files) == [n for n, _, _ in SAMPLES], sorted(files)
    readme = samples_readme(files)
    ok = publish(Path(args.samples_out).resolve(), dict(files, **{"README.md": readme.encode("utf-8")}), args.check) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
