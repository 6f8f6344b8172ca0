"""server.json (the MCP registry's description of the package) against the registry's published schema and the binary.

The schema is pinned in tools/registry/server.schema.json: the file published at its "$id",
https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json (the registry repository keeps the same
file as internal/validators/schemas/2025-12-11.json in github.com/modelcontextprotocol/registry).
"""
import copy
import json
import pathlib
import re
import subprocess

import jsonschema
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMA_URL = "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json"


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads((ROOT / "tools" / "registry" / "server.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def server() -> dict:
    return json.loads((ROOT / "server.json").read_text(encoding="utf-8"))


def problems(schema: dict, document: dict) -> list[str]:
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(document)]


def test_pinned_schema_is_the_one_server_json_names(schema, server):
    assert schema["$id"] == SCHEMA_URL
    assert server["$schema"] == SCHEMA_URL


def test_server_json_is_valid_against_the_registry_schema(schema, server):
    assert problems(schema, server) == []


@pytest.mark.parametrize("break_it", [
    lambda s: s.update(description="x" * 101),                     # the registry caps descriptions at 100
    lambda s: s.update(name="vod-mcp"),                            # reverse-DNS namespace/name required
    lambda s: s["packages"][0].pop("transport"),                   # a package must say how to talk to it
    lambda s: s["packages"][0].update(version="latest"),           # versions must be exact
    lambda s: s["packages"][0]["environmentVariables"][0].pop("name"),
])
def test_the_validation_rejects_a_broken_description(schema, server, break_it):
    broken = copy.deepcopy(server)
    break_it(broken)
    assert problems(schema, broken), "the schema check accepted a broken server.json"


def test_versions_match_the_binary(server, vod_mcp_bin):
    printed = subprocess.run([vod_mcp_bin, "--version"], capture_output=True, text=True, timeout=30, check=True)
    version = printed.stdout.strip()
    assert server["version"] == version, "server.json's version differs from `vod-mcp --version` (vodMCPVersion)"
    for package in server["packages"]:
        assert package["version"] == version
        # The archive tools/package writes for this version: vod-mcp-<version>-linux-<arch>.tar.gz
        assert re.search(rf"/v{re.escape(version)}/vod-mcp-{re.escape(version)}-linux-[a-z0-9_]+\.tar\.gz$",
                         package["identifier"]), package["identifier"]


def test_every_environment_variable_is_one_the_server_reads(server):
    sources = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "Sources").rglob("*.swift"))
    for package in server["packages"]:
        for variable in package["environmentVariables"]:
            assert f'"{variable["name"]}"' in sources, f"{variable['name']} is not read anywhere in Sources/"


def test_every_package_argument_is_an_option_of_the_binary(server, vod_mcp_bin):
    shown = subprocess.run([vod_mcp_bin, "help", "serve"], capture_output=True, text=True, timeout=30,
                           check=True).stdout
    for package in server["packages"]:
        for argument in package.get("packageArguments", []):
            if argument["type"] == "named":
                assert argument["name"] in shown, f"{argument['name']} is not in `vod-mcp help serve`"
