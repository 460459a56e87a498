#!/usr/bin/env python3
"""Make the text-recognition test images in tests/data/ocr/.

Synthetic resident ID card fronts and backs and business licences, rendered with the
shipped CJK font (assets/fonts/NotoSansSC-Regular-GB2312.otf) with known, valid
numbers and names, then photographed-looking variants at graded levels: rotation and
perspective, blur, JPEG noise, uneven light, glare and low resolution. The truth of
every image is written to tests/data/ocr/truth.json, which tests/ocr.rs reads.

Deterministic (fixed seeds, pinned Pillow and numpy); needs Python 3.11 with
pillow==13.0.0 and numpy==2.4.6 (e.g. in a venv):

    python3 scripts/make-ocr-samples.py            write tests/data/ocr/
    python3 scripts/make-ocr-samples.py --bench    also the 2000x1400 benchmark photo

Every name, number and address is invented; the numbers are made valid (check
characters per GB 11643, GB 32100 and, inside the credit code, GB 11714; region codes
from assets/data/divisions.ron).
"""
from __future__ import annotations

import argparse
import io
import json
import math
import random
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

PINS = {"numpy": "2.4.6", "PIL": "13.0.0"}
ROOT = Path(__file__).resolve().parent.parent
FONT = ROOT / "assets/fonts/NotoSansSC-Regular-GB2312.otf"
OUT = ROOT / "tests/data/ocr"

RIC_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
RIC_CHECK = "10X98765432"
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

REGIONS = [
    ("110105", "北京市朝阳区建国路88号院3号楼1201室"),
    ("310104", "上海市徐汇区漕溪北路398号"),
    ("440305", "广东省深圳市南山区科技园南路15号"),
    ("350102", "福建省福州市鼓楼区五四路128号"),
    ("330106", "浙江省杭州市西湖区文三路90号"),
    ("510107", "四川省成都市武侯区人民南路四段12号"),
]
PEOPLE = ["张伟", "李娜", "王芳", "刘洋", "陈静", "杨磊"]
COMPANIES = ["福州云帆科技有限公司", "杭州青石网络有限公司", "深圳明远信息技术有限公司",
             "上海星河数据服务有限公司", "成都锦程软件有限公司", "北京长风文化传媒有限公司"]


def ric(region: str, rnd: random.Random) -> tuple[str, str]:
    y, m, d = rnd.randint(1955, 2004), rnd.randint(1, 12), rnd.randint(1, 28)
    body = f"{region}{y:04d}{m:02d}{d:02d}{rnd.randint(0, 999):03d}"
    s = sum(int(c) * w for c, w in zip(body, RIC_WEIGHTS))
    return body + RIC_CHECK[s % 11], f"{y} 年 {m} 月 {d} 日"


ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def org_check(body: str) -> str:
    """GB 11714 check character of an 8-character organisation code body."""
    n = 11 - sum(int(c, 36) * w for c, w in zip(body, ORG_WEIGHTS)) % 11
    return {10: "X", 11: "0"}.get(n, str(n))


def uscc(region: str, rnd: random.Random) -> str:
    # 9 (registrar: market regulation) 1 (kind: enterprise), region, then an
    # organisation code with its own GB 11714 check character, as real codes have;
    # letters include the confusable B, D and L on purpose. Seven characters are drawn
    # (the seventh gives way to the check character) so the other draws stay as they were.
    drawn = "".join(rnd.choice("0123456789BDL") for _ in range(7))
    org = "MA" + drawn[:6] + org_check("MA" + drawn[:6])
    body = "91" + region + org
    s = sum(USCC_ALPHABET.index(c) * w for c, w in zip(body, USCC_WEIGHTS))
    return body + USCC_ALPHABET[(31 - s % 31) % 31]


def font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT), size)


def background(w: int, h: int, rnd: random.Random, tint: tuple[int, int, int]) -> Image.Image:
    """A pale gradient with guilloche-like curves, as security print."""
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    base = np.zeros((h, w, 3), np.float32)
    for c in range(3):
        base[..., c] = 236 + 14 * np.sin(x / w * math.pi + c) * np.cos(y / h * math.pi)
        base[..., c] = base[..., c] * 0.55 + tint[c] * 0.45
    img = Image.fromarray(np.clip(base, 0, 255).astype(np.uint8))
    d = ImageDraw.Draw(img)
    for k in range(14):
        phase = rnd.random() * 6.28
        pts = [(t, h / 2 + h * 0.35 * math.sin(t / w * 6.28 * 2 + phase + k * 0.4)) for t in range(0, w, 6)]
        d.line(pts, fill=tuple(max(0, v - 28) for v in tint), width=1)
    return img


def id_front(rnd: random.Random, i: int) -> tuple[Image.Image, dict]:
    region, address = REGIONS[i % len(REGIONS)]
    number, birth = ric(region, rnd)
    name = PEOPLE[i % len(PEOPLE)]
    w, h = 960, 606
    img = background(w, h, rnd, (225, 235, 240))
    d = ImageDraw.Draw(img)
    lab, val, num = font(28), font(34), font(40)
    grey, black = (70, 110, 140), (20, 20, 20)
    d.text((60, 60), "姓名", font=lab, fill=grey)
    d.text((160, 54), name, font=val, fill=black)
    d.text((60, 130), "性别", font=lab, fill=grey)
    d.text((160, 126), "男" if int(number[16]) % 2 else "女", font=val, fill=black)
    d.text((300, 130), "民族", font=lab, fill=grey)
    d.text((400, 126), "汉", font=val, fill=black)
    d.text((60, 200), "出生", font=lab, fill=grey)
    d.text((160, 196), birth, font=val, fill=black)
    d.text((60, 270), "住址", font=lab, fill=grey)
    d.text((160, 266), address[:13], font=val, fill=black)
    if address[13:]:
        d.text((160, 316), address[13:], font=val, fill=black)
    d.text((60, 500), "公民身份号码", font=lab, fill=grey)
    d.text((290, 492), number, font=num, fill=black)
    d.rectangle((650, 90, 900, 400), fill=(205, 215, 225), outline=(170, 180, 190))
    d.ellipse((710, 140, 840, 290), fill=(180, 190, 200))
    return img, {"kind": "id_front", "number": number, "name": name, "address": address}


def id_back(rnd: random.Random, i: int) -> tuple[Image.Image, dict]:
    w, h = 960, 606
    img = background(w, h, rnd, (235, 230, 225))
    d = ImageDraw.Draw(img)
    y0 = rnd.randint(2012, 2020)
    m, dd = rnd.randint(1, 12), rnd.randint(1, 28)
    validity = f"{y0}.{m:02d}.{dd:02d}-{y0 + 20}.{m:02d}.{dd:02d}"
    d.ellipse((60, 50, 200, 190), outline=(180, 40, 40), width=6)
    d.text((260, 60), "中华人民共和国", font=font(52), fill=(20, 20, 20))
    d.text((300, 150), "居民身份证", font=font(64), fill=(20, 20, 20))
    d.text((120, 400), "签发机关", font=font(28), fill=(70, 110, 140))
    d.text((260, 394), "某某市公安局某某分局", font=font(34), fill=(20, 20, 20))
    d.text((120, 470), "有效期限", font=font(28), fill=(70, 110, 140))
    d.text((260, 464), validity, font=font(34), fill=(20, 20, 20))
    return img, {"kind": "id_back", "validity": validity}


def licence(rnd: random.Random, i: int) -> tuple[Image.Image, dict]:
    region, address = REGIONS[(i + 3) % len(REGIONS)]
    code = uscc(region, rnd)
    name = COMPANIES[i % len(COMPANIES)]
    boss = PEOPLE[(i + 2) % len(PEOPLE)]
    w, h = 1400, 1000
    img = background(w, h, rnd, (240, 236, 228))
    d = ImageDraw.Draw(img)
    red, black = (190, 30, 30), (25, 25, 25)
    d.rectangle((20, 20, w - 20, h - 20), outline=red, width=8)
    d.text((70, 80), "统一社会信用代码", font=font(30), fill=black)
    d.text((70, 124), code, font=font(38), fill=black)
    d.text((520, 90), "营业执照", font=font(110), fill=red)
    d.rectangle((1180, 70, 1320, 210), outline=black, width=3)
    rows = [("名称", name), ("类型", "有限责任公司（自然人投资或控股）"), ("法定代表人", boss),
            ("注册资本", "壹佰万元整"), ("成立日期", "2019年06月18日"), ("营业期限", "长期"),
            ("住所", address)]
    y = 330
    for label, value in rows:
        d.text((110, y), label, font=font(32), fill=black)
        d.text((330, y), value, font=font(32), fill=black)
        y += 74
    d.text((880, 870), "登记机关", font=font(30), fill=black)
    return img, {"kind": "licence", "number": code, "name": name, "address": address,
                 "legal_representative": boss}


LEVELS = {
    # rotation deg, perspective, blur radius, jpeg quality, light depth, glare, scale
    "clean": (0.0, 0.0, 0.0, 92, 0.0, 0.0, 1.0),
    "mild": (3.0, 0.02, 0.6, 70, 0.15, 0.0, 1.0),
    "moderate": (7.0, 0.05, 1.1, 45, 0.3, 0.35, 0.8),
    "severe": (12.0, 0.08, 1.6, 28, 0.45, 0.6, 0.6),
    # Beyond what a careful photo gives: to show that what cannot be read is not guessed.
    "extreme": (15.0, 0.1, 2.6, 15, 0.55, 0.85, 0.4),
}


def photograph(doc: Image.Image, level: str, rnd: random.Random, turn: int = 0,
               size: tuple[int, int] | None = None) -> Image.Image:
    rot, persp, blur, _q, light, glare, scale = LEVELS[level]
    w, h = doc.size
    if level == "clean" and turn == 0 and size is None:
        return doc
    # The document on a table, with a margin, rotated and in perspective.
    margin = int(0.08 * max(w, h))
    cw, ch = w + 2 * margin, h + 2 * margin
    table = Image.new("RGB", (cw, ch), (96, 84, 70))
    table.paste(doc, (margin, margin))
    angle = rnd.uniform(-rot, rot)
    table = table.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=(96, 84, 70))
    if persp > 0:
        j = lambda: rnd.uniform(-persp, persp)  # noqa: E731
        src = [(j() * cw, j() * ch), (cw + j() * cw, j() * ch), (cw + j() * cw, ch + j() * ch), (j() * cw, ch + j() * ch)]
        coeffs = perspective_coeffs([(0, 0), (cw, 0), (cw, ch), (0, ch)], src)
        table = table.transform((cw, ch), Image.PERSPECTIVE, coeffs, Image.BICUBIC, fillcolor=(96, 84, 70))
    a = np.asarray(table).astype(np.float32)
    yy, xx = np.mgrid[0:ch, 0:cw].astype(np.float32)
    if light > 0:
        gx, gy = rnd.uniform(-1, 1), rnd.uniform(-1, 1)
        g = (xx / cw - 0.5) * gx + (yy / ch - 0.5) * gy
        a *= (1.0 - light * (0.5 + g))[..., None]
    if glare > 0:
        cx, cy = rnd.uniform(0.3, 0.7) * cw, rnd.uniform(0.3, 0.7) * ch
        r = 0.12 * max(cw, ch)
        spot = np.exp(-(((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * r * r)))
        a = a + glare * 255 * spot[..., None]
    img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    if blur > 0:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    if size is not None:
        img = img.resize(size, Image.LANCZOS)
    elif scale != 1.0:
        img = img.resize((int(cw * scale), int(ch * scale)), Image.LANCZOS)
    if turn:
        img = img.rotate(turn, expand=True)
    return img


def perspective_coeffs(dst, src):
    """PIL's 8 coefficients mapping output (dst) points to input (src) points."""
    m = []
    for (x, y), (u, v) in zip(dst, src):
        m.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        m.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    b = np.array([c for p in src for c in p], np.float64)
    return np.linalg.solve(np.array(m, np.float64), b).tolist()


def jpeg(img: Image.Image, quality: int) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality, optimize=True)
    return buf.getvalue()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", action="store_true")
    args = ap.parse_args()
    import PIL
    for mod, want in (("numpy", np.__version__), ("PIL", PIL.__version__)):
        if want != PINS[mod]:
            print(f"warning: {mod} {want}, pinned {PINS[mod]}; output may differ", file=sys.stderr)
    OUT.mkdir(parents=True, exist_ok=True)
    truth = []
    makers = [("id_front", id_front, 2), ("id_back", id_back, 1), ("licence", licence, 2)]
    for level in LEVELS:
        for kind, make, count in makers:
            for i in range(count):
                seed = f"{level}-{kind}-{i}"
                rnd = random.Random(seed)
                doc, t = make(random.Random(f"{kind}-{i}"), i)
                img = photograph(doc, level, rnd)
                name = f"{level}-{kind}-{i}.jpg"
                (OUT / name).write_bytes(jpeg(img, LEVELS[level][3]))
                truth.append({"file": name, "level": level, **t})
    # Quarter turns: the mild photo turned by 90, 180 and 270 degrees.
    for turn, (kind, make) in zip((90, 180, 270), ((("id_front", id_front)), ("licence", licence), ("id_front", id_front))):
        doc, t = make(random.Random(f"{kind}-0"), 0)
        img = photograph(doc, "mild", random.Random(f"turn-{turn}"), turn=turn)
        name = f"turned{turn}-{kind}-0.jpg"
        (OUT / name).write_bytes(jpeg(img, LEVELS["mild"][3]))
        truth.append({"file": name, "level": "turned", **t})
    if args.bench:
        doc, t = licence(random.Random("licence-0"), 0)
        img = photograph(doc, "mild", random.Random("bench"), size=(2000, 1400))
        (OUT / "bench-licence-2000x1400.jpg").write_bytes(jpeg(img, 85))
        truth.append({"file": "bench-licence-2000x1400.jpg", "level": "bench", **t})
    (OUT / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    total = sum(p.stat().st_size for p in OUT.iterdir())
    print(f"wrote {len(truth)} images to {OUT.relative_to(ROOT)} ({total} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
