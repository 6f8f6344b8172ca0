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
CHECKS_DIR = ROOT / "tools" / "catalog" / "checks"
CHECKS = {p.stem: json.loads(p.read_text()) for p in sorted(CHECKS_DIR.glob("*.json"))}


def load_tool(name, path):
    loader = importlib.machinery.SourceFileLoader(name, str(path))
    spec = importlib.util.spec_from_loader(name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def load_checker():
    return load_tool("check_sdk_params", ROOT / "tools" / "check-sdk-params")


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
    if action in CHECKS:
        assert "Not checked against the API reference page" not in section
    else:
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
    assert f"Checked against the API reference pages: {len(CHECKS)} of {len(ACTIONS)} operations" in text


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


# The prose check against the API reference pages (tools/catalog/checks/<Action>.json, format in its README.md).

def test_there_are_check_records_and_each_names_a_known_operation():
    assert CHECKS, "no check record in tools/catalog/checks"
    unknown = sorted(set(CHECKS) - set(ACTIONS))
    assert not unknown, f"check records for operations not in the catalog: {unknown}"


@pytest.mark.parametrize("action", sorted(CHECKS))
def test_each_check_record_is_printed_on_its_page(action):
    record = CHECKS[action]
    assert record["action"] == action
    assert re.match(r"https://(www\.)?(alibabacloud\.com|help\.aliyun\.com)/", record["source"]), record["source"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", record["checked"])
    section = sources_section(action)
    head = next(l for l in section.splitlines() if l.startswith(f"- Checked {record['checked']} against the API"))
    assert record["source"] in head
    if record.get("sourceUpdated"):
        assert f"last updated {record['sourceUpdated']}" in head
    if record.get("via"):
        assert f"(read via {record['via']})" in head
    for item in record["confirmed"]:
        assert item in section
    for c in record["corrected"]:
        assert f"- Corrected on that check ({c['kind']}): {c['item']}: {c['change']}." in section
    for c in record["unconfirmed"]:
        assert f"- Not confirmed: {c['item']}: {c['why']}." in section
    page = (PAGES / f"{action}.md").read_text()
    params = page.split("\n## Parameters\n", 1)[1].split("\n## ", 1)[0]
    for d in record["requiredDiffers"]:
        assert f"`{d['parameter']}`: {'required' if d['docs'] else 'optional'} in Alibaba Cloud's API reference" in params
        assert d["kept"] in params


def test_a_required_flag_kept_against_the_docs_matches_the_tool_schema():
    """A record that says the schema keeps the SDK's flag must describe the catalog as it is."""
    by_action = {op["action"]: {p["name"]: p for p in op["parameters"]} for op in CATALOG["operations"]}
    for action, record in CHECKS.items():
        for d in record["requiredDiffers"]:
            param = by_action[action][d["parameter"]]
            assert param["required"] in (d["docs"], d["sdk"]), (action, d["parameter"])


def gen():
    return load_tool("gen_api_pages", ROOT / "tools" / "gen-api-pages")


def good_record():
    return {"action": "GetMezzanineInfo", "source": "https://www.alibabacloud.com/help/en/vod/x",
            "sourceUpdated": None, "checked": "2026-11-29", "confirmed": ["summary"],
            "corrected": [{"kind": "default", "item": "AuthTimeout", "change": "default stated"}],
            "unconfirmed": [{"item": "pitfall", "why": "not on the page"}],
            "requiredDiffers": [{"parameter": "VideoId", "docs": True, "sdk": False, "kept": "kept optional."}]}


@pytest.mark.parametrize("mutate, complaint", [
    (lambda r: r.pop("checked"), "`checked` is missing"),
    (lambda r: r.update(checked="29.11.2026"), "`checked` must be a date"),
    (lambda r: r.update(source="http://example.com"), "`source` must be an https:// URL"),
    (lambda r: r.update(action="GetVideoInfo"), "but the file is named GetMezzanineInfo.json"),
    (lambda r: r.update(extra=1), "`extra` is not a record member"),
    (lambda r: r.update(via=""), "`via` must be a non-empty string"),
    (lambda r: r["corrected"][0].update(kind="typo"), "`corrected[0].kind` is 'typo'"),
    (lambda r: r["corrected"][0].pop("change"), "`corrected[0]` must be an object with exactly kind, item, change"),
    (lambda r: r["unconfirmed"].append({"item": "x"}), "`unconfirmed[1]` must be an object"),
    (lambda r: r["requiredDiffers"][0].update(parameter="Nope"), "'Nope' is not a parameter of GetMezzanineInfo"),
    (lambda r: r["requiredDiffers"][0].update(sdk=True), "docs and sdk must be booleans that differ"),
])
def test_the_generator_refuses_a_malformed_record(tmp_path, mutate, complaint):
    g = gen()
    ops = g.load_catalog(str(ROOT / "tools" / "catalog" / "vod-catalog.json"))
    record = good_record()
    (tmp_path / "GetMezzanineInfo.json").write_text(json.dumps(record))
    assert g.load_checks(str(tmp_path), ops)["GetMezzanineInfo"] == record
    mutate(record)
    (tmp_path / "GetMezzanineInfo.json").write_text(json.dumps(record))
    with pytest.raises(g.CheckRecordError) as e:
        g.load_checks(str(tmp_path), ops)
    assert complaint in str(e.value) and "GetMezzanineInfo.json" in str(e.value)


def test_the_generator_prints_a_record_and_drops_the_not_checked_line():
    g = gen()
    ops = {o["name"]: o for o in g.load_catalog(str(ROOT / "tools" / "catalog" / "vod-catalog.json"))}
    op = ops["GetMezzanineInfo"]
    without = g.render(op, {}, {}, {})
    with_record = g.render(op, {}, {}, {}, good_record())
    assert "Not checked against the API reference page" in without
    assert "Not checked against the API reference page" not in with_record
    assert "- Corrected on that check (default): AuthTimeout: default stated." in with_record
    assert "- Not confirmed: pitfall: not on the page." in with_record
    params = with_record.split("\n## Parameters\n", 1)[1].split("\n## ", 1)[0]
    assert "`VideoId`: required in Alibaba Cloud's API reference, optional in the official SDK's request model; " \
           "kept optional." in params
    assert "- Required flag differs: `VideoId` is required in the API reference, optional in the SDK" in with_record
