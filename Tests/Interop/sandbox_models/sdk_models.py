"""Reads the official VOD SDK's response models generically and checks a response body against them.

The Tea/Darabonba models in `alibabacloud_vod20170321.models` are generated code: each class declares its fields
in `__init__` (annotated `str`, `int`, `float`, `bool`, `List[str]`, `main_models.X` or `List[main_models.X]`, with
the API reference's field description as comments above each assignment) and maps them to wire keys in
`from_map` (`if m.get('Key') is not None: self.attr = ...`). This module reads both from the installed source, so
every one of the 188 operations is checked by the same code; nothing here is written per operation.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import re
from typing import Any

from alibabacloud_vod20170321 import models as vod_models

_FROM_MAP_KEY = re.compile(
    r"m\.get\('([^']+)'\) is not None:\s*\n(?:\s*temp_model = [^\n]*\n)?\s*"
    r"(?:for \w+ in [^\n]*\n\s*)?(?:temp_model = [^\n]*\n\s*)?self\.(\w+)")
_ASSIGN = re.compile(r"^\s*self\.(\w+) = \w+\s*$")
_COMMENT = re.compile(r"^\s*#\s?(.*)$")

# Words in a field's description (the SDK copies the API reference into the model comments) that say the service
# returns the field only in some cases, or no longer returns it. A declared field so described that is absent from
# a response is reported as "missing (unconfirmed)" and does not fail the operation.
_CONDITIONAL = re.compile(
    r"deprecated|no longer|not returned|is not returned|returned only|only returned|is returned (?:only )?(?:if|when)|"
    r"returned if|returned when|only (?:if|when|for|after|in)|if you (?:set|specify)|"
    r"this parameter is (?:valid|available)|takes effect only|is displayed only|appears only|internal use|"
    r"reserved for|is empty if|is empty when|may be empty",
    re.IGNORECASE,
)


@dataclasses.dataclass(frozen=True)
class Field:
    key: str          # wire name, e.g. "VideoId"
    attr: str         # Python attribute, e.g. "video_id"
    kind: str         # "str" | "int" | "float" | "bool" | "list" | "model" | "model_list" | "any"
    item: str | None  # "str"/"int"/... for lists of scalars
    model: str | None  # class name of a nested model (for "model" and "model_list")
    conditional: bool  # the description says the field is returned only in some cases (or is deprecated)
    doc: str


def _parse_annotation(text: str) -> tuple[str, str | None, str | None]:
    text = text.strip().strip("'\"")
    if text in ("str", "int", "float", "bool"):
        return text, None, None
    match = re.fullmatch(r"List\[(?:main_models\.)?(\w+)\]", text)
    if match:
        inner = match.group(1)
        if inner in ("str", "int", "float", "bool"):
            return "list", inner, None
        if inner == "Any":
            return "list", "any", None
        return "model_list", None, inner
    match = re.fullmatch(r"main_models\.(\w+)", text)
    if match:
        return "model", None, match.group(1)
    return "any", None, None


@functools.lru_cache(maxsize=None)
def fields_of(class_name: str) -> tuple[Field, ...]:
    """The fields a model class declares, in declaration order."""
    cls = getattr(vod_models, class_name)
    annotations = dict(cls.__init__.__annotations__)
    docs: dict[str, str] = {}
    pending: list[str] = []
    for line in inspect.getsource(cls.__init__).splitlines():
        comment = _COMMENT.match(line)
        if comment:
            pending.append(comment.group(1))
            continue
        assign = _ASSIGN.match(line)
        if assign:
            docs[assign.group(1)] = " ".join(pending).strip()
        pending = []
    keys = {attr: key for key, attr in _FROM_MAP_KEY.findall(inspect.getsource(cls.from_map))}
    result = []
    for attr, annotation in annotations.items():
        if attr == "return" or attr not in keys:
            continue
        kind, item, model = _parse_annotation(str(annotation))
        doc = docs.get(attr, "")
        result.append(Field(keys[attr], attr, kind, item, model, bool(_CONDITIONAL.search(doc)), doc))
    missing_keys = set(annotations) - {"return"} - set(keys)
    if missing_keys:
        raise RuntimeError(f"{class_name}: could not find the wire keys of {sorted(missing_keys)} in from_map")
    return tuple(result)


def body_class_name(action: str) -> str:
    return action + "ResponseBody"


def request_class_name(action: str) -> str:
    return action + "Request"


@dataclasses.dataclass
class Check:
    """What the check found in one response body. Paths use `.` for nesting and `[]` for list items."""

    from_map_error: str | None = None
    lost: list[str] = dataclasses.field(default_factory=list)        # declared key whose value did not survive
    missing: list[str] = dataclasses.field(default_factory=list)     # declared, expected, absent
    missing_unconfirmed: list[str] = dataclasses.field(default_factory=list)
    extra: list[str] = dataclasses.field(default_factory=list)       # in the body, not declared by the model
    type_mismatches: list[str] = dataclasses.field(default_factory=list)

    def problems(self, *, allowed_extra: frozenset[str] = frozenset(), optional=lambda path: None) -> list[str]:
        """What fails the operation. `optional(path)` gives the reason a missing path is not demanded, or None."""
        found = []
        if self.from_map_error:
            found.append("from_map failed: " + self.from_map_error)
        found += ["lost: " + path for path in self.lost]
        found += ["missing: " + path for path in self.missing if not optional(path)]
        found += ["extra: " + path for path in self.extra if path not in allowed_extra]
        found += ["type: " + text for text in self.type_mismatches]
        return found


_SCALARS = {"str": (str,), "int": (int,), "float": (int, float), "bool": (bool,)}


def _type_name(value: Any) -> str:
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    return type(value).__name__


def _scalar_ok(kind: str, value: Any) -> bool:
    if kind == "any":
        return True
    if kind != "bool" and isinstance(value, bool):
        return False
    return isinstance(value, _SCALARS[kind])


def _mismatch(check: Check, text: str) -> None:
    if text.split(":", 1)[0] not in {known.split(":", 1)[0] for known in check.type_mismatches}:
        check.type_mismatches.append(text)


def _walk(class_name: str, body: Any, path: str, check: Check, seen_missing: set[str]) -> None:
    if not isinstance(body, dict):
        _mismatch(check, f"{path or '<body>'}: {class_name} expects an object, got {_type_name(body)}")
        return
    declared = {field.key: field for field in fields_of(class_name)}
    for key in body:
        if key not in declared and _join(path, key) not in check.extra:
            check.extra.append(_join(path, key))
    for field in declared.values():
        where = _join(path, field.key)
        value = body.get(field.key)
        if value is None:
            if where not in seen_missing:
                seen_missing.add(where)
                (check.missing_unconfirmed if field.conditional else check.missing).append(where)
            continue
        if field.kind in _SCALARS:
            if not _scalar_ok(field.kind, value):
                _mismatch(check, f"{where}: model says {field.kind}, got {_type_name(value)} {value!r:.60}")
        elif field.kind == "list":
            if not isinstance(value, list):
                _mismatch(check, f"{where}: model says list of {field.item}, got {_type_name(value)}")
            else:
                for item in value:
                    if not _scalar_ok(field.item or "any", item):
                        _mismatch(
                            check, f"{where}[]: model says {field.item}, got {_type_name(item)} {item!r:.60}")
                        break
        elif field.kind == "model":
            _walk(field.model, value, where, check, seen_missing)
        elif field.kind == "model_list":
            if not isinstance(value, list):
                _mismatch(check, f"{where}: model says list of {field.model}, got {_type_name(value)}")
            else:
                for item in value:
                    _walk(field.model, item, where + "[]", check, seen_missing)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _project(class_name: str, body: Any) -> Any:
    """The body restricted to the keys the model declares (recursively), without nulls: what must survive."""
    if not isinstance(body, dict):
        return body
    result = {}
    for field in fields_of(class_name):
        value = body.get(field.key)
        if value is None:
            continue
        if field.kind == "model":
            value = _project(field.model, value)
        elif field.kind == "model_list" and isinstance(value, list):
            value = [_project(field.model, item) for item in value]
        result[field.key] = value
    return result


def _losses(expected: Any, actual: Any, path: str, out: list[str]) -> None:
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            out.append(f"{path or '<body>'}: became {_type_name(actual)}")
            return
        for key, value in expected.items():
            if key not in actual:
                out.append(_join(path, key))
            else:
                _losses(value, actual[key], _join(path, key), out)
    elif isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            out.append(f"{path}: list of {len(expected)} became {_type_name(actual)}")
            return
        for index, (left, right) in enumerate(zip(expected, actual)):
            _losses(left, right, f"{path}[{index}]", out)
    elif expected != actual or type(expected) is not type(actual):
        out.append(f"{path}: {expected!r:.40} became {actual!r:.40}")


def check_body(action: str, body: Any) -> Check:
    """Checks one response body of `action` against the SDK's `<Action>ResponseBody` model."""
    class_name = body_class_name(action)
    check = Check()
    try:
        parsed = getattr(vod_models, class_name)().from_map(body)
        round_trip = parsed.to_map()
    except Exception as error:  # the SDK would hand its caller an empty model here
        check.from_map_error = f"{type(error).__name__}: {error}"
        round_trip = None
    _walk(class_name, body, "", check, set())
    if round_trip is not None:
        _losses(_project(class_name, body), round_trip, "", check.lost)
    return check


def describe(action: str) -> list[str]:
    """The keys the SDK model of `action`'s response declares, as the suite expects them: one line per path, with
    its type and whether it is demanded (`expected`) or only reported when absent (`conditional`)."""
    lines: list[str] = []

    def walk(class_name: str, path: str, depth: int) -> None:
        for field in fields_of(class_name):
            where = _join(path, field.key)
            kind = {"model": "object", "model_list": "list of object", "list": f"list of {field.item}"}.get(
                field.kind, field.kind)
            lines.append(f"{where:70} {kind:16} {'conditional' if field.conditional else 'expected'}")
            if field.model and depth < 8:
                walk(field.model, where + ("[]" if field.kind == "model_list" else ""), depth + 1)

    walk(body_class_name(action), "", 0)
    return lines


if __name__ == "__main__":
    import sys

    for name in sys.argv[1:]:
        print(f"{name}ResponseBody")
        print("\n".join("  " + line for line in describe(name)))


def _occurrences(body: Any, key: str) -> list[Any]:
    found = []
    if isinstance(body, dict):
        for name, value in body.items():
            if name == key and not isinstance(value, (dict, list)):
                found.append(value)
            found += _occurrences(value, key)
    elif isinstance(body, list):
        for item in body:
            found += _occurrences(item, key)
    return found


def echo_problems(args: dict[str, Any], body: Any) -> list[str]:
    """An answer must be about what was asked: for every ID-like argument (a name ending in `Id`, or DomainName)
    whose key the body also carries, at least one occurrence in the body has the requested value. This is what
    tells a real answer from a canned one of the right shape."""
    problems = []
    for key, value in sorted(args.items()):
        if not (key.endswith("Id") or key == "DomainName") or isinstance(value, (dict, list)):
            continue
        seen = _occurrences(body, key)
        if seen and str(value) not in {str(item) for item in seen}:
            problems.append(f"echo: the body's {key} is {sorted({str(item) for item in seen})[:3]}, "
                            f"the request asked for {value!r}")
    return problems
