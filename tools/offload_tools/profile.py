"""`offload-profile`: measure every node of an ONNX model with ONNX Runtime and write
a model profile (docs/FORMATS.md §2); `offload-profile merge` joins a profile taken
on the device with one taken on the server (docs/FORMATS.md §6)."""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import sys
import tempfile
import time

from . import graph as onnxgraph
from . import machine
from .errors import ToolError, one_line
from .progress import Progress

PROVIDERS = {
    "cpu": "CPUExecutionProvider", "cuda": "CUDAExecutionProvider",
    "tensorrt": "TensorrtExecutionProvider", "rocm": "ROCMExecutionProvider",
    "coreml": "CoreMLExecutionProvider", "nnapi": "NnapiExecutionProvider",
    "dml": "DmlExecutionProvider", "openvino": "OpenVINOExecutionProvider",
    "qnn": "QNNExecutionProvider", "xnnpack": "XnnpackExecutionProvider",
}


TIMINGS = {
    "kernel": "kernel times",
    "span": "spans (a kernel's start to the next kernel's start)",
    "whole": "kernel times scaled so that they add up to a whole run without the profiler",
}


def provider_list(name: str) -> list[str]:
    import onnxruntime as ort
    wanted = PROVIDERS.get(name.lower(), name)
    available = ort.get_available_providers()
    if wanted not in available:
        short = {full: short for short, full in PROVIDERS.items()}
        names = ", ".join(short.get(full, full) for full in available)
        raise ToolError(f"--provider {name}: not available in this onnxruntime "
                        f"(available: {names})")
    return [wanted] if wanted == "CPUExecutionProvider" else [wanted, "CPUExecutionProvider"]


def kernel_times(events: list[dict], warmup: int, timing: str = "kernel") -> tuple[dict[str, list[float]], int]:
    """Each node's time in ms, one entry per timed run (warm-up runs dropped), from
    ONNX Runtime's profiling JSON (its `model_run` and `*_kernel_time` events).

    `kernel`: the kernel's own duration. `span`: from the kernel's start to the next
    kernel's start (the first node also from the run's start, the last to the run's
    end), so that the executor's work between kernels is counted and a run's nodes add
    up to the run."""
    runs = sorted((event["ts"], event["ts"] + event["dur"]) for event in events
                  if event.get("cat") == "Session" and event.get("name") == "model_run")
    timed = runs[warmup:]
    per_run: list[dict[str, float]] = [{} for _ in timed]
    kernels: list[list[tuple[float, float, str]]] = [[] for _ in timed]
    starts = [start for start, _ in timed]
    import bisect
    for event in events:
        name = event.get("name", "")
        if event.get("cat") != "Node" or not name.endswith("_kernel_time"):
            continue
        index = bisect.bisect_right(starts, event["ts"]) - 1
        if index < 0 or event["ts"] > timed[index][1]:
            continue
        node = name[: -len("_kernel_time")]
        if timing == "span":
            kernels[index].append((event["ts"], event["ts"] + event["dur"], node))
        else:
            per_run[index][node] = per_run[index].get(node, 0.0) + event["dur"] / 1000.0
    if timing == "span":
        for index, run in enumerate(kernels):
            run.sort()
            run_start, run_end = timed[index]
            for position, (start, _, node) in enumerate(run):
                begin = run_start if position == 0 else start
                end = run[position + 1][0] if position + 1 < len(run) else run_end
                per_run[index][node] = per_run[index].get(node, 0.0) + max(end - begin, 0) / 1000.0
    times: dict[str, list[float]] = {}
    for run in per_run:
        for node, ms in run.items():
            times.setdefault(node, []).append(ms)
    return times, len(timed)


def measure(graph: onnxgraph.Graph, providers: list[str], threads: int, runs: int,
            warmup: int, label: str, timing: str = "kernel") -> tuple[dict[str, float], float]:
    """Median time of every node, and the median whole run, in ms.

    The whole run is timed on a second session without the profiler (whose bookkeeping
    between kernels slows a run down), alternating with the profiled runs so that both
    see the machine at the same speed."""
    feeds = onnxgraph.random_feeds(graph)
    with tempfile.TemporaryDirectory(prefix="offload-profile-") as scratch:
        try:
            session = onnxgraph.make_session(graph.model, threads, providers, profiling=True,
                                             prefix=os.path.join(scratch, "ort"))
            plain = onnxgraph.make_session(graph.model, threads, providers)
        except Exception as error:
            raise ToolError(f"{label}: onnxruntime cannot load it ({one_line(error)[:160]})") from None
        progress = Progress(f"profiling {os.path.basename(label)}", warmup + runs)
        whole = []
        try:
            for index in range(warmup + runs):
                session.run(None, feeds)
                start = time.perf_counter()
                plain.run(None, feeds)
                if index >= warmup:
                    whole.append((time.perf_counter() - start) * 1000.0)
                progress.step()
        except Exception as error:
            raise ToolError(f"{label}: onnxruntime failed to run it ({one_line(error)[:160]})") from None
        finally:
            progress.close()
        with open(session.end_profiling(), encoding="utf-8") as trace:
            events = json.load(trace)
    times, counted = kernel_times(events, warmup, "kernel" if timing == "whole" else timing)
    if counted < runs:
        raise ToolError(f"{label}: onnxruntime's profile holds {counted} of {runs} timed runs "
                        "(raise --runs, or check the profiler's buffer)")
    medians = {node: statistics.median(samples + [0.0] * (counted - len(samples)))
               for node, samples in times.items()}
    whole_ms = statistics.median(whole)
    total = sum(medians.values())
    if timing == "whole" and total > 0:
        medians = {node: ms * whole_ms / total for node, ms in medians.items()}
    return medians, whole_ms


def profile_document(path: str, out: str, graph: onnxgraph.Graph, values: dict, times: dict,
                     whole_ms: float, side: str, provider: str, threads: int, runs: int,
                     warmup: int, name: str | None, timing: str = "kernel",
                     core: int | None = None) -> dict:
    import onnx
    import onnxruntime as ort
    where = f"{machine.cpu_model()}, {threads} thread{'s' if threads != 1 else ''} " \
            f"({provider}; this machine has {machine.cores()} cores" + \
            (f", pinned to core {core})" if core is not None else ")")
    copied = "not measured: copied from the other side; merge with a profile taken there " \
             "(offload-profile merge)"
    layers = []
    for layer in graph.layers:
        ms = round(times.get(layer.name, 0.0), 4)
        layers.append({
            "name": layer.name, "type": layer.op_type, "inputs": layer.inputs,
            "deviceMs": ms, "cloudMs": ms,
            "outputBytes": sum(onnxgraph.tensor_bytes(values[tensor]) for tensor in layer.outputs),
        })
    shapes = [list(values[name].shape) for name in graph.graph_inputs]
    document = {
        "name": name or os.path.splitext(os.path.basename(path))[0],
        "inputBytes": sum(onnxgraph.tensor_bytes(values[name]) for name in graph.graph_inputs),
    }
    if len(shapes) == 1:
        document["inputShape"] = shapes[0]
    document["onnx"] = os.path.relpath(os.path.abspath(path), os.path.dirname(os.path.abspath(out)))
    document["source"] = {
        "framework": f"onnxruntime {ort.__version__}, onnx {onnx.__version__}",
        "device": where if side in ("device", "both") else copied,
        "cloud": where if side in ("cloud", "both") else copied,
        "side": side,
        "threads": threads,
        "inputShapes": {name: list(values[name].shape) for name in graph.graph_inputs},
        "measured": datetime.date.today().isoformat(),
        "timing": timing,
        "method": (f"ONNX Runtime per-node {TIMINGS[timing]} (enable_profiling), graph optimisations "
                   f"off so nodes stay one-to-one, intra-op threads {threads}, median of {runs} "
                   f"runs after {warmup} warm-up runs, random inputs; outputBytes from the "
                   "output shapes and element types; Constant nodes are folded by ONNX Runtime "
                   "and take 0 ms"),
        "wholeModelDeviceMs" if side != "cloud" else "wholeModelCloudMs": round(whole_ms, 4),
        "sumOfNodesMs": round(sum(layer["deviceMs"] for layer in layers), 4),
    }
    if side == "both":
        document["source"]["wholeModelCloudMs"] = round(whole_ms, 4)
    document["layers"] = layers
    return document


def write_json(document: dict, out: str) -> None:
    directory = os.path.dirname(os.path.abspath(out))
    if not os.path.isdir(directory):
        raise ToolError(f"--out {out}: no such directory {directory}")
    temporary = out + ".tmp"
    try:
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(document, handle, indent=1)
            handle.write("\n")
        os.replace(temporary, out)
    except OSError as error:
        raise ToolError(f"--out {out}: cannot write ({error.strerror})") from None


def profile(path: str, out: str, threads: int = 1, runs: int = 20, warmup: int = 5,
            provider: str = "cpu", side: str = "both", input_shapes: list[str] | None = None,
            name: str | None = None, notes=None, realtime: bool = False,
            timing: str = "kernel", core: int | None = None) -> dict:
    notes = notes if notes is not None else sys.stderr
    if core is not None and not machine.pin(core):
        raise ToolError(f"--pin {core}: cannot pin to that core (this machine's cores: "
                        f"{', '.join(map(str, sorted(os.sched_getaffinity(0)))) if hasattr(os, 'sched_getaffinity') else 'unknown'})")
    if realtime and not machine.realtime(1):
        print("offload-profile: note: --realtime was refused (it needs root on Linux); "
              "measuring at normal priority", file=notes)
        realtime = False
    graph = onnxgraph.prepare(path, input_shapes)
    providers = provider_list(provider)
    if len(graph.graph_inputs) > 1:
        print(f"{path}: note: the graph has {len(graph.graph_inputs)} inputs "
              f"({', '.join(graph.graph_inputs)}); inputBytes is their sum and every layer "
              "reading one reads `input`", file=notes)
    multi = [layer.name for layer in graph.layers if len(layer.outputs) > 1]
    if multi:
        shown = ", ".join(multi[:3]) + (", …" if len(multi) > 3 else "")
        print(f"{path}: note: {len(multi)} node(s) have several outputs ({shown}); their "
              "outputBytes is the sum of the outputs that are used", file=notes)
    try:
        values = onnxgraph.all_tensor_values(graph, onnxgraph.random_feeds(graph), providers, threads)
    except ToolError:
        raise
    except Exception as error:
        raise ToolError(f"{path}: onnxruntime cannot run it ({one_line(error)[:160]})") from None
    times, whole = measure(graph, providers, threads, runs, warmup, path, timing)
    document = profile_document(path, out, graph, values, times, whole, side, provider,
                                threads, runs, warmup, name, timing, core)
    document["source"]["realtime"] = realtime
    if core is not None:
        document["source"]["core"] = core
    write_json(document, out)
    return document


def read_profile(path: str, flag: str) -> dict:
    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
    except FileNotFoundError:
        raise ToolError(f"{flag} {path}: no such file") from None
    except (OSError, ValueError) as error:
        raise ToolError(f"{flag} {path}: not a JSON profile ({one_line(error)[:120]})") from None
    if not isinstance(document, dict) or not isinstance(document.get("layers"), list):
        raise ToolError(f"{flag} {path}: not a model profile (expected an object with `layers`)")
    for index, layer in enumerate(document["layers"]):
        if not isinstance(layer, dict) or not isinstance(layer.get("name"), str):
            raise ToolError(f"{flag} {path}: layers[{index}]: expected an object with a `name`")
    return document


def merge(device_path: str, cloud_path: str, out: str) -> dict:
    """deviceMs from the device's profile, cloudMs from the server's; the graphs must agree."""
    device = read_profile(device_path, "--device")
    cloud = read_profile(cloud_path, "--cloud")
    cloud_layers = {layer["name"]: layer for layer in cloud["layers"]}
    if len(cloud_layers) != len(device["layers"]):
        raise ToolError(f"--cloud {cloud_path}: {len(cloud['layers'])} layers, the device's "
                        f"profile has {len(device['layers'])}: not the same model")
    if device.get("inputBytes") != cloud.get("inputBytes"):
        raise ToolError(f"--cloud {cloud_path}: inputBytes {cloud.get('inputBytes')}, the "
                        f"device's profile says {device.get('inputBytes')}: not the same input")
    layers = []
    for layer in device["layers"]:
        other = cloud_layers.get(layer["name"])
        if other is None:
            raise ToolError(f"--cloud {cloud_path}: no layer {layer['name']!r}: not the same model")
        for key in ("inputs", "outputBytes"):
            if other.get(key) != layer.get(key):
                raise ToolError(f"--cloud {cloud_path}: layer {layer['name']!r}: {key} "
                                f"{other.get(key)!r}, the device's profile says {layer.get(key)!r}")
        merged = dict(layer)
        merged["cloudMs"] = other.get("cloudMs")
        layers.append(merged)
    document = {key: value for key, value in device.items() if key not in ("layers", "source")}
    if "onnx" in device:
        model = os.path.join(os.path.dirname(os.path.abspath(device_path)), device["onnx"])
        document["onnx"] = os.path.relpath(model, os.path.dirname(os.path.abspath(out)))
    device_source = device.get("source") if isinstance(device.get("source"), dict) else {}
    cloud_source = cloud.get("source") if isinstance(cloud.get("source"), dict) else {}
    source = {
        "framework": device_source.get("framework"),
        "device": device_source.get("device"), "cloud": cloud_source.get("cloud"),
        "side": "merged",
        "measured": " and ".join(sorted({str(device_source.get("measured")),
                                         str(cloud_source.get("measured"))})),
        "method": device_source.get("method"),
        "wholeModelDeviceMs": device_source.get("wholeModelDeviceMs"),
        "wholeModelCloudMs": cloud_source.get("wholeModelCloudMs"),
    }
    if cloud_source.get("framework") != device_source.get("framework"):
        source["cloudFramework"] = cloud_source.get("framework")
    # The rest of the device's record (threads, input shapes, timing, …) stays, so that
    # the testbed can run the merged profile as it runs a profile of one side.
    for key, value in device_source.items():
        if key not in source and key not in ("side", "sumOfNodesMs", "core"):
            source[key] = value
    document["source"] = {key: value for key, value in source.items() if value is not None}
    document["layers"] = layers
    write_json(document, out)
    return document


def write_scenario(path: str, profile_path: str, document: dict, jobs: int, bandwidth: float,
                   latency: float) -> None:
    """A scenario of `jobs` runs of the profiled model (docs/FORMATS.md §3), to open in
    the dashboard at once; its model path is relative to the scenario."""
    name = str(document.get("name", "model"))
    model = os.path.relpath(os.path.abspath(profile_path), os.path.dirname(os.path.abspath(path)))
    scenario = {
        "name": f"{name} × {jobs}",
        "description": (f"{jobs} runs of {name}, profiled by offload-profile. The link "
                        f"({bandwidth:g} Mbps, {latency:g} ms) is an assumption: set it to yours."),
        "environment": {"deviceSpeed": 1.0, "cloudSpeed": 1.0, "bandwidthMbps": bandwidth,
                        "latencyMs": latency},
        "jobs": [{"id": name, "model": model, "count": jobs}],
    }
    write_json(scenario, path)


def add_scenario_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scenario", metavar="SCENARIO.json",
                        help="also write a scenario of this model, to open with offload dashboard")
    parser.add_argument("--jobs", type=positive, default=4, help="jobs in that scenario (default 4)")
    parser.add_argument("--bandwidth", type=float, default=20.0, metavar="MBPS",
                        help="its bandwidthMbps (default 20)")
    parser.add_argument("--latency", type=float, default=0.0, metavar="MS",
                        help="its latencyMs (default 0)")


def _integer_from(text: str, least: int, expected: str) -> int:
    """`text` as an integer of at least `least`, else an argparse error naming `expected`."""
    try:
        value = int(text)
    except ValueError:
        value = least - 1
    if value < least:
        raise argparse.ArgumentTypeError(f"expected {expected}, got {text!r}")
    return value


def positive(text: str) -> int:
    return _integer_from(text, 1, "a positive integer")


def non_negative(text: str) -> int:
    return _integer_from(text, 0, "an integer ≥ 0")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv[:1] == ["merge"]:
            parser = argparse.ArgumentParser(
                prog="offload-profile merge",
                description="Join a profile taken on the device (its deviceMs) with one taken "
                            "on the server (its cloudMs) into one model profile.")
            parser.add_argument("--device", required=True, metavar="D.json")
            parser.add_argument("--cloud", required=True, metavar="C.json")
            parser.add_argument("--out", required=True, metavar="M.json")
            add_scenario_flags(parser)
            args = parser.parse_args(argv[1:])
            document = merge(args.device, args.cloud, args.out)
            print(f"{args.out}: {len(document['layers'])} layers", file=sys.stderr)
            if args.scenario:
                write_scenario(args.scenario, args.out, document, args.jobs, args.bandwidth, args.latency)
            return 0
        parser = argparse.ArgumentParser(
            prog="offload-profile",
            description="Measure every node of an ONNX model on this machine and write a model "
                        "profile (docs/FORMATS.md §2). `offload-profile merge --help` joins a "
                        "device profile with a server profile.")
        parser.add_argument("model", metavar="MODEL.onnx")
        parser.add_argument("--out", required=True, metavar="PROFILE.json")
        parser.add_argument("--threads", type=positive, default=1,
                            help="ONNX Runtime intra-op threads (default 1)")
        parser.add_argument("--runs", type=positive, default=20, help="timed runs (default 20)")
        parser.add_argument("--warmup", type=non_negative, default=5,
                            help="untimed runs first (default 5)")
        parser.add_argument("--provider", default="cpu",
                            help="execution provider: cpu, cuda, tensorrt, coreml, … (default cpu)")
        parser.add_argument("--side", choices=("device", "cloud", "both"), default="both",
                            help="which times this machine stands for (default both)")
        parser.add_argument("--input-shape", action="append", metavar="[NAME=]1x3x224x224",
                            help="the shape of an input whose dimensions are not fixed")
        parser.add_argument("--name", help="the model's name (default: the file's)")
        parser.add_argument("--realtime", action="store_true",
                            help="measure under SCHED_FIFO (root, Linux), so that a busy machine "
                                 "does not preempt the measurement")
        parser.add_argument("--timing", choices=sorted(TIMINGS), default="kernel",
                            help="a node's time: its kernel alone (default); from its kernel's "
                                 "start to the next one's (span); or its kernel time scaled so "
                                 "that the nodes add up to a whole run (whole)")
        parser.add_argument("--pin", type=non_negative, metavar="CORE",
                            help="run on this core only (the testbed runs the device on the "
                                 "first core and the cloud on the second)")
        add_scenario_flags(parser)
        args = parser.parse_args(argv)
        document = profile(args.model, args.out, args.threads, args.runs, args.warmup,
                           args.provider, args.side, args.input_shape, args.name,
                           realtime=args.realtime, timing=args.timing, core=args.pin)
        total = document["source"]["sumOfNodesMs"]
        print(f"{args.out}: {len(document['layers'])} layers, nodes sum to {total:.3f} ms "
              f"(whole runs {document['source'].get('wholeModelDeviceMs', document['source'].get('wholeModelCloudMs'))} ms)",
              file=sys.stderr)
        if args.scenario:
            write_scenario(args.scenario, args.out, document, args.jobs, args.bandwidth, args.latency)
        return 0
    except ToolError as error:
        print(f"offload-profile: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
