import json
import os
import subprocess
import sys

import pytest

TOOLS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO = os.path.dirname(TOOLS)
sys.path.insert(0, TOOLS)

from offload_tools import examples  # noqa: E402


def run_tool(name, *args, cwd=None):
    """Runs tools/NAME as a user would: (exit status, stdout, stderr)."""
    result = subprocess.run([sys.executable, os.path.join(TOOLS, name), *map(str, args)],
                            capture_output=True, text=True, cwd=cwd, timeout=600)
    return result.returncode, result.stdout, result.stderr


@pytest.fixture(scope="session")
def models(tmp_path_factory):
    """The two example models at their small scale, written once."""
    directory = tmp_path_factory.mktemp("models")
    examples.write(str(directory), "small")
    return directory


@pytest.fixture(scope="session")
def profiles(models):
    """Both models profiled (few runs: the tests check structure, not speed)."""
    for name in ("branchy-cnn", "transformer-block"):
        status, _, err = run_tool("offload-profile", models / f"{name}.onnx", "--out",
                                  models / f"{name}.json", "--runs", 3, "--warmup", 1)
        assert status == 0, err
    return {name: json.loads((models / f"{name}.json").read_text())
            for name in ("branchy-cnn", "transformer-block")}


def offload_binary():
    for candidate in (os.path.join(REPO, ".build", "debug", "offload"),
                      os.path.join(REPO, ".build", "release", "offload")):
        if os.access(candidate, os.X_OK):
            return candidate
    return None
