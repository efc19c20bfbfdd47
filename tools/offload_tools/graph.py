"""An ONNX graph seen as offload's layers (docs/FORMATS.md §2).

- One layer per node, named by the node's name (made unique and non-empty first: an
  unnamed node becomes `OpType_index`, a node named `input` becomes `input_node`).
- A layer's `inputs` are the layers that produce the tensors it reads, or `input` for
  a graph input. Initializers are weights, not layers, and are not read from anyone.
- A `Constant` node reads nothing: it is a constant layer, `"inputs": []`.
- A layer's output tensors are the node outputs that some node reads or that the graph
  returns; its `outputBytes` is their sum (a multi-output node such as `Split` sends
  every output that is used, so the sum is what a cut after it costs at most).
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field

import numpy as np
import onnx
from onnx import helper

from .errors import ToolError, one_line

RAW_INPUT = "input"


@dataclass
class Layer:
    name: str
    op_type: str
    node: onnx.NodeProto
    reads: list[str]            # tensors read (explicit and from subgraphs), no weights
    inputs: list[str]           # producing layers, or "input"
    outputs: list[str] = field(default_factory=list)  # tensors it makes that are used


@dataclass
class Graph:
    model: onnx.ModelProto      # named nodes, fixed input shapes
    layers: list[Layer]
    graph_inputs: list[str]     # non-initializer graph inputs
    graph_outputs: list[str]
    producer: dict[str, str]    # tensor -> layer name
    weights: set[str]           # initializer names

    def layer(self, name: str) -> Layer:
        for layer in self.layers:
            if layer.name == name:
                return layer
        raise KeyError(name)


def load_model(path: str) -> onnx.ModelProto:
    """Loads PATH, or says in one line why it is not an ONNX model."""
    if not os.path.isfile(path):
        raise ToolError(f"{path}: no such file")
    try:
        model = onnx.load(path)
    except Exception as error:  # protobuf raises several kinds
        raise ToolError(f"{path}: not an ONNX model ({one_line(error)[:120]})") from None
    if not model.HasField("graph") or len(model.graph.node) == 0:
        raise ToolError(f"{path}: not an ONNX model (no graph, or a graph without nodes)")
    return model


def weight_names(model: onnx.ModelProto) -> set[str]:
    names = {init.name for init in model.graph.initializer}
    names |= {init.values.name for init in model.graph.sparse_initializer}
    return names


def input_names(model: onnx.ModelProto) -> list[str]:
    weights = weight_names(model)
    return [value.name for value in model.graph.input if value.name not in weights]


def parse_input_shapes(specs: list[str] | None) -> dict[str | None, list[int]]:
    """`--input-shape 1x3x224x224` (the only input) or `--input-shape NAME=1x3x224x224`."""
    shapes: dict[str | None, list[int]] = {}
    for spec in specs or []:
        name, _, dims = spec.rpartition("=")
        try:
            shape = [int(dim) for dim in dims.replace(",", "x").split("x")]
        except ValueError:
            raise ToolError(f"--input-shape {spec}: expected dimensions such as 1x3x224x224 "
                            "(or NAME=1x3x224x224)") from None
        if any(dim <= 0 for dim in shape):
            raise ToolError(f"--input-shape {spec}: every dimension must be a positive integer")
        shapes[name or None] = shape
    return shapes


def resolve_input_shapes(model: onnx.ModelProto, path: str,
                         given: dict[str | None, list[int]]) -> dict[str, list[int]]:
    """Each graph input's concrete shape: its static one, or the one given."""
    names = input_names(model)
    if not names:
        raise ToolError(f"{path}: the graph has no input (every input is an initializer)")
    unnamed = given.get(None)
    if unnamed is not None and len(names) > 1:
        raise ToolError(f"{path}: the graph has {len(names)} inputs ({', '.join(names)}); "
                        "name each one: --input-shape NAME=1x3x224x224")
    for name in given:
        if name is not None and name not in names:
            raise ToolError(f"--input-shape {name}=…: the graph has no input {name!r} "
                            f"(its inputs: {', '.join(names)})")
    values = {value.name: value for value in model.graph.input}
    shapes = {}
    for name in names:
        wanted = given.get(name, unnamed)
        tensor_type = values[name].type.tensor_type
        if not values[name].type.HasField("tensor_type"):
            raise ToolError(f"{path}: input {name!r} is not a tensor (sequences and maps "
                            "are not supported)")
        dims = tensor_type.shape.dim if tensor_type.HasField("shape") else []
        static = [dim.dim_value if dim.HasField("dim_value") else None for dim in dims]
        if wanted is not None:
            if tensor_type.HasField("shape") and len(wanted) != len(static):
                raise ToolError(f"--input-shape for {name!r}: the input has {len(static)} "
                                f"dimensions, {len(wanted)} given")
            for position, (have, want) in enumerate(zip(static, wanted)):
                if have is not None and have != want:
                    raise ToolError(f"--input-shape for {name!r}: dimension {position} is "
                                    f"fixed at {have} in the model, {want} given")
            shapes[name] = list(wanted)
        elif not tensor_type.HasField("shape") or None in static:
            shown = "x".join("?" if dim is None else str(dim) for dim in static) or "unknown"
            raise ToolError(f"{path}: input {name!r} has a dynamic shape ({shown}); "
                            f"give it with --input-shape {'NAME=' if len(names) > 1 else ''}"
                            "1x3x224x224")
        else:
            shapes[name] = static
    return shapes


def fix_input_shapes(model: onnx.ModelProto, shapes: dict[str, list[int]]) -> None:
    for value in model.graph.input:
        if value.name in shapes:
            shape = value.type.tensor_type.shape
            del shape.dim[:]
            for size in shapes[value.name]:
                shape.dim.add().dim_value = size


def unique_node_names(model: onnx.ModelProto) -> None:
    """Names every node uniquely, keeping the names that already are."""
    seen: set[str] = set()
    for index, node in enumerate(model.graph.node):
        name = node.name or f"{node.op_type}_{index}"
        if name == RAW_INPUT:
            name = "input_node"
        base, suffix = name, 2
        while name in seen:
            name = f"{base}_{suffix}"
            suffix += 1
        seen.add(name)
        node.name = name


def _subgraph_reads(node: onnx.NodeProto) -> list[str]:
    """Outer-scope tensors a node's subgraphs (If, Loop, Scan) read."""
    reads: list[str] = []
    for attribute in node.attribute:
        graphs = list(attribute.graphs)
        if attribute.HasField("g"):
            graphs.append(attribute.g)
        for graph in graphs:
            defined = {value.name for value in graph.input}
            defined |= {init.name for init in graph.initializer}
            for inner in graph.node:
                for name in list(inner.input) + _subgraph_reads(inner):
                    if name and name not in defined and name not in reads:
                        reads.append(name)
                defined |= set(inner.output)
    return reads


def analyse(model: onnx.ModelProto, path: str) -> Graph:
    """The layers of a model whose nodes are named and whose inputs are fixed."""
    weights = weight_names(model)
    inputs = input_names(model)
    producer: dict[str, str] = {}
    layers: list[Layer] = []
    consumed: set[str] = set()
    for node in model.graph.node:
        reads: list[str] = []
        for name in list(node.input) + _subgraph_reads(node):
            if name and name not in weights and name not in reads:
                reads.append(name)
        sources: list[str] = []
        for name in reads:
            if name in producer:
                source = producer[name]
            elif name in inputs:
                source = RAW_INPUT
            else:
                raise ToolError(f"{path}: node {node.name!r} reads {name!r}, which no earlier "
                                "node makes (the graph is not in topological order)")
            if source not in sources:
                sources.append(source)
        consumed |= set(reads)
        layers.append(Layer(node.name, node.op_type, node, reads, sources))
        for name in node.output:
            if name:
                producer[name] = node.name
    outputs = [value.name for value in model.graph.output]
    used = consumed | set(outputs)
    for layer in layers:
        layer.outputs = [name for name in layer.node.output if name and name in used]
    return Graph(model, layers, inputs, outputs, producer, weights)


def prepare(path: str, shape_specs: list[str] | None) -> Graph:
    """Loads PATH, fixes its input shapes and names its nodes."""
    model = load_model(path)
    shapes = resolve_input_shapes(model, path, parse_input_shapes(shape_specs))
    model = copy.deepcopy(model)
    fix_input_shapes(model, shapes)
    unique_node_names(model)
    return analyse(model, path)


def np_dtype(elem_type: int) -> np.dtype:
    return np.dtype(helper.tensor_dtype_to_np_dtype(elem_type))


def random_feeds(graph: Graph, seed: int = 0) -> dict[str, np.ndarray]:
    """A deterministic input for every graph input (indices are 0, so Gather works)."""
    rng = np.random.default_rng(seed)
    feeds = {}
    for value in graph.model.graph.input:
        if value.name not in graph.graph_inputs:
            continue
        tensor_type = value.type.tensor_type
        shape = [dim.dim_value for dim in tensor_type.shape.dim]
        dtype = np_dtype(tensor_type.elem_type)
        if np.issubdtype(dtype, np.floating):
            feeds[value.name] = rng.standard_normal(shape).astype(dtype)
        else:
            feeds[value.name] = np.zeros(shape, dtype=dtype)
    return feeds


def session_options(threads: int, profiling: bool = False, prefix: str | None = None):
    import onnxruntime as ort
    options = ort.SessionOptions()
    # Off, so that every ONNX node stays one kernel and keeps its name.
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.log_severity_level = 3
    if profiling:
        options.enable_profiling = True
        if prefix:
            options.profile_file_prefix = prefix
    return options


def make_session(model: onnx.ModelProto, threads: int, providers: list[str],
                 profiling: bool = False, prefix: str | None = None):
    import onnxruntime as ort
    return ort.InferenceSession(model.SerializeToString(),
                                sess_options=session_options(threads, profiling, prefix),
                                providers=providers)


def all_tensor_values(graph: Graph, feeds: dict[str, np.ndarray], providers: list[str],
                      threads: int = 1) -> dict[str, np.ndarray]:
    """Runs the model once with every layer output exposed: each tensor's real value."""
    model = copy.deepcopy(graph.model)
    try:
        model = onnx.shape_inference.infer_shapes(model)
    except Exception:  # inference is a help, not a requirement
        pass
    known = {value.name: value for value in list(model.graph.value_info) + list(model.graph.output)}
    present = {value.name for value in model.graph.output}
    for layer in graph.layers:
        for name in layer.outputs:
            if name in present:
                continue
            model.graph.output.append(known.get(name) or helper.make_empty_tensor_value_info(name))
            present.add(name)
    session = make_session(model, threads, providers)
    names = [output.name for output in session.get_outputs()]
    values = dict(zip(names, session.run(names, feeds)))
    values.update(feeds)
    return values


def tensor_bytes(value) -> int:
    array = np.asarray(value)
    return int(array.size) * int(array.dtype.itemsize)


def value_info(name: str, array: np.ndarray) -> onnx.ValueInfoProto:
    elem_type = helper.np_dtype_to_tensor_dtype(np.asarray(array).dtype)
    return helper.make_tensor_value_info(name, elem_type, list(np.asarray(array).shape))


def submodel(graph: Graph, layer_names: list[str], values: dict[str, np.ndarray],
             outputs_wanted: set[str] | None = None):
    """The part of the model that runs the given layers: its inputs are the tensors
    those layers read from elsewhere, its outputs the tensors they make that anyone
    else reads (or the graph returns). Constant layers the part reads come along,
    since both sides hold the model. Returns (model, input names, output names)."""
    chosen = set(layer_names)
    for layer in graph.layers:
        if layer.name in chosen:
            for name in layer.reads:
                source = graph.producer.get(name)
                if source is not None and graph.layer(source).op_type == "Constant":
                    chosen.add(source)
    nodes = [layer for layer in graph.layers if layer.name in chosen]
    made = {name for layer in nodes for name in layer.node.output if name}
    reads: list[str] = []
    for layer in nodes:
        for name in layer.reads:
            if name not in made and name not in reads:
                reads.append(name)
    outside: set[str] = set(graph.graph_outputs)
    for layer in graph.layers:
        if layer.name not in chosen:
            outside |= set(layer.reads)
    if outputs_wanted is not None:
        outside &= outputs_wanted
    outputs = [name for layer in nodes for name in layer.outputs if name in outside]
    if not outputs:  # a part whose results nobody reads still has to return something
        outputs = [nodes[-1].outputs[0] if nodes[-1].outputs else nodes[-1].node.output[0]]
    used_weights = {name for layer in nodes for name in list(layer.node.input) if name in graph.weights}
    for layer in nodes:
        used_weights |= {name for name in _subgraph_reads(layer.node) if name in graph.weights}
    body = helper.make_graph(
        [layer.node for layer in nodes], "part",
        [value_info(name, values[name]) for name in reads],
        [value_info(name, values[name]) for name in outputs],
        initializer=[init for init in graph.model.graph.initializer if init.name in used_weights])
    part = helper.make_model(body, opset_imports=graph.model.opset_import,
                             ir_version=graph.model.ir_version)
    return part, reads, outputs
