"""Compiles tests/c/abi_test.c against rubric.h with the system C compiler, links it to the
shared library and runs it."""

import os
import shutil
import subprocess

import pytest
from conftest import HERE, REPOSITORY

from rubric._library import library


def test_a_c_program_uses_the_interface(tmp_path):
    compiler = shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")
    if compiler is None:
        pytest.fail("no C compiler (cc) found")
    path = library()._name
    executable = tmp_path / "abi_test"
    subprocess.run([compiler, "-std=c11", "-Wall", "-Werror", "-o", str(executable), os.path.join(HERE, "c", "abi_test.c"),
                    "-I", os.path.join(REPOSITORY, "Sources", "RubricC", "include"), path,
                    f"-Wl,-rpath,{os.path.dirname(os.path.abspath(path))}", "-lpthread"], check=True)
    run = subprocess.run([str(executable)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout == "ok\n"
