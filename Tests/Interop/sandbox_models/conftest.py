"""Runs the operation plan once per session and holds the ratchet (see README.md in this folder).

Modes (environment variable VOD_SDK_MODELS):
- unset or `ratchet` (what tools/test runs): the tests of the operations and journeys listed in passing.txt run and
  must pass; the others are deselected (pytest counts them as "deselected"), and the terminal summary gives the
  full count. test_ratchet_is_current fails when an operation passes that passing.txt does not list yet.
- `all`: every test runs; today most fail, honestly. This is the to-do list; `-k` narrows it.
Each session writes the full report to VOD_SDK_MODELS_REPORT (default .build/sdk-models-report.txt).
"""

from __future__ import annotations

import os
import pathlib
import time

import pytest

import sdk_runner

REPORT = pathlib.Path(
    os.environ.get("VOD_SDK_MODELS_REPORT", str(sdk_runner.ROOT / ".build" / "sdk-models-report.txt")))
MODE = os.environ.get("VOD_SDK_MODELS", "ratchet")
_state: dict = {"run": None, "journeys": {}}


def ratchet_name(item: pytest.Item) -> str | None:
    """The name an item has in passing.txt: the operation, or `journey_<name>`; None for the suite's own checks."""
    callspec = getattr(item, "callspec", None)
    if callspec is not None and "action" in callspec.params:
        return callspec.params["action"]
    if item.originalname.startswith("test_journey_"):
        return item.originalname.removeprefix("test_")
    return None


def pytest_collection_modifyitems(config, items):
    if MODE not in ("ratchet", "all"):
        raise pytest.UsageError(f"VOD_SDK_MODELS must be 'ratchet' or 'all', not {MODE!r}")
    if MODE == "all":
        return
    listed = sdk_runner.ratchet()
    keep, drop = [], []
    for item in items:
        name = ratchet_name(item) if item.path.parent == pathlib.Path(__file__).parent else None
        (drop if name is not None and name not in listed else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


class OperationRun:
    def __init__(self, outcomes, notes, binary, seconds):
        self.outcomes, self.notes, self.binary, self.seconds = outcomes, notes, binary, seconds


@pytest.fixture(scope="session")
def operation_run(vod_mcp_bin) -> OperationRun:
    """All 188 operations, once, in plan order (creates first, deletes last) against one sandbox."""
    started = time.time()
    outcomes, notes, _ = sdk_runner.run_all(vod_mcp_bin)
    _state["run"] = OperationRun(outcomes, notes, vod_mcp_bin, time.time() - started)
    return _state["run"]


def pytest_runtest_logreport(report):
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        name = report.nodeid.rsplit("::", 1)[-1]
        if name.startswith("test_journey_"):
            _state["journeys"][name.removeprefix("test_")] = report.outcome


def pytest_sessionfinish(session, exitstatus):
    run = _state["run"]
    if run is None:
        return
    text = sdk_runner.report(run.outcomes, run.notes, run.binary, run.seconds, _state["journeys"] or None)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(text)
    REPORT.with_suffix(".json").write_text(sdk_runner.report_json(run.outcomes, _state["journeys"] or None))
    if os.environ.get("VOD_SDK_MODELS_UPDATE_RATCHET") == "1":
        passing = {name for name, outcome in run.outcomes.items() if outcome.passed}
        passing |= {name for name, outcome in _state["journeys"].items() if outcome == "passed"}
        added = sdk_runner.add_to_ratchet(passing)
        _state["added"] = added


def pytest_terminal_summary(terminalreporter):
    run = _state["run"]
    if run is None:
        return
    passed = sum(outcome.passed for outcome in run.outcomes.values())
    listed = sdk_runner.ratchet()
    terminalreporter.write_sep("-", "SDK-model fidelity of the sandbox")
    terminalreporter.write_line(
        f"{passed} of {len(run.outcomes)} operations meet the bar (Done when: {len(run.outcomes)} of "
        f"{len(run.outcomes)}); passing.txt lists {len(listed)}; mode {MODE}; full report: {REPORT}")
    if "added" in _state:
        terminalreporter.write_line(f"added to passing.txt: {', '.join(sorted(_state['added'])) or 'nothing'}")
