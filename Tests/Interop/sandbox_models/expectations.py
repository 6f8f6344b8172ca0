"""The hand-kept part of the check: which declared keys a response may lack, and which extra keys are documented.

By default every key an SDK response model declares is expected in every response; a key whose description in the
model (copied from the API reference) says it is returned only in some cases, or is deprecated, is reported as
"missing (unconfirmed)" instead (sdk_models._CONDITIONAL). The tables below cover what the descriptions do not say.
Keep them short, and name the reason: an entry here is a key the suite stops demanding.
"""

from __future__ import annotations

# Paths ("Video.Description", "PlayInfoList.PlayInfo[].JobId") a response may lack in this run, per operation,
# because the run never sets what they report. Reason on each line.
OPTIONAL: dict[str, set[str]] = {}

# Keys the service returns although the SDK model lacks them, per operation, with the page that shows them.
DOCUMENTED_EXTRA: dict[str, set[str]] = {}


def optional(action: str) -> frozenset[str]:
    return frozenset(OPTIONAL.get(action, set()))


def allowed_extra(action: str) -> frozenset[str]:
    return frozenset(DOCUMENTED_EXTRA.get(action, set()))
