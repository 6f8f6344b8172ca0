"""The baseline: a minimal MCP server on the official Python SDK (mcp 2.3, MCPServer) with one tool, over stdio, or
with `--http PORT` over stateless Streamable HTTP (JSON answers) at 127.0.0.1:PORT/mcp."""
import sys

from mcp.server.mcpserver import MCPServer

server = MCPServer("baseline")


@server.tool()
def echo(text: str) -> str:
    """Returns its input."""
    return text


if __name__ == "__main__":
    if sys.argv[1:2] == ["--http"]:
        server.run("streamable-http", host="127.0.0.1", port=int(sys.argv[2]), json_response=True, stateless_http=True)
    else:
        server.run("stdio")
