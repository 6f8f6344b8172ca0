"""Client libraries other than the official SDK 2.x over `vod-mcp serve --http`: fastmcp's HTTP client in both eras
(`mode="auto"` negotiates 2026-07-28, `mode="legacy"` the initialize handshake), with a bearer token and a
confirmation each way, and the official SDK 1.x's `streamablehttp_client` (handshake era only).

`tools/test` runs this file in each venv of `tools/client-env` with VOD_MCP_CLIENT_MATRIX=mcp2 or mcp1; there a
library that venv must have fails instead of skipping. In the main venv both parts skip."""
import importlib
import importlib.metadata
import os

import anyio
import pytest

from http_server import start, stop

EXPECTED = {"mcp2": {"fastmcp"}, "mcp1": {"mcp.client.streamable_http"}}
REQUIRED = EXPECTED.get(os.environ.get("VOD_MCP_CLIENT_MATRIX", ""), set())
VIDEO = "0123456789abcdef0123456789abcdef"
TOKEN = "fastmcp-bearer-token-0123456789"


def library(name):
    if name in REQUIRED:
        return importlib.import_module(name)
    return pytest.importorskip(name)


@pytest.fixture()
def server(vod_mcp_bin, clean_env, tmp_path):
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n")
    instance = start(vod_mcp_bin, clean_env, tmp_path, "--http-token-file", str(token_file))
    yield instance
    stop(instance)


@pytest.mark.parametrize("mode,answer", [("auto", "accept"), ("auto", "decline"), ("legacy", "accept"),
                                         ("legacy", "decline")])
def test_fastmcp_http_client(server, mode, answer):
    fastmcp = library("fastmcp")
    from fastmcp.client.elicitation import ElicitResult

    asked = []

    async def on_elicit(message, response_type, params, context):
        asked.append(message)
        if answer == "accept":
            return ElicitResult(action="accept", content={"confirm": True})
        return ElicitResult(action="decline")

    async def scenario():
        async with fastmcp.Client(server.url, auth=TOKEN, mode=mode, elicitation_handler=on_elicit) as client:
            expected = "2026-07-28" if mode == "auto" else "2025-11-25"
            assert client.protocol_version == expected, client.protocol_version
            tools = {tool.name for tool in await client.list_tools()}
            assert "test_sleep" in tools and "upload_media_file" not in tools
            result = await client.call_tool("test_sleep", {"Steps": 2, "StepMilliseconds": 10})
            assert result.structured_content == {"steps": 2}
            result = await client.call_tool("DeleteVideo", {"VideoIds": VIDEO}, raise_on_error=False)
            text = result.content[0].text
            assert len(asked) == 1 and "DeleteVideo" in asked[0], f"{mode}: the confirmation reached the handler"
            if answer == "decline":
                assert result.is_error and "Safety.ConfirmationDeclined" in text, text
            else:
                assert "Safety.Confirmation" not in text, text

    anyio.run(scenario)


def test_fastmcp_without_the_token_is_refused(server):
    fastmcp = library("fastmcp")

    async def scenario():
        async with fastmcp.Client(server.url, mode="legacy") as client:
            await client.list_tools()

    with pytest.raises(Exception) as refused:
        anyio.run(scenario)
    assert "401" in repr(refused.value) or "Unauthorized" in repr(refused.value), repr(refused.value)


def test_official_sdk_1x_streamable_http_client(server):
    streamable_http = library("mcp.client.streamable_http")
    if importlib.metadata.version("mcp").split(".")[0] != "1":
        assert "mcp.client.streamable_http" not in REQUIRED
        pytest.skip("the official SDK 2.x HTTP client is tested in test_http_transport.py and test_http_sessions.py")
    import httpx
    from mcp import ClientSession, types

    asked = []

    async def on_elicit(context, params):
        asked.append(params.message)
        return types.ElicitResult(action="decline")

    async def scenario():
        http = httpx.AsyncClient(headers={"Authorization": f"Bearer {TOKEN}"})
        async with http, streamable_http.streamable_http_client(server.url, http_client=http) as (
            read, write, session_id):
            async with ClientSession(read, write, elicitation_callback=on_elicit) as session:
                initialized = await session.initialize()
                assert initialized.protocolVersion in ("2025-06-18", "2025-11-25")
                assert session_id(), "initialize returned an Mcp-Session-Id"
                tools = {tool.name for tool in (await session.list_tools()).tools}
                assert "test_sleep" in tools
                progress = []

                async def on_progress(value, total, message):
                    progress.append(value)

                result = await session.call_tool(
                    "test_sleep", {"Steps": 3, "StepMilliseconds": 10}, progress_callback=on_progress)
                assert result.structuredContent == {"steps": 3} and progress == [1, 2, 3]
                result = await session.call_tool("DeleteVideo", {"VideoIds": VIDEO})
                assert len(asked) == 1 and "Safety.ConfirmationDeclined" in result.content[0].text

    anyio.run(scenario)
