"""The checker itself, on bodies written here: it must catch each kind of defect the issue lists."""

from __future__ import annotations

import sdk_models


def video(**changes):
    base = {key.key: "x" for key in sdk_models.fields_of("GetVideoInfoResponseBodyVideo")}
    base.update({"CateId": 1, "Duration": 1.5, "Size": 10, "Snapshots": {"Snapshot": ["http://a/b.jpg"]}})
    base.update(changes)
    return {"RequestId": "r", "Video": base}


def test_a_complete_body_passes():
    check = sdk_models.check_body("GetVideoInfo", video())
    assert check.problems() == []


def test_string_where_the_model_has_an_object_fails_from_map_and_types():
    check = sdk_models.check_body("GetVideoInfo", video(Snapshots='["a"]'))
    assert check.from_map_error
    assert any("Snapshots" in text for text in check.type_mismatches)


def test_missing_declared_key_is_reported():
    body = video()
    del body["Video"]["StorageClass"]
    check = sdk_models.check_body("GetVideoInfo", body)
    assert check.missing == ["Video.StorageClass"]


def test_deprecated_key_is_missing_unconfirmed_not_a_failure():
    body = video()
    del body["Video"]["CustomMediaInfo"]  # "This parameter is deprecated" in the model's description
    check = sdk_models.check_body("GetVideoInfo", body)
    assert check.missing_unconfirmed == ["Video.CustomMediaInfo"] and check.problems() == []


def test_extra_key_and_scalar_type_are_reported():
    check = sdk_models.check_body("GetVideoInfo", video(Size="10", Bogus=1))
    assert check.extra == ["Video.Bogus"]
    assert check.type_mismatches == ["Video.Size: model says int, got str '10'"]


def test_nested_lists_are_walked_and_wrong_nesting_is_caught():
    body = {"RequestId": "r", "PlayInfoList": [{"PlayURL": "u"}]}  # PlayInfo wrapper left out
    check = sdk_models.check_body("GetPlayInfo", body)
    assert check.from_map_error or check.type_mismatches
    good = {"RequestId": "r", "PlayInfoList": {"PlayInfo": [{"PlayURL": "u", "Width": "640"}]}}
    check = sdk_models.check_body("GetPlayInfo", good)
    assert "PlayInfoList.PlayInfo[].Width: model says int, got str '640'" in check.type_mismatches
    assert "PlayInfoList.PlayInfo[].Format" in check.missing


def test_every_operation_has_a_readable_response_model():
    import sdk_plan
    for action in sdk_plan.catalog():
        assert sdk_models.fields_of(sdk_models.body_class_name(action)), action


def test_a_canned_answer_about_another_resource_is_caught():
    asked = {"VideoId": "a" * 32}
    assert sdk_models.echo_problems(asked, video(VideoId="a" * 32)) == []
    problems = sdk_models.echo_problems(asked, video(VideoId="b" * 32))
    assert problems and "VideoId" in problems[0]
    listed = {"RequestId": "r", "VideoList": [{"VideoId": "b" * 32}, {"VideoId": "a" * 32}]}
    assert sdk_models.echo_problems(asked, listed) == []  # one of several matches
    assert sdk_models.echo_problems({"Title": "x"}, video()) == []  # only ID-like arguments are compared
