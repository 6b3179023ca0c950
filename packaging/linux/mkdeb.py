"""Build livedesk_<version>_<arch>.deb from the PyInstaller folder dist/livedesk.

Layout: the bundle in /opt/livedesk, /usr/bin/livedesk and /usr/bin/livedesk-server as
relative symlinks, a desktop entry, hicolor icons, AppStream metainfo and the copyright
file. Depends is computed by dpkg-shlibdeps from every ELF file in the bundle, so it names
exactly the Debian libraries Qt and Python need on the host. No maintainer scripts: the
desktop database and icon cache are refreshed by their packages' dpkg triggers, and user
data lives in the home folder, which dpkg never touches (upgrades keep history).

    python packaging/linux/mkdeb.py --bundle dist/livedesk --out dist [--version 0.1.0]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
ICONS = ROOT / "resources" / "icons"
PACKAGE = "livedesk"
APP_ID = "app.livedesk.LiveDesk"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
MAINTAINER = "The LiveDesk team <packaging@livedesk.invalid>"
# Without these the console cannot open a window at all (Qt's xcb platform plugin; seen
# missing on a bare Debian): if dpkg-shlibdeps stops naming one, the bundle or this script
# broke.
REQUIRED_DEPENDS = ("libxcb-cursor0", "libxkbcommon-x11-0", "libfontconfig1", "libdbus-1-3")
# Viewers' names and chat are full of emoji; alert sounds play through the system's own
# player (pw-play, paplay or aplay: app/ui/alerts).
RECOMMENDS = "fonts-noto-color-emoji, pipewire-bin | pulseaudio-utils | alsa-utils"
SUGGESTS = "gnome-keyring"  # a Secret Service, so that sign-ins are remembered
DESCRIPTION = """\
console for live-stream creators and their moderators
 LiveDesk keeps public chat and the Below Room of paying members side by side,
 shows gift alerts, collects Service+ inquiries and adds up the earnings of a
 live session, in sync with a backend over websockets. Includes livedesk-server,
 the reference backend, and a demo with a simulated audience."""


def pep440_to_debian(version: str) -> str:
    """0.2.0rc1 -> 0.2.0~rc1 and 1.0.dev3 -> 1.0~dev3 (sort before 0.2.0 / 1.0, as in
    Python); 1.0.post2 -> 1.0+post2; a local part +abc -> +abc."""
    match = re.fullmatch(
        r"(?P<release>\d+(\.\d+)*)(?P<pre>[-_.]?(a|b|rc)\d+)?"
        r"(?P<post>\.post\d+)?(?P<dev>\.dev\d+)?(?P<local>\+[a-z0-9.]+)?",
        version.strip().lower(),
    )
    if match is None:
        raise ValueError(f"not a PEP 440 version LiveDesk uses: {version!r}")
    text = match["release"]
    if match["pre"]:
        text += "~" + match["pre"].lstrip("-_.")
    if match["post"]:
        text += "+" + match["post"][1:]
    if match["dev"]:
        text += "~" + match["dev"][1:]
    if match["local"]:
        text += match["local"]
    return text


def app_version() -> str:
    text = (ROOT / "app" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'__version__ = "([^"]+)"', text)
    if found is None:
        raise SystemExit("app/__init__.py has no __version__")
    return found[1]


def is_elf(path: Path) -> bool:
    if path.is_symlink() or not path.is_file():
        return False
    with path.open("rb") as file:
        return file.read(4) == b"\x7fELF"


def parse_depends(shlibdeps_output: str) -> str:
    """The value of shlibs:Depends in dpkg-shlibdeps -O output."""
    for line in shlibdeps_output.splitlines():
        if line.startswith("shlibs:Depends="):
            return line.split("=", 1)[1].strip()
    raise ValueError("dpkg-shlibdeps printed no shlibs:Depends")


def package_names(depends: str) -> set[str]:
    """Every package a Depends value names, alternatives included, without versions."""
    names = set()
    for group in depends.split(","):
        for alternative in group.split("|"):
            name = alternative.strip().split(" ", 1)[0].split(":", 1)[0]
            if name:
                names.add(name)
    return names


def control_text(version: str, arch: str, installed_kib: int, depends: str) -> str:
    fields = {
        "Package": PACKAGE,
        "Version": version,
        "Architecture": arch,
        "Maintainer": MAINTAINER,
        "Installed-Size": str(installed_kib),
        "Depends": depends,
        "Recommends": RECOMMENDS,
        "Suggests": SUGGESTS,
        "Section": "net",
        "Priority": "optional",
        "Description": DESCRIPTION,
    }
    return "".join(f"{key}: {value}\n" for key, value in fields.items())


def release_date() -> str:
    """SOURCE_DATE_EPOCH (reproducible builds) or today, as YYYY-MM-DD (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return moment.strftime("%Y-%m-%d")


def stage(bundle: Path, root: Path, version: str) -> None:
    """The package's file tree under `root` (DEBIAN/ is written later)."""
    opt = root / "opt" / PACKAGE
    shutil.copytree(bundle, opt, symlinks=True)
    bin_dir = root / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    for name in ("livedesk", "livedesk-server"):
        if not (opt / name).is_file():
            raise SystemExit(f"{name} is missing from the bundle {bundle}")
        (bin_dir / name).symlink_to(f"../../opt/{PACKAGE}/{name}")
    share = root / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copy2(HERE / "livedesk.desktop", share / "applications" / "livedesk.desktop")
    for size in PNG_SIZES:
        target = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        target.mkdir(parents=True)
        shutil.copy2(ICONS / f"livedesk-{size}.png", target / "livedesk.png")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copy2(ICONS / "livedesk.svg", scalable / "livedesk.svg")
    metainfo = (HERE / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    (share / "metainfo").mkdir()
    (share / "metainfo" / f"{APP_ID}.metainfo.xml").write_text(
        metainfo.replace("@VERSION@", version).replace("@DATE@", release_date()),
        encoding="utf-8",
    )
    doc = share / "doc" / PACKAGE
    doc.mkdir(parents=True)
    shutil.copy2(HERE / "copyright", doc / "copyright")
    changelog = f"{PACKAGE} ({version}) stable; urgency=medium\n\n  * Release {version}.\n"
    (doc / "changelog.gz").write_bytes(gzip.compress(changelog.encode(), mtime=0))
    normalise_modes(root)


def normalise_modes(root: Path) -> None:
    """0755 for folders and programs, 0644 for everything else (as lintian expects)."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        program = path.parent.name == PACKAGE and path.name in ("livedesk", "livedesk-server")
        if path.is_dir() or program:
            path.chmod(0o755)
        else:
            path.chmod(0o644)


def shlib_depends(work: Path, root: Path) -> str:
    """Run dpkg-shlibdeps over every ELF file of the staged tree (from `work`, which holds
    the debian/control it insists on); its many warnings go to a log file."""
    (work / "debian").mkdir(exist_ok=True)
    (work / "debian" / "control").write_text(
        f"Source: {PACKAGE}\n\nPackage: {PACKAGE}\nArchitecture: any\n", encoding="utf-8"
    )
    internal = root / "opt" / PACKAGE / "_internal"
    elves = sorted(str(p.relative_to(work)) for p in root.rglob("*") if is_elf(p))
    command = [
        "dpkg-shlibdeps",
        "-O",
        "--ignore-missing-info",
        f"-l{internal.relative_to(work)}",
        *elves,
    ]
    result = subprocess.run(command, cwd=work, capture_output=True, text=True, check=False)
    log = work / "dpkg-shlibdeps.log"
    log.write_text(result.stderr, encoding="utf-8")
    if result.returncode != 0:
        errors = [line for line in result.stderr.splitlines() if "error" in line]
        raise SystemExit("dpkg-shlibdeps failed:\n" + "\n".join(errors[:20]))
    return parse_depends(result.stdout)


def write_control(root: Path, version: str, depends: str) -> None:
    debian = root / "DEBIAN"
    debian.mkdir(mode=0o755)
    sums = []
    size = 0
    for path in sorted(root.rglob("*")):
        if path.is_symlink() or not path.is_file() or debian in path.parents:
            size += 1 if path.is_symlink() else 0
            continue
        size += (path.stat().st_size + 1023) // 1024
        digest = hashlib.md5(path.read_bytes()).hexdigest()  # dpkg's format, not security
        sums.append(f"{digest}  {path.relative_to(root).as_posix()}\n")
    (debian / "md5sums").write_text("".join(sums), encoding="utf-8")
    arch = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    (debian / "control").write_text(control_text(version, arch, size, depends), encoding="utf-8")
    for path in debian.iterdir():
        path.chmod(0o644)


def build(bundle: Path, out: Path, version: str, compression: str) -> Path:
    deb_version = pep440_to_debian(version)
    with tempfile.TemporaryDirectory(prefix="livedesk-deb-") as temp:
        work = Path(temp)
        root = work / "debian" / PACKAGE
        stage(bundle, root, deb_version)
        depends = shlib_depends(work, root)
        missing = [name for name in REQUIRED_DEPENDS if name not in package_names(depends)]
        if missing:
            raise SystemExit(f"Depends lacks {missing}: {depends}")
        write_control(root, deb_version, depends)
        arch = (root / "DEBIAN" / "control").read_text().split("Architecture: ")[1].split()[0]
        out.mkdir(parents=True, exist_ok=True)
        deb = out / f"{PACKAGE}_{deb_version}_{arch}.deb"
        subprocess.run(
            ["dpkg-deb", "--root-owner-group", f"-Z{compression}", "--build", str(root), str(deb)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    print(f"Depends: {depends}")
    return deb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "livedesk")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--version", help="package version (default: app.__version__)")
    parser.add_argument("--compression", default="xz", choices=["xz", "zstd", "gzip"])
    args = parser.parse_args(argv)
    deb = build(args.bundle, args.out, args.version or app_version(), args.compression)
    print(deb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
