print("vod-mcp")
