"""Every VOD operation through the official Python SDK against `vod-mcp sandbox`, checked against its SDK model.

One test per operation (ids are the action names, so `-k GetPlayInfo` selects one). The bar: the operation answers
(not Sandbox.Unsupported, not an error) with valid arguments, and its body parses with the SDK model's `from_map`
without loss, carries every key the model declares that the service returns in that case, uses the model's types,
and adds no key the model lacks (unless sdk_expectations documents it). See README.md for the ratchet.
"""

from __future__ import annotations

import json
import pathlib

import pytest

import sdk_pairs
import sdk_plan
import sdk_runner

ACTIONS = sorted(sdk_plan.catalog())


@pytest.mark.parametrize("action", ACTIONS)
def test_operation(operation_run, action):
    outcome = operation_run.outcomes[action]
    where = f"{action} with {json.dumps(outcome.args, sort_keys=True)[:400]}"
    assert outcome.status == "answered", f"{where}: {outcome.summary()}"
    assert not outcome.problems, f"{where}: the body does not meet the SDK model:\n  " + "\n  ".join(
        outcome.problems) + f"\nbody: {json.dumps(outcome.body, sort_keys=True)[:1500]}"


def test_plan_covers_every_operation_of_the_catalog_and_the_sdk():
    reported = [step.action for step in sdk_plan.STEPS if step.report]
    assert sorted(reported) == ACTIONS, "each catalog operation must appear in the plan exactly once"
    assert len(ACTIONS) == 188
    assert sorted(sdk_runner.SDK_METHODS) == ACTIONS, "the SDK's operations and the catalog's differ"


def test_ratchet_lists_only_known_names():
    journeys = sorted(pathlib.Path(__file__).parent.glob("test_sdk_journeys*.py"))
    names = [name for module in journeys for name in dir(__import__(module.stem))] + list(globals())
    known = set(ACTIONS) | {name.removeprefix("test_") for name in names if name.startswith("test_journey_")}
    unknown = sorted(sdk_runner.ratchet() - known)
    assert not unknown, f"passing.txt names what is neither an operation nor a journey: {unknown}"


def test_ratchet_is_current(operation_run):
    """The ratchet only moves forward: an operation that meets the bar must be listed, so it cannot regress."""
    listed = sdk_runner.ratchet()
    unlisted = sorted(action for action, outcome in operation_run.outcomes.items()
                      if outcome.passed and action not in listed)
    assert not unlisted, (
        f"these operations now meet the bar but passing.txt does not list them: {unlisted}. "
        "Run `tools/sdk-models --update-ratchet` (or add them by hand) and commit passing.txt.")


def test_pairs_cover_every_write():
    writes = {action for action, operation in sdk_plan.catalog().items() if operation["access"] != "read"}
    assert set(sdk_pairs.READS) == writes
    reads = {read for pair in sdk_pairs.READS.values() for read in pair}
    assert all(sdk_plan.catalog()[read]["access"] == "read" for read in reads)


def test_journey_every_write_has_its_read(operation_run):
    """Issue 14's Done-when: every write that meets the bar has a read that does too (to see what it did).
    Named like a journey so the ratchet holds it (`journey_every_write_has_its_read`) until it passes."""
    missing = sdk_pairs.writes_without_read(operation_run.outcomes)
    assert not missing, "writes that pass while none of their reads does: " + "; ".join(
        f"{write} -> {' / '.join(reads)}" for write, reads in sorted(missing.items()))


def test_plan_arguments_are_valid_for_the_catalog():
    """The run sends valid arguments: required ones present, enums, bounds, lengths and JSON text as the catalog
    says (with placeholder IDs; the live run fills in real ones of the same form)."""
    catalog = sdk_plan.catalog()
    state = sdk_plan.initial_state({"bucket": "outin-test", "region": "cn-shanghai"}, "http://127.0.0.1:1")
    problems = []
    for step in sdk_plan.STEPS:
        operation = catalog[step.action]
        args = sdk_plan.arguments(step, operation, state)
        parameters = {parameter["name"]: parameter for parameter in operation["parameters"]}
        problems += [f"{step.action}: unknown {name}" for name in args if name not in parameters]
        problems += [f"{step.action}: {name} missing" for name, parameter in parameters.items()
                     if parameter["required"] and name not in args]
        for name, value in args.items():
            parameter = parameters.get(name)
            if parameter is None:
                continue
            items = str(value).split(",") if parameter["wire"] == "commaList" else [value]
            if "enum" in parameter and any(str(item) not in map(str, parameter["enum"]) for item in items):
                problems.append(f"{step.action}: {name}={value!r} not in {parameter['enum']}")
            if "maxItems" in parameter and len(items) > parameter["maxItems"]:
                problems.append(f"{step.action}: {name} has more than {parameter['maxItems']} items")
            if "maxLength" in parameter and len(str(value)) > parameter["maxLength"]:
                problems.append(f"{step.action}: {name} longer than {parameter['maxLength']}")
            if parameter["type"] == "integer":
                number = int(value)
                if number < parameter.get("minimum", number) or number > parameter.get("maximum", number):
                    problems.append(f"{step.action}: {name}={number} out of bounds")
            if parameter["wire"] in ("jsonString", "jsonArrayString"):
                try:
                    json.loads(value)
                except ValueError:
                    problems.append(f"{step.action}: {name} is not JSON text")
        for group in operation.get("requiresOneOf", []):
            if not any(name in args for name in group):
                problems.append(f"{step.action}: needs one of {group}")
    assert not problems, "\n".join(problems)
