#!/usr/bin/env python3
"""Make the face test frames in assets/samples/faces/ for the photo pre-checks.

Run through scripts/make-face-samples.sh, which installs the pinned packages
below into a throwaway venv. Deterministic: fixed seeds, pinned library
versions (the JPEG encoder is the libjpeg-turbo inside the Pillow wheel), no
timestamps; a second run writes byte-identical files.

    python3 scripts/make-face-samples.py           write the frames, print sha256s
    python3 scripts/make-face-samples.py --check   regenerate in memory and compare

Source photograph: skimage.data.astronaut() from the scikit-image wheel, the
NASA portrait of astronaut Eileen Collins (public domain; see CASES.md). The
person is cut out with a hand-tuned mask -- a head ellipse plus a body polygon
traced along the spacesuit and helmet ring, refined at the edges by
skimage.segmentation.random_walker in a band a few pixels wide -- and
composited, scaled/shifted/rotated, onto synthetic backgrounds, 640x480 RGB,
JPEG quality 92, no EXIF.

The face box used for the measured values in CASES.md is the box that
BlazeFace (front 128 model, onnxruntime) finds on the source photo, mapped
through the same transform as the pixels; scripts/make-face-reference.py runs
the real detectors on the written frames.
"""
from __future__ import annotations

import argparse
import io
import math
import sys
from pathlib import Path

import assetlib
from assetlib import sha256

PINS = {
    "numpy": "2.4.6",
    "pillow": "13.0.0",
    "scikit-image": "0.26.0",
    "scipy": "1.17.1",
}
SCRIPT = assetlib.Script("make-face-samples.py")
assetlib.check_pins(SCRIPT, PINS, "run scripts/make-face-samples.sh (installs the pins into a temporary venv)")

import numpy as np  # noqa: E402
import skimage  # noqa: E402
import skimage.color  # noqa: E402
import skimage.data  # noqa: E402
import skimage.segmentation  # noqa: E402
from PIL import Image, ImageDraw, ImageFilter  # noqa: E402
from scipy import ndimage as ndi  # noqa: E402

W, H = 640, 480
JPEG_QUALITY = 92
MAX_JPEG_BYTES = 80_000
ASTRONAUT_SHA256 = "88431cd9653ccd539741b555fb0a46b61558b301d4110412b5bc28b5e3ea6cb5"

# BlazeFace front-128 detection on the 512x512 source (onnxruntime 1.32.0,
# input = whole photo resized to 128x128, [-1,1]): score 0.921.
SRC_FACE_BOX = (179.2, 81.9, 273.8, 176.5)  # x0, y0, x1, y1
SRC_FACE_C = ((SRC_FACE_BOX[0] + SRC_FACE_BOX[2]) / 2, (SRC_FACE_BOX[1] + SRC_FACE_BOX[3]) / 2)
SRC_FACE_H = SRC_FACE_BOX[3] - SRC_FACE_BOX[1]
# Pupil centres read off the source at 4x zoom (image-left eye, image-right eye).
SRC_EYES = ((205.0, 102.0), (245.0, 103.0))

# Hand-traced outlines in source pixels. BODY follows the outer edge of the
# helmet ring and the suit; its lower right edge follows the helmet lying in
# front of the suit. HEAD_OUT bounds the hair generously; the hair edge itself
# is found by the random walker.
BODY = [
    (185, 146), (165, 147), (150, 150), (138, 156), (130, 162), (124, 170), (120, 180),
    (112, 188), (112, 200), (108, 210), (96, 216), (86, 224), (78, 230), (65, 240),
    (57, 250), (51, 260), (46, 270), (43, 280), (40, 290), (38, 300), (35, 310),
    (33, 320), (31, 330), (27, 380), (22, 430), (18, 512),
    (282, 512), (285, 400), (300, 360), (330, 345), (362, 342), (360, 330), (357, 320),
    (354, 300), (352, 290), (348, 280), (343, 270), (337, 260), (328, 250), (318, 241),
    (308, 237), (302, 232), (298, 220), (292, 207), (285, 197), (277, 188), (267, 180),
    (257, 174), (256, 146),
]
HEAD_OUT = [
    (226, 6), (262, 9), (292, 24), (308, 50), (312, 85), (306, 118), (292, 134), (272, 146),
    (262, 152), (188, 152), (176, 138), (156, 126), (147, 100), (152, 60), (176, 26), (200, 12),
]
HEAD_IN = [((226, 88), (64, 66)), ((226, 130), (38, 40))]  # ellipses: centre, radii

# Synthetic backgrounds and noise
WHITE = 246.0  # a white wall as a webcam sees it: bright, not clipped
NOISE_SIGMA = 1.0  # sensor-like noise added to every frame
# How far above the face box top the hair reaches, in box heights, for the
# background region (this person's hair: about 0.72).
HAIR_MARGIN = 0.8


# ---------------------------------------------------------------- cut-out

def _poly(pts, size) -> np.ndarray:
    m = Image.new("L", size, 0)
    ImageDraw.Draw(m).polygon(pts, fill=255)
    return np.asarray(m) > 0


def _ellipse(c, r, size) -> np.ndarray:
    m = Image.new("L", size, 0)
    ImageDraw.Draw(m).ellipse((c[0] - r[0], c[1] - r[1], c[0] + r[0], c[1] + r[1]), fill=255)
    return np.asarray(m) > 0


def load_source() -> tuple[np.ndarray, np.ndarray]:
    """Return the source photo (float RGB, 0..255) and its person alpha (0..1)."""
    png = Path(skimage.data.__file__).parent / "astronaut.png"
    assetlib.verify_sha256(SCRIPT, str(png), png.read_bytes(), ASTRONAUT_SHA256)
    src = skimage.data.astronaut()
    h, w = src.shape[:2]
    size = (w, h)
    body = _poly(BODY, size)
    head_in = np.zeros((h, w), bool)
    for c, r in HEAD_IN:
        head_in |= _ellipse(c, r, size)
    head_out = _poly(HEAD_OUT, size)
    # Hair: random walker between the inner ellipses (and the body) as
    # foreground seeds and everything outside HEAD_OUT and the body as background.
    labels = np.zeros((h, w), np.int32)
    labels[~(head_out | body)] = 2
    labels[head_in | body] = 1
    prob = skimage.segmentation.random_walker(
        skimage.color.rgb2lab(src), labels, beta=3000, mode="bf",
        channel_axis=-1, return_full_prob=True)[0]
    # Body (below HEAD_OUT): the traced polygon pulled in by 2 px (the photo's
    # soft edges carry flag/backdrop colours). Then the whole mask is pulled in
    # by one more pixel and feathered.
    hard = ((prob > 0.5) & head_out) | ndi.binary_erosion(body, iterations=2)
    hard = ndi.binary_erosion(hard, iterations=1)
    alpha = ndi.gaussian_filter(hard.astype(np.float64), 0.9)
    # Fade out the bottom rows so no frame shows the photo's lower edge as a cut.
    ys = np.arange(h, dtype=np.float64)[:, None]
    alpha *= np.clip((505.0 - ys) / 60.0, 0.0, 1.0)
    return src.astype(np.float64), np.clip(alpha, 0.0, 1.0)


# ---------------------------------------------------------------- geometry

class Placement:
    """Source -> frame similarity transform: the source face centre lands on
    (cx, cy), scaled by s and rotated by deg (positive = clockwise on screen)."""

    def __init__(self, s: float, cx: float, cy: float, deg: float = 0.0, mirror: bool = False):
        self.s, self.cx, self.cy, self.deg, self.mirror = s, cx, cy, deg, mirror

    def to_frame(self, x: float, y: float) -> tuple[float, float]:
        dx, dy = x - SRC_FACE_C[0], y - SRC_FACE_C[1]
        if self.mirror:
            dx = -dx
        a = math.radians(self.deg)
        rx = dx * math.cos(a) - dy * math.sin(a)
        ry = dx * math.sin(a) + dy * math.cos(a)
        return self.cx + self.s * rx, self.cy + self.s * ry

    def inverse_coeffs(self) -> tuple[float, ...]:
        """PIL AFFINE coefficients (frame -> source)."""
        a = math.radians(self.deg)
        c, sn = math.cos(a) / self.s, math.sin(a) / self.s
        m = -1.0 if self.mirror else 1.0
        # source = C + M * R(-a) / s * (p - f)
        ax, bx = m * c, m * sn
        ay, by = -sn, c
        return (ax, bx, SRC_FACE_C[0] - ax * self.cx - bx * self.cy,
                ay, by, SRC_FACE_C[1] - ay * self.cx - by * self.cy)

    def face_box(self) -> tuple[float, float, float, float]:
        """Axis-aligned box of the mapped source face box (square for deg=0)."""
        x0, y0, x1, y1 = SRC_FACE_BOX
        pts = [self.to_frame(x, y) for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))]
        if self.deg:
            # A detector box stays about face-sized under roll: keep the size,
            # move the centre.
            fx, fy = self.to_frame(*SRC_FACE_C)
            half = self.s * SRC_FACE_H / 2
            return fx - half, fy - half, fx + half, fy + half
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        return min(xs), min(ys), max(xs), max(ys)

    def eyes(self):
        return [self.to_frame(*e) for e in SRC_EYES]


def warp(src: np.ndarray, alpha: np.ndarray, pl: Placement) -> tuple[np.ndarray, np.ndarray]:
    """Person layer in frame coordinates: (RGB float, alpha float)."""
    coeffs = pl.inverse_coeffs()
    rgb = np.zeros((H, W, 3))
    for ch in range(3):
        im = Image.fromarray(src[..., ch].astype(np.float32), mode="F")
        rgb[..., ch] = np.asarray(im.transform((W, H), Image.Transform.AFFINE, coeffs,
                                               resample=Image.Resampling.BICUBIC, fillcolor=0.0))
    a = Image.fromarray(alpha.astype(np.float32), mode="F")
    a = np.asarray(a.transform((W, H), Image.Transform.AFFINE, coeffs,
                               resample=Image.Resampling.BILINEAR, fillcolor=0.0))
    return np.clip(rgb, 0, 255), np.clip(a, 0, 1).astype(np.float64)


def over(bg: np.ndarray, layer: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    rgb, a = layer
    return rgb * a[..., None] + bg * (1 - a[..., None])


# ---------------------------------------------------------------- backgrounds

def bg_flat(value) -> np.ndarray:
    return np.broadcast_to(np.asarray(value, np.float64), (H, W, 3)).copy()


def bg_gradient(left: float, right: float) -> np.ndarray:
    row = np.linspace(left, right, W)
    return np.repeat(np.repeat(row[None, :, None], H, 0), 3, 2)


def add_noise(img: np.ndarray, seed: int, sigma: float = NOISE_SIGMA) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return img + rng.normal(0.0, sigma, img.shape)


def to_u8(img: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(img), 0, 255).astype(np.uint8)


def encode_jpeg(img: np.ndarray) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(to_u8(img), "RGB").save(buf, "JPEG", quality=JPEG_QUALITY, optimize=True,
                                           subsampling="4:2:0")
    return buf.getvalue()


# ---------------------------------------------------------------- measurements

def luma(rgb: np.ndarray) -> np.ndarray:
    return 0.299 * rgb[..., 0] + 0.587 * rgb[..., 1] + 0.114 * rgb[..., 2]


def measure(rgb_u8: np.ndarray, box, eyes) -> dict:
    """The pre-check statistics, computed the way CASES.md describes."""
    rgb = rgb_u8.astype(np.float64)
    y = luma(rgb)
    out: dict = {}
    x0, y0, x1, y1 = box
    bw, bh = x1 - x0, y1 - y0
    out["box_h_frac"] = bh / H
    out["centre_off"] = abs((x0 + x1) / 2 - W / 2) / W
    if eyes:
        (ax, ay), (bx, by) = eyes
        out["roll_deg"] = math.degrees(math.atan2(by - ay, bx - ax))
        out["eye_dist_px"] = math.hypot(bx - ax, by - ay)
    # Background: every 2nd pixel in rows above the face box's vertical centre,
    # outside the widened head box (1.8 x box width, from HAIR_MARGIN box
    # heights above the box top down).
    yy, xx = np.mgrid[0:H:2, 0:W:2]
    bottom = min(H, (y0 + y1) / 2)
    head = (np.abs(xx - (x0 + x1) / 2) <= 0.9 * bw) & (yy >= y0 - HAIR_MARGIN * bh)
    sel = (yy < bottom) & ~head
    n = int(sel.sum())
    out["bg_pixels"] = n * 4
    if n >= 500:
        ys = y[0:H:2, 0:W:2][sel]
        out["bg_mean"] = float(ys.mean())
        out["bg_std"] = float(ys.std())
        cells = []
        for r in range(2):
            for c in range(3):
                m = sel & (yy >= r * bottom / 2) & (yy < (r + 1) * bottom / 2) \
                    & (xx >= c * W / 3) & (xx < (c + 1) * W / 3)
                if m.sum() >= 200:
                    cells.append(y[0:H:2, 0:W:2][m].mean())
        out["bg_cell_spread"] = float(max(cells) - min(cells)) if len(cells) >= 2 else None
        sub = rgb[0:H:2, 0:W:2][sel]
        r_, g_, b_ = sub[:, 0].mean(), sub[:, 1].mean(), sub[:, 2].mean()
        yb = 0.299 * r_ + 0.587 * g_ + 0.114 * b_
        cb = 128 + 0.564 * (b_ - yb)
        cr = 128 + 0.713 * (r_ - yb)
        out["bg_cast"] = float(abs(cb - 128) + abs(cr - 128))
    # Face box, clipped to the frame.
    fx0, fy0 = max(0, int(round(x0))), max(0, int(round(y0)))
    fx1, fy1 = min(W, int(round(x1))), min(H, int(round(y1)))
    if fx1 - fx0 >= 8 and fy1 - fy0 >= 8:
        f = y[fy0:fy1, fx0:fx1]
        out["face_mean"] = float(f.mean())
        out["face_clip"] = float(((f <= 5) | (f >= 250)).mean())
        mid = (fx1 - fx0) // 2
        left, right = f[:, :mid].mean(), f[:, mid:].mean()
        out["face_lr"] = float(max(left, right) / max(min(left, right), 1e-6))
        # Skin core: the ellipse inscribed in the central 70 % x 84 % of the box
        # (keeps hair and background corners out).
        gy, gx = np.mgrid[fy0:fy1, fx0:fx1]
        core = (((gx + 0.5 - (x0 + x1) / 2) / (0.35 * bw)) ** 2
                + ((gy + 0.5 - (y0 + y1) / 2) / (0.42 * bh)) ** 2) <= 1
        if core.sum() >= 50:
            out["core_mean"] = float(f[core].mean())
        lap = (-4 * f[1:-1, 1:-1] + f[:-2, 1:-1] + f[2:, 1:-1] + f[1:-1, :-2] + f[1:-1, 2:])
        out["lap_var"] = float(lap.var())
        out["lap_var_norm"] = float(lap.var() / max(f.var(), 1e-6))
    return out


# ---------------------------------------------------------------- cases

GOOD = dict(s=1.62, cx=320.0, cy=215.0)  # face box 153 px = 0.32 of the height


def gain_for_face_mean(img: np.ndarray, box, target: float, gamma: bool) -> float:
    """Bisection for a gamma (gamma=True) or a linear gain with clipping that
    brings the skin-core mean luma (see measure) to target."""

    def core_mean(p):
        return measure(to_u8(adjust(img, p, gamma)), box, None)["core_mean"]

    lo, hi = (1.0, 16.0) if gamma else (1.0, 4.0)
    for _ in range(40):
        mid = (lo + hi) / 2
        if (core_mean(mid) > target) == gamma:
            lo = mid
        else:
            hi = mid
    return round((lo + hi) / 2, 3)


def adjust(img: np.ndarray, p: float, gamma: bool) -> np.ndarray:
    if gamma:
        return 255.0 * (np.clip(img, 0, 255) / 255.0) ** p
    return np.clip(img * p, 0, 255)


def build_cases(src, alpha):
    """Yield (name, image float, placement or None, description, expected verdict)."""
    white = bg_flat(WHITE)
    good_pl = Placement(**GOOD)
    person = warp(src, alpha, good_pl)
    good = over(white, person)

    yield ("good.jpg", add_noise(good, 1), good_pl,
           "person centred, face box 0.32 of the height, eyes level, on flat white (246) with sensor noise (sigma 1)",
           "`pass`")

    p = gain_for_face_mean(good, good_pl.face_box(), 40.0, gamma=True)
    yield ("too-dark.jpg", add_noise(adjust(good, p, True), 2), good_pl,
           f"good.jpg with the whole frame gamma-darkened (out = 255*(in/255)^{p}), skin-core mean luma about 40",
           "`fail: face_not_dark` (the gamma darkens the white background too)")

    p = gain_for_face_mean(good, good_pl.face_box(), 238.0, gamma=False)
    yield ("too-bright.jpg", add_noise(adjust(good, p, False), 3), good_pl,
           f"good.jpg with a linear gain x{p} and clipping, skin-core mean luma about 238",
           "`fail: face_not_bright` (also clipped)")

    yield ("dark-background.jpg", add_noise(over(bg_flat(90.0), person), 4), good_pl,
           "same person and placement on a flat mid/dark grey (90) background",
           "`fail: background_white`")

    yield ("uneven-background.jpg", add_noise(over(bg_gradient(255.0, 120.0), person), 5), good_pl,
           "same person on a background with a left-to-right ramp 255 -> 120",
           "`fail: background_white` (also uneven: `background_even`)")

    yellow = bg_flat((250.0, 236.0, 170.0))
    yield ("colour-cast.jpg", add_noise(over(yellow, person), 6), good_pl,
           "same person on a yellow-tinted background (RGB 250,236,170)",
           "`fail: background_neutral` (colour cast)")

    pl = Placement(s=GOOD["s"], cx=150.0, cy=GOOD["cy"])
    yield ("off-centre.jpg", add_noise(over(white, warp(src, alpha, pl)), 7), pl,
           "good size, face centre moved to x = 150 (left third)",
           "`fail: centred_x`")

    pl = Placement(s=0.56, cx=320.0, cy=262.0)
    yield ("too-small.jpg", add_noise(over(white, warp(src, alpha, pl)), 8), pl,
           "person scaled down, face box about 0.11 of the height (53 px), centred",
           "`fail: too_far` (face too small; expect only the back-256 model to find it)")

    pl = Placement(s=4.06, cx=320.0, cy=182.0)
    yield ("too-close.jpg", add_noise(over(white, warp(src, alpha, pl)), 9), pl,
           "face box about 0.80 of the height (384 px), top of the head cut off by the frame edge; "
           "upscaled 4x from the source, so also soft",
           "`fail: too_close` (no background left to measure)")

    back_pl = Placement(s=0.72, cx=548.0, cy=205.0, mirror=True)
    two = over(over(white, warp(src, alpha, back_pl)), person)
    yield ("two-faces.jpg", add_noise(two, 10), good_pl,
           "good.jpg plus a second, mirrored copy of the same person behind, face box 68 px "
           "(0.14 of the height) centred at (548, 205)",
           "`fail: face_count` (the back-256 model finds both faces; the main face alone passes framing)")

    wall = bg_flat(248.0) + bg_gradient(-2.0, 2.0)
    yield ("no-face.jpg", add_noise(wall, 11, sigma=1.5), None,
           "empty white wall (248, a 4-level left-right shading) with sensor noise (sigma 1.5)",
           "`fail: face_count` (no face found)")

    blurred = np.asarray(Image.fromarray(to_u8(good)).filter(ImageFilter.GaussianBlur(6)),
                         np.float64)
    yield ("blurred.jpg", add_noise(blurred, 12), good_pl,
           "good.jpg (before noise) with Pillow GaussianBlur(radius 6)",
           "`fail: sharp`")

    pl = Placement(s=GOOD["s"], cx=GOOD["cx"], cy=GOOD["cy"], deg=15.0)
    yield ("tilted.jpg", add_noise(over(white, warp(src, alpha, pl)), 13), pl,
           "good placement, the person rotated 15 deg clockwise about the face centre",
           "`fail: level` (head tilted)")

    # Side light: darken the person's layer towards the image-left side of the
    # face (a smooth step across the face centre), background untouched.
    x0, _, x1, _ = good_pl.face_box()
    xs = np.arange(W, dtype=np.float64)
    t = np.clip((xs - (x0 + x1) / 2) / (0.25 * (x1 - x0)) * 0.5 + 0.5, 0, 1)
    shade = 0.35 + 0.65 * (t * t * (3 - 2 * t))
    lit = (person[0] * shade[None, :, None], person[1])
    yield ("side-light.jpg", add_noise(over(white, lit), 14), good_pl,
           "good.jpg with the person (not the background) darkened to 35 % on the image-left side, "
           "smooth step across the face centre",
           "`fail: even_light` (side light)")


# Frames of the sequence that are expected to pass: the face centre is within 0.08 of the
# width from frame 5 on (tests/vision.rs asserts every frame's verdict).
SEQUENCE_FIRST_PASS = 5


def sequence_expected(i: int) -> str:
    return "`pass`" if i >= SEQUENCE_FIRST_PASS else "`fail: centred_x`"


def sequence(src, alpha):
    """10 frames: the person walks from off-centre (x 120, smaller) into the
    good position, reaching it at frame 7; frames 8 and 9 hold still."""
    white = bg_flat(WHITE)
    for i in range(10):
        t = min(1.0, i / 7.0)
        e = t * t * (3 - 2 * t)
        pl = Placement(s=1.30 + (GOOD["s"] - 1.30) * e, cx=120.0 + (GOOD["cx"] - 120.0) * e,
                       cy=240.0 + (GOOD["cy"] - 240.0) * e)
        yield f"sequence/{i:03d}.jpg", add_noise(over(white, warp(src, alpha, pl)), 100 + i), pl


# ---------------------------------------------------------------- output

def fmt(v, nd=1):
    return "n/a" if v is None else f"{v:.{nd}f}"


def cases_md(rows, seq_rows) -> str:
    lines = [
        "# Face test frames",
        "",
        "Written by `scripts/make-face-samples.py` (run `scripts/make-face-samples.sh`); do not",
        "edit by hand. 640x480 RGB JPEG, quality 92, 4:2:0, no EXIF; deterministic (fixed",
        "seeds, pinned numpy " + PINS["numpy"] + ", Pillow " + PINS["pillow"] + ", scikit-image "
        + PINS["scikit-image"] + ", scipy " + PINS["scipy"] + ").",
        "",
        "## Source photograph and licence",
        "",
        "All people in these frames come from one photograph: `skimage.data.astronaut()`",
        f"(`skimage/data/astronaut.png` in the scikit-image {PINS['scikit-image']} wheel, 512x512,",
        f"sha256 `{ASTRONAUT_SHA256}`), a portrait of NASA",
        "astronaut Eileen Collins from the NASA Great Images database. scikit-image's docstring:",
        "\"No known copyright restrictions, released into the public domain.\" (a work of the",
        "US government). The backgrounds and all edits are synthetic (made by the script).",
        "",
        "Other scikit-image data images with a face, not used: `camera.png` (cameraman, 3/4",
        "view, greyscale; \"No copyright restrictions. CC0 by the photographer (Lav",
        "Varshney)\") and `lfw_subset.npy` (100 face crops of 25x25 px from Labeled Faces in",
        "the Wild, news photographs without a licence statement -- avoid). The other bundled",
        "images (coffee, chelsea, rocket, ...) show no human face.",
        "",
        "## How the values below are measured",
        "",
        "- face box: the BlazeFace front-128 box of the source photo",
        f"  ({', '.join(f'{v:.1f}' for v in SRC_FACE_BOX)}) mapped through the frame's transform",
        "  (for the tilted frame: same size, moved centre); `h` = box height / 480;",
        "  `off` = |box centre x - 320| / 640; `roll` from the two pupil centres read off the",
        "  source (205,102) and (245,103), mapped the same way. The detectors' own results",
        "  are in `reference-detections.json`.",
        "- background (`bg`): BT.601 luma of every 2nd pixel in the rows above the face box's",
        "  vertical centre, outside the widened head box (1.8 x box width, from",
        f"  {HAIR_MARGIN} box heights above the box top downwards -- the notes say 0.6, but this",
        "  person's hair reaches 0.72 box heights above the box); `mean`/`std`; `cells` = max - min of the",
        "  mean over 3x2 cells of that region; `cast` = |Cb-128| + |Cr-128| of its mean colour.",
        "- face: luma inside the face box: `mean`; `core` = mean over the ellipse inscribed",
        "  in the central 70 % x 84 % of the box (skin only: no hair or background corners;",
        "  the exposure targets of too-dark/too-bright use it); `clip` = share of pixels <= 5 or >= 250,",
        "  `L/R` = brighter / darker half, `lap` = variance of the 4-neighbour Laplacian and",
        "  `lap/var` = the same divided by the face luma variance (contrast-normalised).",
        "- These values describe what the script drew, to help choose each case; they are not",
        "  beian's measurements (beian measures around the face its detector finds; `beian",
        "  precheck --json FRAME` prints its values) and decide nothing here.",
        "- Expected verdict: `pass`, or `fail: CHECK` with the first check that fails, by",
        "  beian's check keys; the limits are in `assets/data/precheck_limits.ron`.",
        "  `tests/vision.rs` runs beian's pre-checks on every frame listed here and asserts",
        "  this verdict, so a frame whose verdict changes fails `cargo test`.",
        "",
        "## Frames",
        "",
        "| file | bytes | what was done | expected verdict "
        "| h | off | roll | bg mean / std / cells / cast | face mean / core / clip / L/R | lap / lap/var |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, nbytes, desc, expected, m in rows:
        geo = f"{fmt(m.get('box_h_frac'), 2)} | {fmt(m.get('centre_off'), 3)} | {fmt(m.get('roll_deg'))}"
        clip = 100 * m["face_clip"] if "face_clip" in m else None
        face = (f"{fmt(m.get('face_mean'))} / {fmt(m.get('core_mean'))} / {fmt(clip)} % / "
                f"{fmt(m.get('face_lr'), 2)}")
        lap = f"{fmt(m.get('lap_var'), 0)} / {fmt(m.get('lap_var_norm'), 3)}"
        bg = (f"{fmt(m.get('bg_mean'))} / {fmt(m.get('bg_std'))} / "
              f"{fmt(m.get('bg_cell_spread'))} / {fmt(m.get('bg_cast'))}")
        lines.append(f"| `{name}` | {nbytes} | {desc} | {expected} | {geo} | {bg} | {face} | {lap} |")
    lines += [
        "",
        "For `no-face.jpg` the background values are over the whole frame (no face box).",
        "",
        "## sequence/ (file-backed fake camera)",
        "",
        "Ten frames of the person moving from off-centre (face centre x 120, box 0.26 of the",
        "height) into the `good.jpg` position (reached at frame 007; 008 and 009 hold still,",
        "only the sensor noise differs). Expected: the live gate fails \"not centred\" at the",
        f"start and passes from frame {SEQUENCE_FIRST_PASS:03d} on.",
        "",
        "| file | bytes | face centre x | h | off | expected verdict |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for i, (name, nbytes, pl, m) in enumerate(seq_rows):
        x0, _, x1, _ = pl.face_box()
        lines.append(f"| `{name}` | {nbytes} | {(x0 + x1) / 2:.0f} | {m['box_h_frac']:.2f} | "
                     f"{m['centre_off']:.3f} | {sequence_expected(i)} |")
    lines.append("")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="compare with the files on disk, write nothing")
    ap.add_argument("--out", default=None, help="output folder (default assets/samples/faces)")
    args = ap.parse_args()
    repo = Path(__file__).resolve().parent.parent
    out = Path(args.out) if args.out else repo / "assets" / "samples" / "faces"

    src, alpha = load_source()
    files: dict[str, bytes] = {}
    rows, seq_rows = [], []
    for name, img, pl, desc, expected in build_cases(src, alpha):
        data = encode_jpeg(img)
        files[name] = data
        decoded = np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))
        if pl is None:
            # No face: the whole frame is background.
            m = measure(decoded, (0, H, W, H), None)
            m = {k: v for k, v in m.items() if k.startswith("bg_")}
        else:
            m = measure(decoded, pl.face_box(), pl.eyes())
        rows.append((name, len(data), desc, expected, m))
    for name, img, pl in sequence(src, alpha):
        data = encode_jpeg(img)
        files[name] = data
        decoded = np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))
        seq_rows.append((name, len(data), pl, measure(decoded, pl.face_box(), pl.eyes())))

    md = cases_md(rows, seq_rows)
    files["CASES.md"] = md.encode()
    sums = "".join(f"{sha256(files[n])}  {n}\n" for n in sorted(files) if n.endswith(".jpg"))
    files["SHA256SUMS"] = sums.encode()

    status = 0
    for name in sorted(files):
        data = files[name]
        if name.endswith(".jpg") and len(data) > MAX_JPEG_BYTES:
            print(f"make-face-samples.py: {name} is {len(data)} bytes (> {MAX_JPEG_BYTES})", file=sys.stderr)
            status = 1
        path = out / name
        if args.check:
            same = path.is_file() and path.read_bytes() == data
            print(f"{'OK  ' if same else 'DIFF'} {sha256(data)}  {len(data):6d}  {name}")
            status |= 0 if same else 1
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not (path.is_file() and path.read_bytes() == data):
                path.write_bytes(data)
            print(f"{sha256(data)}  {len(data):6d}  {name}")
    return status


if __name__ == "__main__":
    sys.exit(main())
