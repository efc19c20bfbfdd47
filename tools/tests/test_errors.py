"""Bad input ends a tool with one line on stderr naming the file and what was expected."""
import json

import onnx
from onnx import TensorProto, helper

from conftest import run_tool


def one_line(err):
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


def test_not_onnx(tmp_path):
    (tmp_path / "model.onnx").write_text("this is not protobuf\n")
    status, _, err = run_tool("offload-profile", tmp_path / "model.onnx", "--out", tmp_path / "p.json")
    assert status == 1
    assert "model.onnx: not an ONNX model" in one_line(err)
    status, _, err = run_tool("offload-profile", tmp_path / "missing.onnx", "--out", tmp_path / "p.json")
    assert status == 1 and "missing.onnx: no such file" in one_line(err)


def dynamic_model(path):
    graph = helper.make_graph(
        [helper.make_node("Relu", ["x"], ["y"], name="relu")], "g",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 8])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 8])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, path)


def test_dynamic_shape_asks_for_input_shape(tmp_path):
    dynamic_model(tmp_path / "dyn.onnx")
    status, _, err = run_tool("offload-profile", tmp_path / "dyn.onnx", "--out", tmp_path / "p.json")
    assert status == 1
    assert "dyn.onnx: input 'x' has a dynamic shape (?x8)" in one_line(err)
    assert "--input-shape" in err
    status, _, err = run_tool("offload-profile", tmp_path / "dyn.onnx", "--out", tmp_path / "p.json",
                              "--input-shape", "4x8", "--runs", 1, "--warmup", 0)
    assert status == 0, err
    profile = json.loads((tmp_path / "p.json").read_text())
    assert profile["inputBytes"] == 4 * 8 * 4 and profile["layers"][0]["outputBytes"] == 4 * 8 * 4
    for bad, expected in (("4x9", "dimension 1 is fixed at 8"), ("4xq", "expected dimensions"),
                          ("4x8x1", "2 dimensions, 3 given"), ("y=4x8", "no input 'y'")):
        status, _, err = run_tool("offload-profile", tmp_path / "dyn.onnx", "--out", tmp_path / "p.json",
                                  "--input-shape", bad)
        assert status == 1 and expected in one_line(err), (bad, err)


def test_bad_provider_and_out(models, tmp_path):
    status, _, err = run_tool("offload-profile", models / "branchy-cnn.onnx", "--out", tmp_path / "p.json",
                              "--provider", "warp-drive")
    assert status == 1 and "--provider warp-drive: not available" in one_line(err)
    status, _, err = run_tool("offload-profile", models / "branchy-cnn.onnx", "--out",
                              tmp_path / "nowhere" / "p.json", "--runs", 1)
    assert status == 1 and "no such directory" in one_line(err)


def test_merge_refuses_what_is_not_a_profile(models, profiles, tmp_path):
    (tmp_path / "bad.json").write_text("{")
    status, _, err = run_tool("offload-profile", "merge", "--device", models / "branchy-cnn.json",
                              "--cloud", tmp_path / "bad.json", "--out", tmp_path / "m.json")
    assert status == 1 and "bad.json: not a JSON profile" in one_line(err)


def test_testbed_refuses_a_profile_without_onnx(tmp_path):
    (tmp_path / "m.json").write_text(json.dumps({"name": "m", "inputBytes": 4, "layers": [
        {"name": "a", "inputs": ["input"], "deviceMs": 1, "cloudMs": 1, "outputBytes": 4}]}))
    (tmp_path / "s.json").write_text(json.dumps({"name": "s", "jobs": [{"id": "j", "model": "m.json"}]}))
    (tmp_path / "plan.json").write_text(json.dumps({"makespanMs": 1, "segments": []}))
    status, _, err = run_tool("offload-testbed", tmp_path / "s.json", "--plan", tmp_path / "plan.json")
    assert status == 1 and "m.json: the profile names no ONNX file" in one_line(err)


def test_testbed_refuses_a_plan_that_is_not_one(models, profiles, tmp_path):
    scenario = {"name": "s", "jobs": [{"id": "j", "model": str(models / "branchy-cnn.json")}]}
    (tmp_path / "s.json").write_text(json.dumps(scenario))
    (tmp_path / "plan.json").write_text(json.dumps({"segments": [{"lane": "device", "job": "j"}]}))
    status, _, err = run_tool("offload-testbed", tmp_path / "s.json", "--plan", tmp_path / "plan.json")
    assert status == 1 and "plan.json: segments[0]: expected lane, job, startMs" in one_line(err)
    (tmp_path / "plan.json").write_text(json.dumps({"segments": [
        {"lane": "device", "job": "j", "startMs": 0, "endMs": 1, "items": ["nope"]}]}))
    status, _, err = run_tool("offload-testbed", tmp_path / "s.json", "--plan", tmp_path / "plan.json")
    assert status == 1 and "'nope' is not a layer of" in one_line(err)
    scenario["environment"] = {"deviceSpeed": 0.5}
    (tmp_path / "s.json").write_text(json.dumps(scenario))
    (tmp_path / "plan.json").write_text(json.dumps({"segments": []}))
    status, _, err = run_tool("offload-testbed", tmp_path / "s.json", "--plan", tmp_path / "plan.json")
    assert status == 1 and "environment.deviceSpeed is 0.5" in one_line(err)
