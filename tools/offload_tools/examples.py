"""Two small ONNX models built with onnx.helper, for the tests and the sample run:

- `branchy-cnn`: a CNN whose stem forks into a 3×3 and a 1×1 branch that are added
  back, then a second block, pooling and a classifier (a DAG, not a chain);
- `transformer-block`: one pre-norm encoder block (attention and MLP) whose position
  embedding, attention scale and reshape targets are `Constant` nodes.

`python -m offload_tools.examples OUTDIR [--scale small|demo]` writes both. The
weights are seeded, so the files are the same every time."""

from __future__ import annotations

import argparse
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17
SCALES = {
    # (cnn side, cnn channels, tokens, width, mlp width)
    "small": (16, 8, 16, 32, 64),
    "demo": (64, 32, 128, 256, 1024),
}


def _weight(rng, name, shape, scale=0.1):
    return numpy_helper.from_array((rng.standard_normal(shape) * scale).astype(np.float32), name)


def _model(graph) -> onnx.ModelProto:
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="offload_tools.examples")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def branchy_cnn(scale: str = "demo", seed: int = 1) -> onnx.ModelProto:
    side, channels, *_ = SCALES[scale]
    rng = np.random.default_rng(seed)
    c, c2 = channels, channels * 2
    inits = [
        _weight(rng, "stem.w", [c, 3, 3, 3]), _weight(rng, "stem.b", [c]),
        _weight(rng, "a.w", [c, c, 3, 3]), _weight(rng, "b.w", [c, c, 1, 1]),
        _weight(rng, "block2.w", [c2, c, 3, 3]), _weight(rng, "block2.b", [c2]),
        _weight(rng, "block3.w", [c2, c2, 3, 3]),
        _weight(rng, "fc.w", [c2, 10]), _weight(rng, "fc.b", [10]),
    ]
    conv = lambda name, x, w, out, pad, b=None: helper.make_node(  # noqa: E731
        "Conv", [x, w] + ([b] if b else []), [out], name=name, pads=[pad] * 4)
    nodes = [
        conv("stem", "image", "stem.w", "stem", 1, "stem.b"),
        helper.make_node("Relu", ["stem"], ["stem_relu"], name="stem_relu"),
        conv("branch_3x3", "stem_relu", "a.w", "branch_3x3", 1),
        conv("branch_1x1", "stem_relu", "b.w", "branch_1x1", 0),
        helper.make_node("Add", ["branch_3x3", "branch_1x1"], ["merge"], name="merge"),
        helper.make_node("Relu", ["merge"], ["merge_relu"], name="merge_relu"),
        helper.make_node("MaxPool", ["merge_relu"], ["pool1"], name="pool1",
                         kernel_shape=[2, 2], strides=[2, 2]),
        conv("block2", "pool1", "block2.w", "block2", 1, "block2.b"),
        helper.make_node("Relu", ["block2"], ["block2_relu"], name="block2_relu"),
        conv("block3", "block2_relu", "block3.w", "block3", 1),
        helper.make_node("Add", ["block3", "block2_relu"], ["residual"], name="residual"),
        helper.make_node("MaxPool", ["residual"], ["pool2"], name="pool2",
                         kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("GlobalAveragePool", ["pool2"], ["gap"], name="gap"),
        helper.make_node("Flatten", ["gap"], ["flat"], name="flatten"),
        helper.make_node("MatMul", ["flat", "fc.w"], ["fc"], name="fc"),
        helper.make_node("Add", ["fc", "fc.b"], ["logits"], name="logits"),
    ]
    graph = helper.make_graph(
        nodes, "branchy_cnn",
        [helper.make_tensor_value_info("image", TensorProto.FLOAT, [1, 3, side, side])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, [1, 10])],
        initializer=inits)
    return _model(graph)


def transformer_block(scale: str = "demo", seed: int = 2) -> onnx.ModelProto:
    _, _, tokens, width, hidden = SCALES[scale]
    heads = 4
    head = width // heads
    rng = np.random.default_rng(seed)
    inits = [
        _weight(rng, "ln1.g", [width], 1.0), _weight(rng, "ln1.b", [width]),
        _weight(rng, "q.w", [width, width]), _weight(rng, "k.w", [width, width]),
        _weight(rng, "v.w", [width, width]), _weight(rng, "o.w", [width, width]),
        _weight(rng, "ln2.g", [width], 1.0), _weight(rng, "ln2.b", [width]),
        _weight(rng, "mlp1.w", [width, hidden]), _weight(rng, "mlp2.w", [hidden, width]),
    ]

    def const(name, array):
        return helper.make_node("Constant", [], [name], name=name,
                                value=numpy_helper.from_array(np.asarray(array), name + ".value"))

    def matmul(name, x, w):
        return helper.make_node("MatMul", [x, w], [name], name=name)

    def split_heads(prefix, x):
        return [
            helper.make_node("Reshape", [x, "heads_shape"], [prefix + "_heads"], name=prefix + "_heads"),
            helper.make_node("Transpose", [prefix + "_heads"], [prefix + "_t"], name=prefix + "_t",
                             perm=[0, 2, 1, 3]),
        ]

    nodes = [
        const("position", (rng.standard_normal([1, tokens, width]) * 0.02).astype(np.float32)),
        const("heads_shape", np.array([1, tokens, heads, head], dtype=np.int64)),
        const("merge_shape", np.array([1, tokens, width], dtype=np.int64)),
        const("attention_scale", np.array(np.sqrt(head), dtype=np.float32)),
        const("gelu_alpha", np.array(1.702, dtype=np.float32)),
        helper.make_node("Add", ["tokens", "position"], ["embed"], name="embed"),
        helper.make_node("LayerNormalization", ["embed", "ln1.g", "ln1.b"], ["ln1"], name="ln1", axis=-1),
        matmul("q", "ln1", "q.w"), matmul("k", "ln1", "k.w"), matmul("v", "ln1", "v.w"),
        *split_heads("q", "q"), *split_heads("v", "v"),
        helper.make_node("Reshape", ["k", "heads_shape"], ["k_heads"], name="k_heads"),
        helper.make_node("Transpose", ["k_heads"], ["k_t"], name="k_t", perm=[0, 2, 3, 1]),
        helper.make_node("MatMul", ["q_t", "k_t"], ["scores"], name="scores"),
        helper.make_node("Div", ["scores", "attention_scale"], ["scaled"], name="scaled"),
        helper.make_node("Softmax", ["scaled"], ["attention"], name="attention", axis=-1),
        helper.make_node("MatMul", ["attention", "v_t"], ["context"], name="context"),
        helper.make_node("Transpose", ["context"], ["context_t"], name="context_t", perm=[0, 2, 1, 3]),
        helper.make_node("Reshape", ["context_t", "merge_shape"], ["context_merged"], name="context_merged"),
        matmul("attention_out", "context_merged", "o.w"),
        helper.make_node("Add", ["embed", "attention_out"], ["residual1"], name="residual1"),
        helper.make_node("LayerNormalization", ["residual1", "ln2.g", "ln2.b"], ["ln2"], name="ln2", axis=-1),
        matmul("mlp1", "ln2", "mlp1.w"),
        helper.make_node("Mul", ["mlp1", "gelu_alpha"], ["gelu_scaled"], name="gelu_scaled"),
        helper.make_node("Sigmoid", ["gelu_scaled"], ["gelu_gate"], name="gelu_gate"),
        helper.make_node("Mul", ["mlp1", "gelu_gate"], ["gelu"], name="gelu"),
        matmul("mlp2", "gelu", "mlp2.w"),
        helper.make_node("Add", ["residual1", "mlp2"], ["block_out"], name="block_out"),
    ]
    graph = helper.make_graph(
        nodes, "transformer_block",
        [helper.make_tensor_value_info("tokens", TensorProto.FLOAT, [1, tokens, width])],
        [helper.make_tensor_value_info("block_out", TensorProto.FLOAT, [1, tokens, width])],
        initializer=inits)
    return _model(graph)


def write(outdir: str, scale: str = "demo") -> list[str]:
    os.makedirs(outdir, exist_ok=True)
    paths = []
    for name, build in (("branchy-cnn", branchy_cnn), ("transformer-block", transformer_block)):
        path = os.path.join(outdir, f"{name}.onnx")
        onnx.save(build(scale), path)
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m offload_tools.examples",
                                     description="Write the two example ONNX models.")
    parser.add_argument("outdir")
    parser.add_argument("--scale", choices=sorted(SCALES), default="demo")
    args = parser.parse_args(argv)
    for path in write(args.outdir, args.scale):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
