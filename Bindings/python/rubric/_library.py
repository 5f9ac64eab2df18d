"""Finds and loads the rubric_c shared library and declares its C functions (rubric.h)."""

import ctypes
import os
import sys
import threading

_NAMES = {"darwin": "librubric_c.dylib"}
LIBRARY_NAME = _NAMES.get(sys.platform, "librubric_c.so")

_lock = threading.Lock()
_library = None


def candidate_paths():
    """Where the library is looked for, in order: $RUBRIC_LIBRARY, next to this package, and
    the release build of the repository this package sits in."""
    paths = []
    if os.environ.get("RUBRIC_LIBRARY"):
        paths.append(os.environ["RUBRIC_LIBRARY"])
    package = os.path.dirname(os.path.abspath(__file__))
    paths.append(os.path.join(package, LIBRARY_NAME))
    repository = os.path.dirname(os.path.dirname(os.path.dirname(package)))
    paths.append(os.path.join(repository, ".build", "release", LIBRARY_NAME))
    return paths


def _declare(library):
    """Sets the argument and result types of every function of rubric.h."""
    text_out = ctypes.POINTER(ctypes.c_void_p)
    handle = ctypes.c_void_p
    signatures = {
        "rubric_version": ([], ctypes.c_char_p),
        "rubric_abi_version": ([], ctypes.c_int),
        "rubric_status_name": ([ctypes.c_int], ctypes.c_char_p),
        "rubric_compile": ([ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_char_p,
                            ctypes.POINTER(handle), text_out, text_out], ctypes.c_int),
        "rubric_check": ([ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_char_p,
                          text_out, text_out], ctypes.c_int),
        "rubric_program_free": ([handle], None),
        "rubric_program_info": ([handle, text_out, text_out], ctypes.c_int),
        "rubric_evaluate": ([handle, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, text_out,
                             ctypes.POINTER(ctypes.c_size_t), text_out], ctypes.c_int),
        "rubric_limits_get": ([handle, text_out, text_out], ctypes.c_int),
        "rubric_limits_set": ([handle, ctypes.c_char_p, text_out], ctypes.c_int),
        "rubric_string_free": ([ctypes.c_void_p], None),
    }
    for name, (arguments, result) in signatures.items():
        function = getattr(library, name)
        function.argtypes = arguments
        function.restype = result


def library():
    """The loaded library (loaded once per process)."""
    global _library
    with _lock:
        if _library is None:
            tried = []
            for path in candidate_paths():
                if os.path.exists(path):
                    loaded = ctypes.CDLL(path)
                    _declare(loaded)
                    _library = loaded
                    break
                tried.append(path)
            else:
                raise OSError("the rubric_c shared library was not found; build it with "
                              "`swift build -c release --product rubric_c` or set RUBRIC_LIBRARY "
                              "(looked in: " + ", ".join(tried) + ")")
        return _library


def take_text(pointer):
    """The UTF-8 text of a string the library returned, which is then freed (None for NULL)."""
    if not pointer.value:
        return None
    try:
        return ctypes.string_at(pointer.value).decode("utf-8")
    finally:
        library().rubric_string_free(pointer.value)
        pointer.value = None
