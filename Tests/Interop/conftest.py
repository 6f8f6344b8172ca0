"""Shared fixtures for the interop tests: the built vod-mcp binary and an isolated environment."""
import os
import pathlib

import pytest

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
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ALIBABA_CLOUD_", "VOD_MCP_"))}
    env["HOME"] = str(tmp_path)
    env["ALIBABA_CLOUD_ECS_METADATA_DISABLED"] = "true"
    return env
