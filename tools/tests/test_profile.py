"""offload-profile: the profile of a generated model matches its graph and shapes."""
import json
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from conftest import run_tool


def inferred_bytes(path):
    """Every tensor's size from ONNX's own shape inference, independent of the tool."""
    model = onnx.shape_inference.infer_shapes(onnx.load(path))
    sizes = {}
    for value in list(model.graph.value_info) + list(model.graph.output) + list(model.graph.input):
        tensor = value.type.tensor_type
        count = int(np.prod([dim.dim_value for dim in tensor.shape.dim], dtype=np.int64))
        sizes[value.name] = count * helper.tensor_dtype_to_np_dtype(tensor.elem_type).itemsize
    for node in model.graph.node:
        if node.op_type == "Constant":
            value = numpy_helper.to_array(node.attribute[0].t)
            sizes[node.output[0]] = value.nbytes
    return model, sizes


def test_cnn_profile_is_the_graph(models, profiles):
    path = models / "branchy-cnn.onnx"
    profile = profiles["branchy-cnn"]
    model, sizes = inferred_bytes(path)
    weights = {init.name for init in model.graph.initializer}
    assert [layer["name"] for layer in profile["layers"]] == [node.name for node in model.graph.node]
    producer = {output: node.name for node in model.graph.node for output in node.output}
    for node, layer in zip(model.graph.node, profile["layers"]):
        expected = []
        for name in node.input:
            if name in weights:
                continue
            source = producer.get(name, "input")
            if source not in expected:
                expected.append(source)
        assert layer["inputs"] == expected, layer["name"]
        assert layer["type"] == node.op_type
        assert layer["outputBytes"] == sizes[node.output[0]], layer["name"]
        assert layer["deviceMs"] >= 0 and layer["deviceMs"] == layer["cloudMs"]
    assert profile["inputBytes"] == 1 * 3 * 16 * 16 * 4
    assert profile["inputShape"] == [1, 3, 16, 16]
    merge = next(layer for layer in profile["layers"] if layer["name"] == "merge")
    assert merge["inputs"] == ["branch_3x3", "branch_1x1"]
    assert os.path.samefile(models / profile["onnx"], path)
    assert profile["source"]["threads"] == 1
    assert sum(layer["deviceMs"] for layer in profile["layers"]) > 0


def test_transformer_constants_are_constant_layers(models, profiles):
    profile = profiles["transformer-block"]
    _, sizes = inferred_bytes(models / "transformer-block.onnx")
    layers = {layer["name"]: layer for layer in profile["layers"]}
    constants = [layer for layer in profile["layers"] if layer["type"] == "Constant"]
    assert {layer["name"] for layer in constants} == {
        "position", "heads_shape", "merge_shape", "attention_scale", "gelu_alpha"}
    for layer in constants:
        assert layer["inputs"] == []
        assert layer["outputBytes"] == sizes[layer["name"]]
    assert layers["embed"]["inputs"] == ["input", "position"]
    assert layers["scores"]["inputs"] == ["q_t", "k_t"]
    assert layers["q_heads"]["inputs"] == ["q", "heads_shape"]
    assert layers["mlp1"]["outputBytes"] == 16 * 64 * 4
    assert all(not name.endswith(".w") for layer in layers.values() for name in layer["inputs"])


def test_merge_takes_each_side_from_its_profile(models, profiles, tmp_path):
    device = dict(profiles["branchy-cnn"])
    cloud = json.loads(json.dumps(device))
    for index, layer in enumerate(cloud["layers"]):
        layer["cloudMs"] = 100.0 + index
    cloud["source"]["cloud"] = "a server"
    (tmp_path / "c.json").write_text(json.dumps(cloud))
    sub = tmp_path / "out"
    sub.mkdir()
    status, _, err = run_tool("offload-profile", "merge", "--device", models / "branchy-cnn.json",
                              "--cloud", tmp_path / "c.json", "--out", sub / "m.json",
                              "--scenario", tmp_path / "s.json", "--jobs", 3, "--bandwidth", 5.85)
    assert status == 0, err
    merged = json.loads((sub / "m.json").read_text())
    scenario = json.loads((tmp_path / "s.json").read_text())
    assert scenario["jobs"] == [{"id": "branchy-cnn", "model": "out/m.json", "count": 3}]
    assert scenario["environment"]["bandwidthMbps"] == 5.85
    for index, (layer, original) in enumerate(zip(merged["layers"], device["layers"])):
        assert layer["deviceMs"] == original["deviceMs"]
        assert layer["cloudMs"] == 100.0 + index
    assert merged["source"]["cloud"] == "a server"
    # What the testbed needs to run the merged profile stays.
    assert merged["source"]["inputShapes"] == {"image": [1, 3, 16, 16]}
    assert merged["source"]["threads"] == 1
    assert os.path.samefile(sub / merged["onnx"], models / "branchy-cnn.onnx")

    cloud["layers"][3]["outputBytes"] += 1
    (tmp_path / "c.json").write_text(json.dumps(cloud))
    status, _, err = run_tool("offload-profile", "merge", "--device", models / "branchy-cnn.json",
                              "--cloud", tmp_path / "c.json", "--out", sub / "m2.json")
    assert status == 1
    assert err.count("\n") == 1 and "branch_1x1" in err and "outputBytes" in err
    assert not (sub / "m2.json").exists()


def two_input_split_model(path, names=True):
    split = helper.make_node("Split", ["sum"], ["left", "right", "unused"],
                             name="split" if names else "", axis=1, num_outputs=3)
    nodes = [
        helper.make_node("Add", ["a", "b"], ["sum"], name="add" if names else ""),
        split,
        helper.make_node("Mul", ["left", "right"], ["product"], name="add" if names else ""),
    ]
    graph = helper.make_graph(
        nodes, "g",
        [helper.make_tensor_value_info("a", TensorProto.FLOAT, [1, 6]),
         helper.make_tensor_value_info("b", TensorProto.FLOAT, [1, 6])],
        [helper.make_tensor_value_info("product", TensorProto.FLOAT, [1, 2])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)])
    model.ir_version = 8
    onnx.save(model, path)


def test_several_inputs_are_summed_and_multi_outputs_noted(tmp_path):
    two_input_split_model(tmp_path / "two.onnx")
    status, _, err = run_tool("offload-profile", tmp_path / "two.onnx", "--out", tmp_path / "two.json",
                              "--runs", 2, "--warmup", 0)
    assert status == 0, err
    assert "2 inputs" in err and "inputBytes is their sum" in err
    assert "several outputs" in err
    profile = json.loads((tmp_path / "two.json").read_text())
    assert profile["inputBytes"] == 2 * 6 * 4
    layers = {layer["name"]: layer for layer in profile["layers"]}
    assert layers["add"]["inputs"] == ["input"]
    assert layers["add_2"]["inputs"] == ["split"]  # a duplicate name gets a suffix
    # Split's third output is read by nobody: only the two used outputs count.
    assert layers["split"]["outputBytes"] == 2 * 2 * 4


def test_unnamed_and_duplicate_nodes_get_unique_names(tmp_path):
    two_input_split_model(tmp_path / "anon.onnx", names=False)
    status, _, err = run_tool("offload-profile", tmp_path / "anon.onnx", "--out", tmp_path / "anon.json",
                              "--runs", 2, "--warmup", 0)
    assert status == 0, err
    names = [layer["name"] for layer in json.loads((tmp_path / "anon.json").read_text())["layers"]]
    assert names == ["Add_0", "Split_1", "Mul_2"]


def test_kernel_and_span_times_from_a_profile_trace():
    from offload_tools.profile import kernel_times

    def run(start, kernels):
        events = [{"cat": "Session", "name": "model_run", "ts": start, "dur": 100}]
        events += [{"cat": "Node", "name": f"{node}_kernel_time", "ts": start + at, "dur": dur}
                   for node, at, dur in kernels]
        return events

    events = (run(0, [("a", 10, 5), ("b", 20, 50)])          # warm-up, dropped
              + run(1000, [("a", 10, 20), ("b", 40, 30)])
              + run(2000, [("a", 10, 40), ("b", 60, 20)])
              + [{"cat": "Node", "name": "a_fence_before", "ts": 1005, "dur": 1}])
    kernel, counted = kernel_times(events, warmup=1)
    assert counted == 2
    assert kernel == {"a": [0.02, 0.04], "b": [0.03, 0.02]}
    span, _ = kernel_times(events, warmup=1, timing="span")
    # a: from the run's start to b's start; b: from its start to the run's end.
    assert span == {"a": [0.04, 0.06], "b": [0.06, 0.04]}


def test_offload_accepts_what_the_profiler_writes(models, profiles, tmp_path):
    import subprocess

    import pytest

    from conftest import offload_binary

    binary = offload_binary()
    if binary is None:
        pytest.skip("the offload executable is not built")
    status, _, err = run_tool("offload-profile", models / "transformer-block.onnx", "--out",
                              tmp_path / "block.json", "--runs", 2, "--warmup", 0,
                              "--scenario", tmp_path / "scenario.json")
    assert status == 0, err
    result = subprocess.run([binary, "validate", str(tmp_path / "scenario.json"),
                             str(tmp_path / "block.json"), str(models / "branchy-cnn.json")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr + result.stdout
    result = subprocess.run([binary, "schedule", str(tmp_path / "scenario.json"), "--format", "json"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["makespanMs"] > 0
