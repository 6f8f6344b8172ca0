"""The check record of the generated API pages (issue 19): every page names Alibaba's API reference page and the
result of comparing its parameters with the official SDK's request model, and the comparison itself can fail.

The parameter names are also cross-checked through the SDK's own code (each request model's from_map/to_map), not
only through tools/check-sdk-params' reading of the model source.
"""
import importlib.machinery
import importlib.util
import json
import pathlib
import re

import alibabacloud_vod20170321.models as sdk_models
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
PAGES = ROOT / "llms" / "API Reference"
CATALOG = json.loads((ROOT / "tools" / "catalog" / "vod-catalog.json").read_text())
RECORD = json.loads((ROOT / "tools" / "catalog" / "sdk-param-check.json").read_text())
REGIONS = json.loads((ROOT / "tools" / "regions" / "vod-regions.json").read_text())
ACTIONS = [op["action"] for op in CATALOG["operations"]]


def load_checker():
    loader = importlib.machinery.SourceFileLoader("check_sdk_params", str(ROOT / "tools" / "check-sdk-params"))
    spec = importlib.util.spec_from_loader("check_sdk_params", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def sources_section(action):
    text = (PAGES / f"{action}.md").read_text()
    assert text.count("\n## Sources\n") == 1, action
    return text.split("\n## Sources\n", 1)[1]


@pytest.mark.parametrize("action", ACTIONS)
def test_every_page_has_its_check_record(action):
    section = sources_section(action)
    assert f"https://www.alibabacloud.com/help/en/vod/developer-reference/api-vod-2017-03-21-{action.lower()}" in section
    entry = RECORD["operations"][action]
    assert f"Checked {RECORD['checked']}: the parameter list" in section
    assert "alibabacloud_vod20170321 3.12.1" in section and entry["model"] in section
    assert ("no differences" in section) == (not entry["problems"])
    assert "Not checked against the API reference page" in section


def test_single_region_operations_say_so_with_their_source():
    single = {r["action"]: r for r in REGIONS["single_region_operations"]}
    assert single, "the region table lists no single-region operation"
    for action in ACTIONS:
        section = sources_section(action)
        if action in single:
            line = next(l for l in section.splitlines() if l.startswith("- Served only from"))
            assert f"`{single[action]['region']}`" in line and single[action]["source"] in line
        else:
            assert "Served only from" not in section, action


def test_overview_page_has_a_record_too():
    text = (PAGES / "Overview.md").read_text()
    assert "\n## Sources\n" in text
    assert re.search(r"\((\d+) operations, (\d+) parameters", text).group(1) == str(len(ACTIONS))


def test_catalog_names_round_trip_through_the_sdk_models():
    """Independent of the source reading: the SDK's own from_map/to_map keep every catalog parameter name."""
    for op in CATALOG["operations"]:
        model = getattr(sdk_models, op["action"] + "Request")
        sent = {p["name"]: ("1" if p["type"] != "array" or p["wire"] != "repeatList" else []) for p in op["parameters"]}
        kept = model().from_map(sent).to_map()
        missing = sorted(set(sent) - set(kept))
        assert not missing, f"{op['action']}: the SDK model drops {missing}"


def test_the_comparison_reports_differences():
    checker = load_checker()
    models_dir = pathlib.Path(sdk_models.__file__).parent
    op = json.loads(json.dumps(next(o for o in CATALOG["operations"] if o["action"] == "AddTranscodeTemplateGroup")))
    model, _ = checker.sdk_model(str(models_dir), "AddTranscodeTemplateGroup")
    assert checker.compare(op, model) == ([], [])
    by_name = {p["name"]: p for p in op["parameters"]}
    by_name["AppId"]["required"] = True
    by_name["Name"]["type"] = "integer"
    op["parameters"] = [p for p in op["parameters"] if p["name"] != "TranscodeTemplateList"]
    op["parameters"].append({"name": "Bogus", "type": "string", "required": False, "wire": "plain"})
    problems, _ = checker.compare(op, model)
    assert problems == [
        "only in the SDK: TranscodeTemplateList",
        "only in the catalog: Bogus",
        "AppId: required True in the catalog, False in the SDK",
        "Name: type integer in the catalog, string in the SDK",
    ]


def test_required_flags_are_read_from_the_sdk():
    checker = load_checker()
    models_dir = pathlib.Path(sdk_models.__file__).parent
    model, _ = checker.sdk_model(str(models_dir), "CreateUploadVideo")
    assert model["FileName"]["required"] and model["Title"]["required"]
    assert not model["Description"]["required"]
