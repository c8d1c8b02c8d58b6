"""The inputs the benchmark builds: a doubled large corpus, the short-run files, the KAM004
bundle. Everything is made from a seed, so two builds are byte-identical; every key is made
here at run time (no key is written in this repository)."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import string
import subprocess
from pathlib import Path

KEY_ALPHABET = string.ascii_letters + string.digits


def fake_key(rng: random.Random) -> str:
    while True:
        body = "".join(rng.choice(KEY_ALPHABET) for _ in range(32))
        if any(c.isdigit() for c in body) and any(c.isupper() for c in body) and any(c.islower() for c in body):
            return "kam_" + body


# -- what is measured: kaman-lint as a user installs it -------------------------------------------

def user_install(checkout: Path, work: Path) -> Path:
    """`checkout` installed as a user installs it, not as the editable install of a
    development venv (whose import finder costs every start 15-25 ms here): a wheel built from
    the checkout into a scratch venv, whose dependencies are this venv's (a plain path entry,
    so this venv's own `.pth` files, the editable finder among them, are not run). Returns the
    scratch venv's `kaman-lint` script."""
    import sys
    import sysconfig

    venv = work / "venv"
    if venv.exists():
        shutil.rmtree(venv)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          check=True, capture_output=True, text=True).stdout.strip()
    Path(site, "_kaman_lint_bench_deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    # built from a copy of the checkout's files as they are (a build leaves build/ behind), in
    # the scratch venv, with the setuptools it sees through that path
    source = work / "source"
    if source.exists():
        shutil.rmtree(source)
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=checkout, check=True, capture_output=True).stdout
    for name in filter(None, listed.decode("utf-8", "surrogateescape").split("\0")):
        if (checkout / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(checkout / name, source / name)
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
                    "--no-build-isolation", "--no-index", str(source)], check=True, cwd=work)
    return venv / "bin" / "kaman-lint"


# -- target 2: the doubled large corpus ---------------------------------------------------------------

def doubled_corpus(large: Path, work: Path) -> Path:
    """`work/<large>2x`: two copies of `large` side by side (`a/`, `b/`), hard links where the
    file system allows (same bytes, no extra disk), and `<that>.planted.json` merged from
    `large`'s: every key, decoy and background match twice, paths prefixed `a/` and `b/`."""
    target = work / f"{large.name}2x"
    planted = json.loads(Path(f"{large}.planted.json").read_text())
    stamp = work / f"{target.name}.built-from"  # beside the corpus: not a file to scan
    if not (stamp.exists() and stamp.read_text() == planted["corpus_sha256"]):
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        stamp.unlink(missing_ok=True)
        for half in ("a", "b"):
            linked = subprocess.run(["cp", "-al", str(large), str(target / half)], capture_output=True)
            if linked.returncode != 0:  # another file system: copy
                shutil.rmtree(target / half, ignore_errors=True)
                shutil.copytree(large, target / half, symlinks=True)
        stamp.write_text(planted["corpus_sha256"])
    merged = dict(planted)
    for field in ("keys", "decoys", "background"):
        merged[field] = [dict(entry, path=f"{half}/{entry['path']}")
                         for half in ("a", "b") for entry in planted.get(field, [])]
    merged["corpus_files"] = 2 * planted["corpus_files"]
    merged["corpus_bytes"] = 2 * planted["corpus_bytes"]
    merged["corpus_sha256"] = hashlib.sha256(f"2x {planted['corpus_sha256']}".encode()).hexdigest()
    merged["size"] = f"{planted.get('size', large.name)} doubled (a/ and b/)"
    Path(f"{target}.planted.json").write_text(json.dumps(merged, indent=1) + "\n")
    return target


# -- target 3: the short runs ----------------------------------------------------------------------

def commit_files(root: Path) -> list[str]:
    """A git repository at `root` with five files staged, one of each kind a commit typically
    holds (.py .js .html .env .json), each mentioning Kaman: what the pre-commit hook scans."""
    rng = random.Random("kaman-lint-bench-commit")
    files = {
        "app.py": f'import os\nKAMAN_API_KEY = "{fake_key(rng)}"\nBASE = os.environ.get("KAMAN_URL")\n',
        "client.js": f'const kamanKey = "{fake_key(rng)}";\n'
                     'fetch(url, {headers: {Authorization: "Bearer " + kamanKey}});\n',
        "index.html": f'<html><head><script>window.KAMAN_KEY = "{fake_key(rng)}";</script></head>'
                      "<body>kaman</body></html>\n",
        ".env": f"KAMAN_API_KEY={fake_key(rng)}\nDEBUG=1\n",
        "config.json": json.dumps({"kaman": {"apiKey": fake_key(rng), "region": "eu"}}) + "\n",
    }
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    for name, text in files.items():
        (root / name).write_text(text)
    git = ["git", "-c", "init.defaultBranch=main"]
    subprocess.run(git + ["init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    return list(files)


def two_thousand_lines(source: Path, target: Path, kind: str) -> Path:
    """A 2,000-line file of real code from the corpus (`source`), cut where a statement starts
    so it still parses, with one hard-coded key and padding comments to exactly 2,000 lines."""
    rng = random.Random(f"kaman-lint-bench-{kind}")
    lines = source.read_text(encoding="utf-8").split("\n")
    if kind == "py":
        cut = max(i for i in range(1995) if lines[i].startswith(("def ", "class ", "    def ")))
        body = lines[:cut] + [f'KAMAN_API_KEY = "{fake_key(rng)}"']
        pad = "# padding"
    else:
        cut = max(i for i in range(1995) if lines[i].startswith("  function "))
        body = lines[:cut] + [f'  var KAMAN_API_KEY = "{fake_key(rng)}";']
        pad = "// padding"
    body += [pad] * (2000 - len(body))
    target.write_text("\n".join(body) + "\n", encoding="utf-8")
    return target


# -- target 4: the KAM004 bundle ----------------------------------------------------------------------

def kam004_bundle(target: Path, size: int = 20 * 1024 * 1024) -> Path:
    """One line of minified JavaScript, `size` bytes, dense with key-shaped URLs: keys
    interpolated into query strings over plain http (the shape of KAM004's 9 s case), key
    literals in queries and paths, Authorization headers, and filler code between them."""
    rng = random.Random("kaman-lint-bench-bundle")
    host = "api.kaman.io"
    parts = [f'var B="http://{host}";var S="https://{host}/v2";']
    length = len(parts[0])
    units = (  # (weight, unit): mostly keys read from variables, a few literal ones
        # kaman-lint: ignore[KAM004] -- the bundle is made of the shape KAM004 flags, on purpose
        (45, lambda: "fetch(`${B}/v2/search?q=${q}&key=${kamanKey}`);"
                     "fetch(u,{headers:{Authorization:`Bearer ${kamanKey}`}});"),
        (35, lambda: "function f(a){return a+1}var c=[1,2,3].map(f);"),
        (15, lambda: 'var t=`${S}/items?page=${n}&size=20`;'),
        (3, lambda: f'fetch(S+"/search?key={fake_key(rng)}&q="+q);'),
        (2, lambda: f'var p="https://{host}/v2/{fake_key(rng)}/items";'),
    )
    weights = [weight for weight, _ in units]
    while length < size:
        unit = rng.choices(units, weights)[0][1]()
        parts.append(unit)
        length += len(unit)
    text = "".join(parts)[:size]
    target.write_text(text + "\n", encoding="ascii")
    return target


def remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        os.unlink(path)
