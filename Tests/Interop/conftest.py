"""Shared fixtures for the interop tests: the built vod-mcp binary and an isolated environment."""
import os
import pathlib

import pytest

from hostile import process

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def vod_mcp_bin() -> str:
    path = os.environ.get("VOD_MCP_BIN", str(ROOT / ".build" / "debug" / "vod-mcp"))
    if not os.access(path, os.X_OK):
        pytest.fail(f"vod-mcp binary not found at {path}; run `swift build` first or set VOD_MCP_BIN")
    return path


@pytest.fixture()
def clean_env(tmp_path) -> dict:
    """An environment with no real credentials and a private HOME."""
    return process.clean_env(str(tmp_path))
