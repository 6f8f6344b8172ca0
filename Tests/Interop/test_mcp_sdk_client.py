"""The official MCP Python SDK client (mcp 2.3) drives the built vod-mcp binary in both protocol eras."""
import anyio
import pytest
from mcp import Client
from mcp.client.stdio import StdioServerParameters


def run(coro):
    return anyio.run(coro)


@pytest.mark.parametrize("mode,expected_version", [("auto", "2026-07-28"), ("legacy", "2025-11-25")])
def test_sdk_client_session(vod_mcp_bin, clean_env, mode, expected_version):
    params = StdioServerParameters(command=vod_mcp_bin, args=["--test-tools"], env=clean_env)

    async def scenario():
        async with Client(params, mode=mode) as client:
            assert client.protocol_version == expected_version
            assert client.server_info is not None and client.server_info.name == "vod-mcp"
            assert "vod-mcp" in (client.instructions or "")

            tools = await client.list_tools()
            names = {tool.name for tool in tools.tools}
            assert "test_sleep" in names
            for tool in tools.tools:
                assert tool.input_schema["type"] == "object"

            progress = []

            async def on_progress(value, total, message):
                progress.append((value, total, message))

            result = await client.call_tool(
                "test_sleep", {"Steps": 2, "StepMilliseconds": 10}, progress_callback=on_progress
            )
            assert not result.is_error
            assert result.structured_content == {"steps": 2}
            assert [p[0] for p in progress] == [1, 2]

            failed = await client.call_tool("test_sleep", {"Steps": 0})
            assert failed.is_error

            resources = await client.list_resources()
            if resources.resources:
                first = resources.resources[0]
                read = await client.read_resource(str(first.uri))
                assert read.contents and str(read.contents[0].uri) == str(first.uri)

            with pytest.raises(Exception):
                await client.read_resource("vod://docs/definitely-missing.md")

    run(scenario)
