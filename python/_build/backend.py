"""The package's build, as PEP 517 asks of a backend, in the standard library alone: `pip
install ./python` needs nothing from a package index (pip builds in an empty environment,
and this backend requires nothing there).

A wheel of pure Python: the package's files, its metadata, and in tandem/_where.py the source
tree it was built from, whose build-release/ or build/ holds the library a source checkout
uses (an installed libtandem.so is found first)."""
import base64
import hashlib
import os
import pathlib
import zipfile

NAME, VERSION = "tandem", "0.1.0"
HERE = pathlib.Path(__file__).resolve().parent.parent  # python/
DIST = f"{NAME}-{VERSION}.dist-info"
TAG = "py3-none-any"

METADATA = f"""Metadata-Version: 2.1
Name: {NAME}
Version: {VERSION}
Summary: Flowsheets and techno-economics of tandem (cascade) reactor systems: the tandem library in Python
License: MIT
Requires-Python: >=3.9
Provides-Extra: frames
Requires-Dist: numpy; extra == "frames"
Requires-Dist: pandas; extra == "frames"
Requires-Dist: matplotlib; extra == "frames"

tandem's library (libtandem.so) called from Python through ctypes: flowsheets solved,
priced, optimized and studied at C speed, tables as pandas DataFrames when pandas is
installed. See docs/python.md in tandem's source tree.
"""

WHEEL = f"""Wheel-Version: 1.0
Generator: tandem-backend {VERSION}
Root-Is-Purelib: true
Tag: {TAG}
"""


def _files():
    for p in sorted((HERE / NAME).glob("*.py")):
        data = p.read_bytes()
        if p.name == "_where.py":
            data = (b"# written by the package's build (python/_build/backend.py)\n"
                    b"INSTALLED_LIBRARY = \"\"\n"
                    + f"BUILD_ROOTS = [{str(HERE.parent)!r}]\n".encode())
        yield f"{NAME}/{p.name}", data


def _record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    d = pathlib.Path(metadata_directory) / DIST
    d.mkdir(parents=True, exist_ok=True)
    (d / "METADATA").write_text(METADATA)
    (d / "WHEEL").write_text(WHEEL)
    return DIST


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    name = f"{NAME}-{VERSION}-{TAG}.whl"
    path = pathlib.Path(wheel_directory) / name
    records = []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        entries = list(_files()) + [(f"{DIST}/METADATA", METADATA.encode()),
                                    (f"{DIST}/WHEEL", WHEEL.encode())]
        for arc, data in entries:
            z.writestr(arc, data)
            records.append(_record_line(arc, data))
        records.append(f"{DIST}/RECORD,,")
        z.writestr(f"{DIST}/RECORD", "\n".join(records) + "\n")
    return name


def build_sdist(sdist_directory, config_settings=None):
    import tarfile
    base = f"{NAME}-{VERSION}"
    name = f"{base}.tar.gz"
    with tarfile.open(pathlib.Path(sdist_directory) / name, "w:gz") as t:
        for rel in ["pyproject.toml", "_build/backend.py"] + \
                [f"{NAME}/{p.name}" for p in sorted((HERE / NAME).glob("*.py"))]:
            t.add(HERE / rel, arcname=f"{base}/{rel}")
        info = tarfile.TarInfo(f"{base}/PKG-INFO")
        data = METADATA.encode()
        info.size = len(data)
        import io
        t.addfile(info, io.BytesIO(data))
    return name
