"""The baseline: a minimal MCP server on the official Python SDK (mcp 2.3, MCPServer) with one tool, over stdio."""
from mcp.server.mcpserver import MCPServer

server = MCPServer("baseline")


@server.tool()
def echo(text: str) -> str:
    """Returns its input."""
    return text


if __name__ == "__main__":
    server.run("stdio")
