#!/usr/bin/env python3
"""Reference timing and output for beian's text recognition, with ONNX Runtime.

Runs the same PP-OCRv5 models (assets/models/ocr/) through the same pipeline as
src/vision/ocr/ -- detector input with the long side at 896 px in multiples of 32,
BGR with ImageNet mean/deviation; threshold 0.3, 8-connected components of at least
10 px with mean probability 0.6, principal-axis boxes unclipped by 1.5; the reading
direction from the orientation classifier on the 3 largest lines; the first line of
every row, then the rest of the rows not begun by an unwanted label (Scope::Fields); crops 48 px high,
batched by similar width (at most 8, widths within 1.35x) -- on one thread, and prints the median times and
the recognised lines. Not a test dependency: for comparing with
`RTEN_NUM_THREADS=1 cargo bench --bench ocr`.

    python3 -m venv venv && venv/bin/pip install onnxruntime==1.32.0 numpy==2.4.6 \\
        pillow==13.0.0 scipy==1.17.1
    venv/bin/python scripts/ocr-reference.py tests/data/ocr/bench-licence-2000x1400.jpg [RUNS]
"""
from __future__ import annotations

import math
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import onnxruntime as ort
from PIL import Image
from scipy import ndimage

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "assets/models/ocr"


def session(name: str) -> ort.InferenceSession:
    o = ort.SessionOptions()
    o.intra_op_num_threads = 1
    o.inter_op_num_threads = 1
    o.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    return ort.InferenceSession(str(MODELS / name), o, providers=["CPUExecutionProvider"])


def det_input(img: Image.Image) -> tuple[np.ndarray, tuple[int, int]]:
    w, h = img.size
    s = 896 / max(w, h)
    dw, dh = (max(1, round(w * s / 32)) * 32, max(1, round(h * s / 32)) * 32)
    a = np.asarray(img.resize((dw, dh), Image.BILINEAR), np.float32)[..., ::-1] / 255.0
    a = (a - [0.485, 0.456, 0.406]) / [0.229, 0.224, 0.225]
    return a.transpose(2, 0, 1)[None].astype(np.float32), (dw, dh)


def boxes(prob: np.ndarray, scale: tuple[float, float]) -> list[tuple]:
    labels, n = ndimage.label(prob >= 0.3, structure=np.ones((3, 3)))
    out = []
    for idx, sl in enumerate(ndimage.find_objects(labels), start=1):
        ys, xs = np.nonzero(labels[sl] == idx)
        if len(xs) < 10 or prob[sl][ys, xs].mean() < 0.6:
            continue
        px = (xs + sl[1].start + 0.5) * scale[0]
        py = (ys + sl[0].start + 0.5) * scale[1]
        mx, my = px.mean(), py.mean()
        dx, dy = px - mx, py - my
        ang = 0.5 * math.atan2(2 * (dx * dy).sum(), (dx * dx).sum() - (dy * dy).sum())
        u = np.array([math.cos(ang), math.sin(ang)])
        v = np.array([-u[1], u[0]])
        a, b = dx * u[0] + dy * u[1], dx * v[0] + dy * v[1]
        cell = (scale[0] + scale[1]) / 2
        ln, th = a.max() - a.min() + cell, b.max() - b.min() + cell
        if th < 2 * cell:
            continue
        c = np.array([mx, my]) + u * (a.max() + a.min()) / 2 + v * (b.max() + b.min()) / 2
        d = ln * th * 1.5 / (2 * (ln + th))
        if ln >= th:
            L, T, axis = ln + 2 * d, th + 2 * d, u
        else:
            L, T, axis = th + 2 * d, ln + 2 * d, v
        if T >= 8:
            out.append((c, axis, L, T))
    return out


def sample(img: np.ndarray, box, direction, w: int, h: int) -> np.ndarray:
    """The box's pixels along `direction`, w x h, BGR planes, 0..255."""
    c, axis, L, T = box
    dot = axis @ direction
    u = direction if abs(dot) < 0.5 else (axis if dot > 0 else -axis)
    v = np.array([-u[1], u[0]])
    fa = ((np.arange(w) + 0.5) / w - 0.5) * L
    fb = ((np.arange(h) + 0.5) / h - 0.5) * T
    x = c[0] + u[0] * fa[None, :] + v[0] * fb[:, None] - 0.5
    y = c[1] + u[1] * fa[None, :] + v[1] * fb[:, None] - 0.5
    coords = np.stack([y, x])
    return np.stack([ndimage.map_coordinates(img[..., k], coords, order=1, mode="nearest") for k in (2, 1, 0)])


def crop(img: np.ndarray, box, direction, w: int) -> np.ndarray:
    return (sample(img, box, direction, w, 48) / 127.5 - 1.0).astype(np.float32)


def orientation(cls, img, bxs, axis):
    """The text direction: along `axis` or against it, by the classifier on the 3 largest lines."""
    probes = [b for b in bxs if b[2] / max(b[3], 1) >= 1.5] or bxs
    probes = sorted(probes, key=lambda b: -b[2] * b[3])[:3]
    if not probes:
        return axis
    mean = np.array([0.485, 0.456, 0.406])[:, None, None]
    std = np.array([0.229, 0.224, 0.225])[:, None, None]
    x = np.stack([((sample(img, b, axis, 160, 80) / 255.0 - mean) / std) for b in probes]).astype(np.float32)
    p = cls.run(None, {cls.get_inputs()[0].name: x})[0].sum(0)
    return -axis if p[1] > p[0] else axis


# rules::reading::label_kind
WANTED = ("法定代表人", "负责人", "经营者", "姓名", "名称", "住址", "住所", "有效期限", "营业期限")
UNWANTED = ("类型", "注册资本", "成立日期", "登记机关", "经营范围", "组成形式", "注册号", "性别", "民族", "出生", "签发机关")


def label_kind(text: str) -> str:
    t = "".join(text.split())
    if not t:
        return "none"
    if any(k in t for k in ("身份", "号码", "信用", "代码")) or t.startswith(WANTED):
        return "wanted"
    return "unwanted" if t.startswith(UNWANTED) else "none"


def upright(box, direction):
    c, axis, L, T = box
    u = axis if axis @ direction >= 0 else -axis
    v = np.array([-u[1], u[0]])
    pts = [c + u * a * L / 2 + v * b * T / 2 for a, b in ((-1, -1), (1, -1), (1, 1), (-1, 1))]
    down = np.array([-direction[1], direction[0]])
    xs = [p @ direction for p in pts]
    ys = [p @ down for p in pts]
    return min(xs), min(ys), max(xs), max(ys)


def row_roots(frames):
    """As vision::ocr::row_roots: for each box, the first box of its row (follow the
    nearest box to the left on the same row, overlapping by half the thinner line's
    height, until there is none)."""
    left_of = []
    for i, me in enumerate(frames):
        h = max(me[3] - me[1], 1.0)
        best = None
        for j, o in enumerate(frames):
            overlap = min(me[3], o[3]) - max(me[1], o[1])
            if (j != i and overlap > 0.5 * min(h, o[3] - o[1]) and o[2] <= me[0] + 0.5 * h
                    and o[0] < me[0]):
                if best is None or me[0] - o[2] < me[0] - frames[best][2]:
                    best = j
        left_of.append(best)
    roots = []
    for i in range(len(frames)):
        k = i
        for _ in range(len(frames)):
            if left_of[k] is None:
                break
            k = left_of[k]
        roots.append(k)
    return roots


def recognise_fields(rec, img, bxs, direction, keys):
    """As Scope::Fields: the first line of every row, then the rest of each row
    unless the row's first line is an unwanted label."""
    roots = row_roots([upright(b, direction) for b in bxs])
    first = [i for i in range(len(bxs)) if roots[i] == i]
    rest = [i for i in range(len(bxs)) if roots[i] != i]
    texts = recognise(rec, img, [bxs[i] for i in first], direction, keys)
    unwanted = {i for i, (t, _) in zip(first, texts) if label_kind(t) == "unwanted"}
    taken = [i for i in rest if roots[i] not in unwanted]
    return texts + recognise(rec, img, [bxs[i] for i in taken], direction, keys)


def width(box) -> int:
    w = max(16, round(48 * box[2] / max(box[3], 1)))
    return min(-(-w // 8) * 8, 1280)


def recognise(rec, img, bxs, direction, keys):
    ws = [width(b) for b in bxs]
    order = sorted(range(len(bxs)), key=lambda i: ws[i])
    batches = []
    for i in order:
        if batches and len(batches[-1]) < 8 and ws[i] <= max(ws[batches[-1][0]], 1) * 1.35:
            batches[-1].append(i)
        else:
            batches.append([i])
    out = [("", [])] * len(bxs)
    for batch in batches:
        stride = max(ws[i] for i in batch)
        x = np.zeros((len(batch), 3, 48, stride), np.float32)
        for k, i in enumerate(batch):
            x[k, :, :, : ws[i]] = crop(img, bxs[i], direction, ws[i])
        probs = rec.run(None, {rec.get_inputs()[0].name: x})[0]
        frames = probs.shape[1]
        for k, i in enumerate(batch):
            own = min(frames, -(-frames * ws[i] // stride))
            best = probs[k, :own].argmax(1)
            p = probs[k, :own].max(1)
            text, conf, prev = "", [], 0
            for b, q in zip(best, p):
                if b != 0 and b != prev:
                    text += keys[b]
                    conf.append(float(q))
                prev = b
            out[i] = (text, conf)
    return out


def dominant(bxs):
    c = s = 0.0
    for _, axis, L, T in bxs:
        if L / max(T, 1) >= 1.8:
            a = math.atan2(axis[1], axis[0])
            c += L * T * math.cos(2 * a)
            s += L * T * math.sin(2 * a)
    a = 0.5 * math.atan2(s, c)
    u = np.array([math.cos(a), math.sin(a)])
    return -u if u[0] < -1e-6 or (abs(u[0]) <= 1e-6 and u[1] < 0) else u


def main() -> int:
    path = Path(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    keys = (MODELS / "ppocr_keys_v5.txt").read_text(encoding="utf-8").split("\n")
    keys = [""] + keys[1:]
    det, rec = session("ppocrv5_det.onnx"), session("ppocrv5_rec.onnx")
    cls = session("ppocrv5_cls.onnx")
    pil = Image.open(path).convert("RGB")
    img = np.asarray(pil, np.float32)
    times = {"detection": [], "whole read": []}
    for r in range(runs + 1):
        t0 = time.perf_counter()
        x, (dw, dh) = det_input(pil)
        prob = det.run(None, {det.get_inputs()[0].name: x})[0][0, 0]
        bxs = boxes(prob, (pil.width / prob.shape[1], pil.height / prob.shape[0]))
        t1 = time.perf_counter()
        direction = orientation(cls, img, bxs, dominant(bxs))
        texts = recognise_fields(rec, img, bxs, direction, keys)
        t2 = time.perf_counter()
        if r > 0:  # the first run warms up
            times["detection"].append(t1 - t0)
            times["whole read"].append(t2 - t0)
    print(f"onnxruntime {ort.__version__}, 1 thread, {path.name} {pil.width}x{pil.height}, det {dw}x{dh}, "
          f"{len(bxs)} lines, median of {runs}")
    for k, v in times.items():
        print(f"  {k}: {statistics.median(v) * 1000:.0f} ms (min {min(v) * 1000:.0f})")
    for t, _ in texts:
        print(f"  | {t}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
