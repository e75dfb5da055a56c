"""The C library, found and declared once (ctypes: nothing to compile, nothing to install
but the package).

Where libtandem.so is looked for, in order: $TANDEM_LIBRARY; where `meson install` put it
(written into _where.py at installation); the library loader's own search (ldconfig's
cache, $LD_LIBRARY_PATH: `./run install` puts it there); the build tree this package was
installed from, or lies in (build-release/, then build/).
"""
import ctypes
import os
import pathlib

from . import _where

c_int, c_long, c_double, c_char_p, c_void_p, c_size_t = (
    ctypes.c_int, ctypes.c_long, ctypes.c_double, ctypes.c_char_p, ctypes.c_void_p,
    ctypes.c_size_t)


class Error(ctypes.Structure):
    """tandem/error.h's tdm_error."""
    _fields_ = [("cls", c_int), ("reason", c_int), ("line", c_int), ("col", c_int),
                ("text", c_int), ("detail", c_int), ("section", ctypes.c_char * 64),
                ("msg", ctypes.c_char * 1024), ("file", ctypes.c_char * 512),
                ("key", ctypes.c_char * 128)]


class NodeView(ctypes.Structure):
    """tandem/doc.h's tdm_node_view."""
    _fields_ = [("kind", c_int), ("key", c_char_p), ("label", c_char_p), ("text", c_char_p),
                ("unit", c_char_p), ("number", c_double), ("count", c_long), ("ncols", c_int),
                ("data", ctypes.POINTER(c_double)), ("first", c_void_p), ("next", c_void_p),
                ("bare", c_int)]


class StudyOptions(ctypes.Structure):
    """tandem/session.h's tdm_session_study."""
    _fields_ = [("outputs", ctypes.POINTER(c_char_p)), ("nout", c_int), ("jobs", c_int),
                ("samples", c_long), ("seed", ctypes.c_ulonglong), ("sampling", c_int),
                ("params", c_char_p), ("correlate", ctypes.POINTER(c_char_p)),
                ("ncorrelate", c_int), ("target", c_double)]


def _candidates():
    env = os.environ.get("TANDEM_LIBRARY")
    if env:
        yield env
        return
    if _where.INSTALLED_LIBRARY:
        yield _where.INSTALLED_LIBRARY
    yield "libtandem.so.0"
    roots = [pathlib.Path(r) for r in _where.BUILD_ROOTS]
    roots.append(pathlib.Path(__file__).resolve().parent.parent.parent)  # python/.. of a source tree
    for root in roots:
        for build in ("build-release", "build"):
            yield str(root / build / "libtandem.so")


def _load():
    tried = []
    for path in _candidates():
        if os.sep in path and not os.path.exists(path):
            tried.append(path + " (no such file)")
            continue
        try:
            return ctypes.CDLL(path), path
        except OSError as e:
            tried.append(f"{path} ({e})")
    raise ImportError("tandem: libtandem.so not found; build it (./run demo) or install it "
                      "(./run install), or name it in $TANDEM_LIBRARY. Tried: " + "; ".join(tried))


lib, path = _load()

_P = ctypes.POINTER
_sig = {
    "tdm_error_size": (c_size_t, []),
    "tdm_session_study_size": (c_size_t, []),
    "tdm_node_view_size": (c_size_t, []),
    "tdm_error_find_key": (None, [_P(Error)]),
    "tdm_session_open": (c_int, [c_char_p, _P(c_void_p), _P(Error)]),
    "tdm_session_free": (None, [c_void_p]),
    "tdm_session_use_scenario": (c_int, [c_void_p, c_char_p, _P(Error)]),
    "tdm_session_set": (c_int, [c_void_p, c_char_p, c_char_p, _P(Error)]),
    "tdm_session_nchanges": (c_int, [c_void_p]),
    "tdm_session_change": (c_char_p, [c_void_p, c_int, _P(c_char_p)]),
    "tdm_session_solve": (c_int, [c_void_p, _P(c_void_p), _P(Error)]),
    "tdm_session_cost": (c_int, [c_void_p, _P(c_void_p), _P(Error)]),
    "tdm_session_optimize": (c_int, [c_void_p, _P(c_char_p), c_int, _P(c_void_p), _P(Error)]),
    "tdm_session_sweep": (c_int, [c_void_p, c_int, _P(c_char_p), _P(c_char_p), _P(c_int),
                                  _P(StudyOptions), _P(c_void_p), _P(Error)]),
    "tdm_session_mc": (c_int, [c_void_p, _P(StudyOptions), _P(c_void_p), _P(Error)]),
    "tdm_session_tornado": (c_int, [c_void_p, _P(StudyOptions), _P(c_void_p), _P(Error)]),
    "tdm_session_sobol": (c_int, [c_void_p, _P(StudyOptions), c_int, _P(c_void_p), _P(Error)]),
    "tdm_session_goal": (c_int, [c_void_p, c_char_p, c_char_p, c_int, c_char_p, c_char_p,
                                 _P(StudyOptions), _P(c_void_p), _P(Error)]),
    "tdm_convert": (c_int, [c_double, c_char_p, c_char_p, _P(c_double), c_char_p, c_size_t]),
    "tdm_doc_root": (c_void_p, [c_void_p]),
    "tdm_doc_free": (None, [c_void_p]),
    "tdm_node_get": (None, [c_void_p, _P(NodeView)]),
    "tdm_node_column_info": (c_char_p, [c_void_p, c_int, _P(c_char_p), _P(c_char_p)]),
    "tdm_node_column": (c_long, [c_void_p, c_int, _P(c_double), c_long]),
    "tdm_node_column_own_units": (ctypes.c_bool, [c_void_p, c_int]),
}
for _name, (_res, _args) in _sig.items():
    try:
        _f = getattr(lib, _name)
    except AttributeError:
        raise ImportError(f"tandem: {path} has no {_name}: a library older than this package; "
                          "build it again (./run demo), or install both again") from None
    _f.restype = _res
    _f.argtypes = _args

# the layouts this package copies, against the library's own
for _struct, _size in ((Error, lib.tdm_error_size()),
                       (StudyOptions, lib.tdm_session_study_size()),
                       (NodeView, lib.tdm_node_view_size())):
    if ctypes.sizeof(_struct) != _size:
        raise ImportError(f"tandem: {path} does not match this package ({_struct.__name__} is "
                          f"{_size} bytes there, {ctypes.sizeof(_struct)} here): install the "
                          "package and the library of one version")

NODE_NULL, NODE_BOOL, NODE_NUMBER, NODE_TEXT, NODE_MAP, NODE_LIST, NODE_TABLE, NODE_ROW, \
    NODE_ARRAY = range(9)
