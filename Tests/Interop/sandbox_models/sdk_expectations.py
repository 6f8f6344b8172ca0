"""The hand-kept part of the check: which declared keys a response may lack here, and which extra keys are documented.

By default every key an SDK response model declares is expected in every response; a key whose description in the
model (copied from the API reference) says it is returned only in some cases, or is deprecated, is reported as
"missing (unconfirmed)" instead (sdk_models._CONDITIONAL). The tables below cover what the descriptions do not say.
Keep them short and give the reason: an entry here is a key the suite stops demanding. Entries match a path
("Video.StorageClass", "MediaList[].Audio") or, when written as a bare key, that key at any depth.
"""

from __future__ import annotations

# Keys no response of the run needs to carry, with the reason.
ANYWHERE: dict[str, str] = {
    "RestoreExpiration": "returned for media restored from Archive/ColdArchive; the run restores only after its reads",
    "RestoreStatus": "returned for media restored from Archive/ColdArchive; the run restores only after its reads",
    "NonExistReferenceIds": "answers the ReferenceIds parameter, which the run does not send",
    "NonExistTranscodeTemplateIds": "answers the TranscodeTemplateIds parameter, which the run does not send",
}

_TEMPLATE_SETTING = "set only when the template sets it; the run's templates do not"
_TEMPLATES = "TranscodeTemplateGroup.TranscodeTemplateList[]."

# Per operation: path -> reason.
OPTIONAL: dict[str, dict[str, str]] = {
    "SearchMedia": {
        "MediaList[].Audio": "a video search: each item carries only the object of its own media type",
        "MediaList[].Image": "a video search: each item carries only the object of its own media type",
        "MediaList[].AttachedMedia": "a video search: each item carries only the object of its own media type",
        "MediaList[].AiData": "AI results exist only after AI jobs on the media (unconfirmed for this run)",
        "MediaList[].AiRoughData": "AI results exist only after AI jobs on the media (unconfirmed for this run)",
        "MediaList[].Video.SpriteSnapshots": "only after a sprite snapshot job",
        "MediaList[].Video.PreprocessStatus": "only for videos preprocessed for live-to-VOD",
        "ScrollToken": "returned for paged scrolling; unconfirmed whether a one-page result carries it",
    },
    "BatchGetMediaInfos": {"ForbiddenMediaIds": "unconfirmed whether an empty list is returned"},
    "GetAppInfos": {"Code": "unconfirmed: the reference lists it, but whether a success carries it is not shown"},
    "GetTranscodeTemplateGroup": {
        _TEMPLATES + key: _TEMPLATE_SETTING
        for key in ("Clip", "CopyrightMark", "TraceMark", "EncryptSetting", "PackageSetting", "SubtitleList",
                    "Rotate", "TranscodeFileRegular", "WatermarkIds", "MuxConfig")
    },
}

# Keys the service returns although the SDK model lacks them, per operation, with the page that shows them.
DOCUMENTED_EXTRA: dict[str, dict[str, str]] = {}


def optional(action: str) -> dict[str, str]:
    return dict(OPTIONAL.get(action, {}))


def is_optional(action: str, path: str) -> str | None:
    """The reason a missing path is not demanded of this operation, or None."""
    reason = OPTIONAL.get(action, {}).get(path)
    if reason:
        return reason
    key = path.rsplit(".", 1)[-1]
    return ANYWHERE.get(key)


def allowed_extra(action: str) -> frozenset[str]:
    return frozenset(DOCUMENTED_EXTRA.get(action, {}))
