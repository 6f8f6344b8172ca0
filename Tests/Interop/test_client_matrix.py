"""The client matrix: the MCP client libraries people run, each against `vod-mcp --sandbox`.

Each client connects in its default mode (the official SDK 2.x also in the legacy handshake era), lists the default
and all tools, converts every tool schema its own way (strict OpenAI, Gemini, ...), and calls a read, a write, a dry
run, an upload followed by GetVideoInfo, and a destructive call with confirmation. Clients built on the official SDK
validate structuredContent against the outputSchema themselves; every non-error result is also checked here with
`jsonschema`. A failure names the client, the tool and the reason.

The libraries live in the virtual environments `tools/client-env` makes; `tools/test` runs this file in each with
VOD_MCP_CLIENT_MATRIX=mcp2 or mcp1, where a missing library of that venv fails instead of skipping. In the main venv only the official SDK
part runs.
"""
import importlib
import json
import os
import pathlib

import anyio
import pytest

from contract import contract_problems, tool_definitions

# Issue 15: the default list holds the journeys' 11 operations and 7 vod-mcp tools.
DEFAULT_TOOLS = 18

# Which libraries each client venv of tools/client-env must have; VOD_MCP_CLIENT_MATRIX names the venv (mcp2, mcp1).
EXPECTED = {
    "mcp2": {"mcp", "fastmcp", "agents", "pydantic_ai", "llama_index.tools.mcp", "google.genai"},
    "mcp1": {"mcp", "langchain_mcp_adapters", "google.genai"},
}
REQUIRED = EXPECTED.get(os.environ.get("VOD_MCP_CLIENT_MATRIX", ""), set())
ALL = ["--toolsets", "all"]


def library(name):
    """The client library; a failure when this venv must have it, else a skip when it is missing."""
    if name in REQUIRED:
        return importlib.import_module(name)
    return pytest.importorskip(name)


@pytest.fixture(scope="module")
def listing(vod_mcp_bin):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ALIBABA_CLOUD_", "VOD_MCP_"))}
    tools = tool_definitions(vod_mcp_bin, env, test_tools=False)
    # All 188 operations and the 9 helper tools, each once (the last two helpers: the URL and callback signers).
    names = [tool["name"] for tool in tools]
    catalog = json.loads((pathlib.Path(__file__).resolve().parents[2] / "tools/catalog/vod-catalog.json").read_text())
    missing = {operation["action"] for operation in catalog["operations"]} - set(names)
    assert not missing and len(names) == len(set(names)) == 197, (len(names), sorted(missing))
    return {tool["name"]: tool for tool in tools}


@pytest.fixture()
def workdir(tmp_path):
    (tmp_path / "clip.mp4").write_bytes(b"not a real video; the sandbox only stores and checksums it " * 64)
    return tmp_path


def server_env(clean_env):
    return dict(clean_env)


def as_dict(tool):
    """An MCP Tool object (any SDK version) as the wire dict."""
    if isinstance(tool, dict):
        return tool
    return tool.model_dump(by_alias=True, exclude_none=True, mode="json")


# The calls every client makes, in order: (label, tool, arguments); "<video>" is the uploaded VideoId.
SCENARIO = [
    ("read", "SearchMedia", {"SearchType": "video", "PageSize": 10}),
    ("dry run", "SearchMedia", {"SearchType": "video", "PageSize": 10, "DryRun": True}),
    ("upload", "upload_media_file", {"FilePath": "clip.mp4", "Title": "matrix"}),
    ("read after upload", "GetVideoInfo", {"VideoId": "<video>"}),
    ("write", "UpdateVideoInfo", {"VideoId": "<video>", "Title": "renamed by the matrix"}),
    ("strict-mode fillers", "SearchMedia", {"SearchType": "video", "PageSize": 10, "Match": "", "ScrollToken": None,
                                            "Fields": ""}),
    ("destructive, confirmed", "DeleteVideo", {"VideoIds": "<video>", "Confirm": True}),
]


async def run_scenario(client_name, call, schemas):
    """Runs SCENARIO through `call(name, arguments) -> (is_error, structured, text)`; returns the failures."""
    failures, video = [], None
    for label, name, arguments in SCENARIO:
        arguments = {k: (video if v == "<video>" else v) for k, v in arguments.items()}
        try:
            is_error, structured, text = await call(name, arguments)
        except Exception as error:  # the client itself refused the result
            failures.append(f"{client_name}: {name} ({label}): {type(error).__name__}: {error}")
            continue
        if is_error:
            failures.append(f"{client_name}: {name} ({label}): error result: {text[:300]}")
            continue
        result = {"isError": False, "content": [{"type": "text", "text": text}]}
        if structured is not None:
            result["structuredContent"] = structured
        failures += [f"{client_name}: {problem}" for problem in contract_problems(schemas, name, result)]
        if name == "upload_media_file":
            video = (structured or {}).get("VideoId")
            if not video:
                failures.append(f"{client_name}: upload_media_file: no VideoId in {structured}")
                return failures
        if label == "dry run" and (structured or {}).get("dryRun") is not True:
            failures.append(f"{client_name}: {name} (dry run): structuredContent is not a dry run: {structured}")
        if label == "read after upload" and video not in text:
            failures.append(f"{client_name}: GetVideoInfo: the text content does not name the video {video}")
    return failures


def text_of(content):
    return "\n".join(getattr(block, "text", "") or "" for block in content or [])


def check(failures):
    assert failures == [], "\n".join(failures)


def count_failures(client, listing, convert):
    """Runs `convert(name, tool)` over every listed tool; returns 'client: tool: reason' for each failure."""
    failures = []
    for name, tool in sorted(listing.items()):
        try:
            problem = convert(name, tool)
        except Exception as error:
            problem = f"{type(error).__name__}: {error}"
        if problem:
            failures.append(f"{client}: {name}: {problem}"[:400])
    print(f"conversion {client}: {len(listing)} tools, {len(failures)} failures")
    return failures


# --- the official MCP Python SDK ---------------------------------------------------------------------------------

def official_sdk_major():
    mcp = library("mcp")
    from importlib.metadata import version
    return int(version("mcp").split(".")[0])


@pytest.mark.parametrize("mode", ["auto", "legacy"])
def test_official_sdk_2(vod_mcp_bin, clean_env, workdir, listing, mode):
    if official_sdk_major() < 2:
        pytest.skip("this venv has the 1.x SDK; test_official_sdk_1 covers it")
    from mcp import Client
    from mcp.client.stdio import StdioServerParameters
    schemas = {name: tool.get("outputSchema") for name, tool in listing.items()}

    async def scenario():
        failures = []
        params = StdioServerParameters(command=vod_mcp_bin, args=["--sandbox"], env=server_env(clean_env), cwd=str(workdir))
        async with Client(params, mode=mode) as client:
            listed = [as_dict(t) for t in (await client.list_tools()).tools]
            if len(listed) < DEFAULT_TOOLS:
                failures.append(f"mcp-{mode}: default listing has only {len(listed)} tools")

            async def call(name, arguments):
                result = await client.call_tool(name, arguments)
                return result.is_error, result.structured_content, text_of(result.content)

            failures += await run_scenario(f"mcp-{mode}", call, schemas)
        params = StdioServerParameters(command=vod_mcp_bin, args=["--sandbox", *ALL], env=server_env(clean_env))
        async with Client(params, mode=mode) as client:
            names = {t.name for t in (await client.list_tools()).tools}
            if names != set(listing):
                failures.append(f"mcp-{mode}: --toolsets all lists {len(names)} tools, expected {len(listing)}")
        return failures

    check(anyio.run(scenario))


def test_official_sdk_1(vod_mcp_bin, clean_env, workdir, listing):
    if official_sdk_major() >= 2:
        pytest.skip("this venv has the 2.x SDK; test_official_sdk_2 covers it")
    from mcp import ClientSession
    from mcp.client.stdio import StdioServerParameters, stdio_client
    schemas = {name: tool.get("outputSchema") for name, tool in listing.items()}

    async def scenario():
        failures = []
        params = StdioServerParameters(command=vod_mcp_bin, args=["--sandbox"], env=server_env(clean_env), cwd=str(workdir))
        async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
            await session.initialize()
            listed = (await session.list_tools()).tools
            if len(listed) < DEFAULT_TOOLS:
                failures.append(f"mcp1: default listing has only {len(listed)} tools")

            async def call(name, arguments):
                result = await session.call_tool(name, arguments)
                return result.isError, result.structuredContent, text_of(result.content)

            failures += await run_scenario("mcp1", call, schemas)
        params = StdioServerParameters(command=vod_mcp_bin, args=["--sandbox", *ALL], env=server_env(clean_env))
        async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
            await session.initialize()
            names = {t.name for t in (await session.list_tools()).tools}
            if names != set(listing):
                failures.append(f"mcp1: --toolsets all lists {len(names)} tools, expected {len(listing)}")
        return failures

    check(anyio.run(scenario))


# --- fastmcp -----------------------------------------------------------------------------------------------------

def test_fastmcp(vod_mcp_bin, clean_env, workdir, listing):
    library("fastmcp")
    from fastmcp import Client
    from fastmcp.client.transports import StdioTransport
    from fastmcp.utilities.json_schema_type import json_schema_to_type
    schemas = {name: tool.get("outputSchema") for name, tool in listing.items()}

    async def scenario():
        failures = []
        transport = StdioTransport(vod_mcp_bin, ["--sandbox"], env=server_env(clean_env), cwd=str(workdir))
        async with Client(transport) as client:
            if len(await client.list_tools()) < DEFAULT_TOOLS:
                failures.append("fastmcp: default listing is short")

            async def call(name, arguments):
                result = await client.call_tool(name, arguments, raise_on_error=False)
                return result.is_error, result.structured_content, text_of(result.content)

            failures += await run_scenario("fastmcp", call, schemas)
        transport = StdioTransport(vod_mcp_bin, ["--sandbox", *ALL], env=server_env(clean_env))
        async with Client(transport) as client:
            tools = {t.name: as_dict(t) for t in await client.list_tools()}
        if set(tools) != set(listing):
            failures.append(f"fastmcp: --toolsets all lists {len(tools)} tools")

        def convert(name, tool):
            json_schema_to_type(tool["inputSchema"])
            if tool.get("outputSchema"):
                json_schema_to_type(tool["outputSchema"])

        failures += count_failures("fastmcp json_schema_to_type", tools, convert)
        return failures

    check(anyio.run(scenario))


# --- openai-agents -----------------------------------------------------------------------------------------------

def test_openai_agents(vod_mcp_bin, clean_env, workdir, listing):
    library("agents")
    from agents.mcp import MCPServerStdio
    from agents.mcp.util import MCPUtil
    schemas = {name: tool.get("outputSchema") for name, tool in listing.items()}

    async def scenario():
        failures = []
        server = MCPServerStdio(
            params={"command": vod_mcp_bin, "args": ["--sandbox"], "env": server_env(clean_env), "cwd": str(workdir)},
            client_session_timeout_seconds=30)
        async with server:
            if len(await server.list_tools()) < DEFAULT_TOOLS:
                failures.append("openai-agents: default listing is short")

            async def call(name, arguments):
                result = await server.call_tool(name, arguments)
                return result.isError, result.structuredContent, text_of(result.content)

            failures += await run_scenario("openai-agents", call, schemas)
        server = MCPServerStdio(params={"command": vod_mcp_bin, "args": ["--sandbox", *ALL], "env": server_env(clean_env)},
                                client_session_timeout_seconds=30)
        async with server:
            tools = {t.name: t for t in await server.list_tools()}
            if set(tools) != set(listing):
                failures.append(f"openai-agents: --toolsets all lists {len(tools)} tools")

            def convert(name, tool):
                function_tool = MCPUtil.to_function_tool(tool, server, convert_schemas_to_strict=True)
                if not function_tool.strict_json_schema:
                    return "strict conversion failed (ensure_strict_json_schema refused the schema)"

            failures += count_failures("openai-agents strict", tools, convert)
        return failures

    check(anyio.run(scenario))


# --- pydantic-ai -------------------------------------------------------------------------------------------------

def test_pydantic_ai(vod_mcp_bin, clean_env, workdir, listing):
    library("pydantic_ai")
    from fastmcp import Client
    from fastmcp.client.transports import StdioTransport
    from pydantic_ai.mcp import MCPToolset
    from pydantic_ai.profiles.google import GoogleJsonSchemaTransformer
    from pydantic_ai.profiles.openai import OpenAIJsonSchemaTransformer
    schemas = {name: tool.get("outputSchema") for name, tool in listing.items()}

    async def scenario():
        failures = []
        toolset = MCPToolset(Client(StdioTransport(vod_mcp_bin, ["--sandbox"], env=server_env(clean_env),
                                                   cwd=str(workdir))))
        async with toolset:
            if len(await toolset.list_tools()) < DEFAULT_TOOLS:
                failures.append("pydantic-ai: default listing is short")

            async def call(name, arguments):
                value = await toolset.direct_call_tool(name, arguments)
                # direct_call_tool returns the structured content when there is some, else the text.
                if isinstance(value, dict):
                    return False, value, json.dumps(value)
                return False, None, value if isinstance(value, str) else json.dumps(value, default=str)

            failures += await run_scenario("pydantic-ai", call, schemas)
        toolset = MCPToolset(Client(StdioTransport(vod_mcp_bin, ["--sandbox", *ALL], env=server_env(clean_env))))
        async with toolset:
            tools = {t.name: as_dict(t) for t in await toolset.list_tools()}
        if set(tools) != set(listing):
            failures.append(f"pydantic-ai: --toolsets all lists {len(tools)} tools")

        def openai_strict(name, tool):
            transformer = OpenAIJsonSchemaTransformer(json.loads(json.dumps(tool["inputSchema"])), strict=True)
            transformer.walk()
            if not transformer.is_strict_compatible:
                return "not strict-compatible"

        def google(name, tool):
            GoogleJsonSchemaTransformer(json.loads(json.dumps(tool["inputSchema"]))).walk()

        failures += count_failures("pydantic-ai OpenAI strict", tools, openai_strict)
        failures += count_failures("pydantic-ai Google", tools, google)
        return failures

    check(anyio.run(scenario))


# --- langchain-mcp-adapters (mcp 1.x venv) -----------------------------------------------------------------------

def test_langchain_mcp_adapters(vod_mcp_bin, clean_env, workdir, listing):
    library("langchain_mcp_adapters")
    from langchain_core.utils.function_calling import convert_to_openai_tool
    from langchain_mcp_adapters.client import MultiServerMCPClient
    schemas = {name: tool.get("outputSchema") for name, tool in listing.items()}

    def connection(args, cwd=None):
        spec = {"command": vod_mcp_bin, "args": args, "env": server_env(clean_env), "transport": "stdio"}
        if cwd:
            spec["cwd"] = str(cwd)
        return MultiServerMCPClient({"vod": spec})

    async def scenario():
        failures = []
        client = connection(["--sandbox"], workdir)
        async with client.session("vod") as session:
            from langchain_mcp_adapters.tools import load_mcp_tools
            tools = {t.name: t for t in await load_mcp_tools(session)}
            if len(tools) < DEFAULT_TOOLS:
                failures.append("langchain: default listing is short")

            async def call(name, arguments):
                message = await tools[name].ainvoke(
                    {"type": "tool_call", "id": "1", "name": name, "args": arguments})
                artifact = message.artifact or {}
                structured = artifact.get("structured_content") if isinstance(artifact, dict) else None
                content = message.content
                text = content if isinstance(content, str) else "\n".join(
                    block.get("text", "") if isinstance(block, dict) else str(block) for block in content)
                return message.status == "error", structured, text

            failures += await run_scenario("langchain-mcp-adapters", call, schemas)
        tools = {t.name: t for t in await connection(["--sandbox", *ALL]).get_tools()}
        if set(tools) != set(listing):
            failures.append(f"langchain: --toolsets all lists {len(tools)} tools")
        failures += count_failures("langchain convert_to_openai_tool(strict=True)", tools,
                                   lambda name, tool: convert_to_openai_tool(tool, strict=True) and None)
        return failures

    check(anyio.run(scenario))


# --- llama-index -------------------------------------------------------------------------------------------------

def test_llama_index(vod_mcp_bin, clean_env, workdir, listing):
    library("llama_index.tools.mcp")
    from llama_index.tools.mcp import BasicMCPClient, McpToolSpec
    schemas = {name: tool.get("outputSchema") for name, tool in listing.items()}

    async def scenario():
        failures = []
        # BasicMCPClient starts a new server process per request, so the scenario keeps one state directory.
        client = BasicMCPClient(vod_mcp_bin, args=["--sandbox"], env=server_env(clean_env))
        tools = {t.metadata.name: t for t in await McpToolSpec(client=client).to_tool_list_async()}
        if len(tools) < DEFAULT_TOOLS:
            failures.append("llama-index: default listing is short")

        async def call(name, arguments):
            result = await client.call_tool(name, arguments)
            return result.isError, result.structuredContent, text_of(result.content)

        # Each call is its own sandbox process here, so only the calls that stand alone run.
        for label, name, arguments in SCENARIO[:2]:
            is_error, structured, text = await call(name, arguments)
            result = {"isError": is_error, "content": [], "structuredContent": structured}
            if is_error:
                failures.append(f"llama-index: {name} ({label}): {text[:200]}")
            failures += [f"llama-index: {p}" for p in contract_problems(schemas, name, result)]
        all_client = BasicMCPClient(vod_mcp_bin, args=["--sandbox", *ALL], env=server_env(clean_env))
        converted = {}

        def convert(name, tool):
            converted[name] = tool.metadata.to_openai_tool()
            tool.metadata.fn_schema.model_json_schema()

        all_tools = {t.metadata.name: t for t in await McpToolSpec(client=all_client).to_tool_list_async()}
        if set(all_tools) != set(listing):
            failures.append(f"llama-index: --toolsets all lists {len(all_tools)} tools")
        failures += count_failures("llama-index FunctionTool", all_tools, convert)
        return failures

    check(anyio.run(scenario))


# --- google-genai --------------------------------------------------------------------------------------------------

def test_google_genai(listing):
    library("google.genai")
    from google.genai import _mcp_utils, types
    from mcp.types import Tool

    def declaration(name, tool):
        types.FunctionDeclaration(name=name, description=tool.get("description"),
                                  parameters_json_schema=tool["inputSchema"])
        types.FunctionDeclaration(name=name, description=tool.get("description"),
                                  parameters=types.Schema.from_json_schema(json_schema=types.JSONSchema(
                                      **_mcp_utils._filter_to_supported_schema(tool["inputSchema"]))))

    def mcp_converter(name, tool):
        _mcp_utils.mcp_to_gemini_tool(Tool.model_validate(tool))

    failures = count_failures("google-genai FunctionDeclaration", listing, declaration)
    failures += count_failures("google-genai mcp_to_gemini_tool", listing, mcp_converter)
    check(failures)
