#!/usr/bin/env python3
"""Run the BlazeFace ONNX models with onnxruntime on the face test frames and
write assets/samples/faces/reference-detections.json, the reference for the
Rust detector (pre-processing, anchor decoding, weighted NMS).

Run through scripts/make-face-samples.sh (pinned packages in a throwaway venv;
models from scripts/fetch-models.sh).

    python3 scripts/make-face-reference.py           write the JSON
    python3 scripts/make-face-reference.py --check   compare with the file on disk

What is done for each frame and model (S = 128 front, 256 back), in two
pre-processing variants:
  1. decode the JPEG (Pillow), then
     "letterbox" (recommended, as MediaPipe does): paste the 640x480 frame
     centred on a black 640x640 square (80 px bands top and bottom), or
     "stretch" (as keijiro's Unity package and the first prototype did):
     use the frame as it is; then resize to SxS with Pillow BILINEAR
     (antialiased triangle filter, like image::imageops::resize with
     FilterType::Triangle);
  2. x = rgb / 127.5 - 1, NHWC [1,S,S,3] float32, input "input:0";
  3. one thread (intra_op = inter_op = 1), outputs Identity:0 .. Identity_3:0;
  4. decode 896 anchors (16x16x2 then 8x8x6, centre (i+0.5)/cells), sigmoid
     of the clamped logit, keep score >= 0.5, weighted NMS with IoU >= 0.3;
  5. map normalised coordinates to frame pixels: letterbox x*640, y*640 - 80;
     stretch x*640, y*480. BlazeFace predicts square boxes in its input, so
     with "stretch" boxes come out 4/3 too wide in frame pixels (keypoints are
     unaffected); with "letterbox" they are square. Faces are smaller in the
     letterboxed input, so scores of small faces drop for the front model.
Numbers are rounded (pixels to 0.1, scores to 1e-4): compare with tolerances
(a different JPEG decoder or resize filter moves boxes by a pixel or two and
scores by about 0.01).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import assetlib
from assetlib import sha256

PINS = {"numpy": "2.4.6", "pillow": "13.0.0", "onnxruntime": "1.32.0"}
SCRIPT = assetlib.Script("make-face-reference.py")
assetlib.check_pins(SCRIPT, PINS, "run scripts/make-face-samples.sh (installs the pins into a temporary venv)")

import numpy as np  # noqa: E402
import onnxruntime as ort  # noqa: E402
from PIL import Image  # noqa: E402

MODELS = {
    "front_128": ("face_detection_front_128x128.onnx", 128,
                  "d388b1cf8a5f6f1af2b3f4c14f6d0f138bab970cd618cccd12dddb7484e82e51"),
    "back_256": ("face_detection_back_256x256.onnx", 256,
                 "427cbbe0fc41448d09e1dc9cfabe2423d997cf2faaeab91fadd09a510b63b8e2"),
}
MIN_SCORE = 0.5
# The score from which beian counts a detection as a face: read from beian's own table,
# not copied, so the reference counts faces as beian does.
GATE = assetlib.read_table(SCRIPT, "precheck_limits.ron")["min_face_score"]
IOU = 0.3
KEYPOINTS = ["eye_image_left", "eye_image_right", "nose_tip", "mouth",
             "ear_image_left", "ear_image_right"]


def anchors() -> np.ndarray:
    a = []
    for cells, per_cell in ((16, 2), (8, 6)):
        for y in range(cells):
            for x in range(cells):
                a.extend([((x + 0.5) / cells, (y + 0.5) / cells)] * per_cell)
    return np.asarray(a, np.float64)


ANCHORS = anchors()


def session(path: Path) -> ort.InferenceSession:
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    so.inter_op_num_threads = 1
    so.log_severity_level = 3  # the models carry a few unused initializers (warnings)
    return ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])


def square(img: Image.Image, letterbox: bool):
    """Model canvas and the map from normalised canvas coords to frame pixels."""
    w, h = img.size
    if not letterbox:
        return img, (w, h, 0.0, 0.0)
    side = max(w, h)
    canvas = Image.new("RGB", (side, side), (0, 0, 0))
    canvas.paste(img, ((side - w) // 2, (side - h) // 2))
    return canvas, (side, side, (side - w) // 2, (side - h) // 2)


def prepare(img: Image.Image, size: int) -> np.ndarray:
    x = np.asarray(img.resize((size, size), Image.Resampling.BILINEAR), np.float32)
    return (x / 127.5 - 1.0)[None]


def raw_outputs(sess, x):
    o = sess.run(["Identity:0", "Identity_1:0", "Identity_2:0", "Identity_3:0"], {"input:0": x})
    logits = np.concatenate([o[0][0, :, 0], o[1][0, :, 0]]).astype(np.float64)
    regs = np.concatenate([o[2][0], o[3][0]]).astype(np.float64)
    return logits, regs


def decode(logits, regs, size):
    scores = 1.0 / (1.0 + np.exp(-np.clip(logits, -100.0, 100.0)))
    dets = []
    for i in np.nonzero(scores >= MIN_SCORE)[0]:
        r = regs[i] / size
        cx, cy = ANCHORS[i] + r[0:2]
        w, h = r[2], r[3]
        kps = [ANCHORS[i] + r[4 + 2 * k:6 + 2 * k] for k in range(6)]
        dets.append({"score": float(scores[i]), "anchor": int(i),
                     "box": np.array([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2]),
                     "kps": np.array(kps)})
    return scores, dets


def iou(a, b) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def weighted_nms(dets):
    """MediaPipe WEIGHTED non-max suppression: take the best remaining
    detection, average it with every remaining one overlapping it by
    IoU >= 0.3 (weights = scores), keep the best score."""
    rest = sorted(dets, key=lambda d: (-d["score"], d["anchor"]))
    out = []
    while rest:
        top = rest[0]
        group = [d for d in rest if iou(top["box"], d["box"]) >= IOU]
        rest = [d for d in rest if iou(top["box"], d["box"]) < IOU]
        wsum = sum(d["score"] for d in group)
        out.append({
            "score": top["score"], "anchor": top["anchor"], "merged": len(group),
            "box": sum(d["box"] * d["score"] for d in group) / wsum,
            "kps": sum(d["kps"] * d["score"] for d in group) / wsum,
        })
    return out


def px(v, scale, offset):
    return round(float(v) * scale - offset, 1)


def run(repo: Path) -> dict:
    faces = repo / "assets" / "samples" / "faces"
    models = repo / "assets" / "models"
    sessions = {}
    for key, (fname, size, digest) in MODELS.items():
        path = models / fname
        if not path.is_file():
            sys.exit(f"make-face-reference.py: {path} missing: run scripts/fetch-models.sh")
        assetlib.verify_sha256(SCRIPT, str(path), path.read_bytes(), digest)
        sessions[key] = (session(path), size)

    frames = sorted(p.relative_to(faces).as_posix() for p in faces.rglob("*.jpg"))
    result = {
        "about": "BlazeFace reference detections (onnxruntime) on the frames in this folder; "
                 "written by scripts/make-face-reference.py",
        "onnxruntime": ort.__version__,
        "preprocess": {
            "letterbox": "keys front_128 / back_256 (recommended): Pillow decode -> RGB -> frame centred "
                         "on a black 640x640 canvas (80 px bands top and bottom) -> resize to SxS "
                         "(Pillow BILINEAR, antialiased) -> x/127.5-1 -> NHWC [1,S,S,3] float32 'input:0'; "
                         "pixel = (x*640, y*640-80)",
            "stretch": "keys front_128_stretch / back_256_stretch: as above without the canvas "
                       "(whole 640x480 frame resized to SxS); pixel = (x*640, y*480); "
                       "boxes are then 4/3 too wide, keypoints are fine",
        },
        "anchors": "896: 16x16 cells x 2 (outputs Identity:0 / Identity_2:0), then 8x8 cells x 6 "
                   "(Identity_1:0 / Identity_3:0); row-major cells, centre ((x+0.5)/cells, (y+0.5)/cells)",
        "decode": "score = sigmoid(clamp(logit,-100,100)); centre = anchor + (r0,r1)/S; size = (r2,r3)/S; "
                  "keypoint k = anchor + (r[4+2k], r[5+2k])/S; then to frame pixels, y down",
        "min_score": MIN_SCORE, "gate": GATE, "nms": f"weighted, IoU >= {IOU}",
        "keypoints": KEYPOINTS,
        "models": {k: {"file": f"assets/models/{v[0]}", "size": v[1], "sha256": v[2]}
                   for k, v in MODELS.items()},
        "frames": {},
    }
    for name in frames:
        data = (faces / name).read_bytes()
        img = Image.open(faces / name).convert("RGB")
        w, h = img.size
        entry = {"sha256": sha256(data), "width": w, "height": h}
        for letterbox in (True, False):
            canvas, (sx, sy, ox, oy) = square(img, letterbox)
            for key, (sess, size) in sessions.items():
                logits, regs = raw_outputs(sess, prepare(canvas, size))
                scores, dets = decode(logits, regs, size)
                merged = weighted_nms(dets)
                res = {
                    "max_score": round(float(scores.max()), 4),
                    "max_score_anchor": int(scores.argmax()),
                    "faces_at_gate": sum(1 for d in merged if d["score"] >= GATE),
                    "detections": [{
                        "score": round(d["score"], 4),
                        "anchor": d["anchor"],
                        "merged": d["merged"],
                        "box": [px(d["box"][0], sx, ox), px(d["box"][1], sy, oy),
                                px(d["box"][2], sx, ox), px(d["box"][3], sy, oy)],
                        "keypoints": [[px(p[0], sx, ox), px(p[1], sy, oy)] for p in d["kps"]],
                    } for d in merged],
                }
                if name == "good.jpg" and letterbox:
                    # Raw outputs of the best anchors: checks anchor indexing and
                    # decoding independently of NMS.
                    res["raw_top3"] = [{
                        "anchor": int(i), "logit": round(float(logits[i]), 3),
                        "regressors": [round(float(v), 2) for v in regs[i]],
                    } for i in np.argsort(-logits, kind="stable")[:3]]
                entry[key if letterbox else key + "_stretch"] = res
        result["frames"][name] = entry
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    repo = Path(__file__).resolve().parent.parent
    out = repo / "assets" / "samples" / "faces" / "reference-detections.json"
    text = json.dumps(run(repo), indent=1, ensure_ascii=False) + "\n"
    for name, fr in json.loads(text)["frames"].items():
        print(f"{name:24s} " + "  ".join(
            f"{k} {fr[k]['max_score']:.3f} n={fr[k]['faces_at_gate']}"
            for k in ("front_128", "back_256", "front_128_stretch", "back_256_stretch")))
    if args.check:
        same = out.is_file() and out.read_text() == text
        print(("OK  " if same else "DIFF") + f" {out.relative_to(repo)}")
        return 0 if same else 1
    if not (out.is_file() and out.read_text() == text):
        out.write_text(text)
    print(f"{sha256(text.encode())}  {out.relative_to(repo)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
