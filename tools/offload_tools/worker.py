"""The testbed's two worker processes (docs/FORMATS.md §9).

- The **device** worker runs each device segment's layers with ONNX Runtime, in the
  plan's order on its lane, one at a time. Its uplink thread sends each uplink
  segment's tensors, in the plan's order on the uplink lane, one transfer at a time:
  it waits for the device work that makes them, then `latencyMs`, then sends the bytes
  over a loopback TCP connection paced by a token bucket at the scenario's rate.
- The **cloud** worker receives the transfers and runs each cloud segment's layers, in
  the plan's order on its lane, as soon as the tensors they read have arrived.

The link's threads (the sender and the receiver) stand for network hardware: they ask
for SCHED_FIFO, above the compute threads, so that a busy core does not delay a
transfer (they sleep almost all the time). With `realtime` the compute threads ask for
it too, so that other processes on the machine do not preempt them.

Times are read from CLOCK_MONOTONIC, which every process on the machine shares, and
reported relative to a start instant the testbed chooses once both workers are ready.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
import traceback

import numpy as np

from . import graph as onnxgraph
from . import machine

# The bucket holds 2 ms of the link's bytes (at least 4 KiB, at most 256 KiB). A
# transfer ends when its last byte has been earned however deep the bucket is; a
# shallower one wakes the sender more often, and every wake-up takes the device's core
# from its compute (and the receiver's from the cloud's) for a few tens of µs.
CHUNK_MS = 2.0
MIN_CHUNK = 4 * 1024
MAX_CHUNK = 256 * 1024


def now_ms() -> float:
    return time.clock_gettime(time.CLOCK_MONOTONIC) * 1000.0


def sleep_until(instant_ms: float) -> None:
    """One sleep (a wake-up costs the core more than the ~0.1 ms a sleep overshoots)."""
    while True:
        left = instant_ms - now_ms()
        if left <= 0:
            return
        time.sleep(left / 1000.0)


class Models:
    """Each job's model, prepared once per file, and the sub-models of its segments."""

    def __init__(self, job_models: dict[str, dict], threads: int):
        self.threads = threads
        self.graphs: dict[str, onnxgraph.Graph] = {}
        self.values: dict[str, dict] = {}
        self.parts: dict[tuple, tuple] = {}
        self.job_models = job_models
        for spec in job_models.values():
            path = spec["onnx"]
            if path not in self.graphs:
                graph = onnxgraph.prepare(path, spec["inputShapes"])
                self.graphs[path] = graph
                self.values[path] = onnxgraph.all_tensor_values(
                    graph, onnxgraph.random_feeds(graph), ["CPUExecutionProvider"], threads)

    def graph(self, job: str) -> onnxgraph.Graph:
        return self.graphs[self.job_models[job]["onnx"]]

    def part(self, job: str, items: list[str]):
        """(session, input names, output names) of the layers `items` of job's model."""
        path = self.job_models[job]["onnx"]
        key = (path, tuple(sorted(items)))
        if key not in self.parts:
            graph, values = self.graphs[path], self.values[path]
            model, reads, outputs = onnxgraph.submodel(graph, items, values)
            session = onnxgraph.make_session(model, self.threads, ["CPUExecutionProvider"])
            feeds = {name: values[name] for name in reads}
            for _ in range(3):  # warm up: the first runs allocate
                session.run(outputs, feeds)
            self.parts[key] = (session, reads, outputs)
        return self.parts[key]

    def whole_model_ms(self, runs: int = 10) -> dict[str, float]:
        """Each model's whole run here and now (median ms), to compare with its profile."""
        times = {}
        for path, graph in self.graphs.items():
            key = (path, "whole")
            if key not in self.parts:
                session = onnxgraph.make_session(graph.model, self.threads, ["CPUExecutionProvider"])
                self.parts[key] = (session, None, None)
            session = self.parts[key][0]
            feeds = {name: self.values[path][name] for name in graph.graph_inputs}
            samples = []
            for _ in range(runs + 2):
                began = now_ms()
                session.run(None, feeds)
                samples.append(now_ms() - began)
            times[path] = float(np.median(samples[2:]))
        return times

    def raw_input(self, job: str) -> dict[str, np.ndarray]:
        values = self.values[self.job_models[job]["onnx"]]
        return {name: values[name] for name in self.graph(job).graph_inputs}

    def sent_tensors(self, job: str, item: str) -> list[str]:
        graph = self.graph(job)
        return list(graph.graph_inputs) if item == onnxgraph.RAW_INPUT else graph.layer(item).outputs


def _send_all(connection: socket.socket, data: bytes | memoryview) -> None:
    connection.sendall(data)


def _recv_exact(connection: socket.socket, size: int) -> bytearray:
    buffer = bytearray(size)
    view = memoryview(buffer)
    received = 0
    while received < size:
        count = connection.recv_into(view[received:], size - received)
        if count == 0:
            raise ConnectionError("the device worker closed the link")
        received += count
    return buffer


def _run_segment(models: Models, stores: dict[str, dict], segment: dict, start: float) -> tuple[float, float]:
    """Runs one compute segment's layers on the tensors in `stores`, adds what they make,
    and returns when it began and ended (ms from `start`)."""
    job = segment["job"]
    session, reads, outputs = models.part(job, segment["items"])
    feeds = {name: stores[job][name] for name in reads}
    began = now_ms()
    results = session.run(outputs, feeds)
    ended = now_ms()
    stores[job].update(zip(outputs, results))
    return began - start, ended - start


def _serve(pipe, spec: dict, lane: str, connect, play) -> None:
    """A worker's life in its own process: prepares the sub-models of its `lane`'s
    segments, opens the link (`connect()` returns the socket), says it is ready, then
    answers the testbed until "stop": "calibrate" times each model whole; a start
    instant plays one run, `play(models, link, start)`, which returns the run's records
    and the first failure's trace (None when there was none). A failure ends the worker."""
    try:
        pinned = machine.pin(spec.get("core"))
        realtime = machine.realtime(1) if spec.get("realtime") else False
        models = Models(spec["jobs"], spec["threads"])
        for segment in spec["segments"]:
            if segment["lane"] == lane:
                models.part(segment["job"], segment["items"])
        link = connect()
        link.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        pipe.send(("ready", {"pinned": pinned, "realtime": realtime}))
        while True:
            message = pipe.recv()
            if message[0] == "stop":
                break
            if message[0] == "calibrate":
                pipe.send(("calibrated", models.whole_model_ms()))
                continue
            records, failure = play(models, link, message[1])
            if failure is not None:
                pipe.send(("error", failure))
                return
            pipe.send(("done", records))
        link.close()
    except Exception:
        pipe.send(("error", traceback.format_exc()))


def device_worker(pipe, spec: dict) -> None:
    """Runs in its own process: the device lane and the uplink lane."""
    segments = spec["segments"]
    device_order = [index for index, segment in enumerate(segments) if segment["lane"] == "device"]
    uplink_order = [index for index, segment in enumerate(segments) if segment["lane"] == "uplink"]
    # Which device segment of a job makes a layer, so a transfer knows what to wait for.
    maker: dict[tuple[str, str], int] = {}
    for index in device_order:
        for item in segments[index]["items"]:
            maker[(segments[index]["job"], item)] = index
    rate = spec["bandwidthMbps"] * 1000.0 / 8.0  # bytes per ms
    latency = spec["latencyMs"]

    def play(models: Models, link: socket.socket, start: float):
        stores: dict[str, dict] = {job: models.raw_input(job) for job in spec["jobs"]}
        done = {index: threading.Event() for index in device_order}
        records: dict[int, tuple[float, float]] = {}
        failure: list[str] = []

        def uplink() -> None:
            machine.realtime(2)
            try:
                for index in uplink_order:
                    segment = segments[index]
                    job = segment["job"]
                    for item in segment["items"]:
                        if (job, item) in maker:
                            done[maker[(job, item)]].wait()
                    sleep_until(start)
                    began = now_ms()
                    names = [name for item in segment["items"] for name in models.sent_tensors(job, item)]
                    arrays = [np.ascontiguousarray(stores[job][name]) for name in names]
                    header = json.dumps({"segment": index, "job": job, "tensors": [
                        {"name": name, "dtype": array.dtype.str, "shape": list(array.shape),
                         "bytes": array.nbytes} for name, array in zip(names, arrays)]}).encode()
                    payload = b"".join(array.tobytes() for array in arrays)
                    charged = segment.get("chargedBytes", len(payload))
                    per_byte = (charged / len(payload)) / rate if payload else 0.0
                    sleep_until(began + latency)
                    sent_from = now_ms()
                    _send_all(link, struct.pack("!II", len(header), len(payload)) + header)
                    chunk = int(min(MAX_CHUNK, max(MIN_CHUNK, rate * CHUNK_MS)))
                    view = memoryview(payload)
                    offset = 0
                    while offset < len(payload):
                        end = min(offset + chunk, len(payload))
                        # A token bucket one chunk deep, empty when the transfer
                        # starts: a chunk leaves once the link has earned its bytes.
                        sleep_until(sent_from + end * per_byte)
                        _send_all(link, view[offset:end])
                        offset = end
                    records[index] = (began - start, float("nan"))
            except Exception:  # reported to the testbed, which stops the run
                failure.append(traceback.format_exc())
                for event in done.values():
                    event.set()

        sender = threading.Thread(target=uplink, daemon=True)
        sender.start()
        sleep_until(start)
        for index in device_order:
            records[index] = _run_segment(models, stores, segments[index], start)
            done[index].set()
        sender.join()
        return records, (failure[0] if failure else None)

    _serve(pipe, spec, "device", lambda: socket.create_connection(("127.0.0.1", spec["port"])), play)


def cloud_worker(pipe, spec: dict) -> None:
    """Runs in its own process: receives the transfers and runs the cloud lane."""
    segments = spec["segments"]
    cloud_order = [index for index, segment in enumerate(segments) if segment["lane"] == "cloud"]
    transfers = sum(1 for segment in segments if segment["lane"] == "uplink")

    def connect() -> socket.socket:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        pipe.send(("port", listener.getsockname()[1]))
        link, _ = listener.accept()
        listener.close()
        return link

    def play(models: Models, link: socket.socket, start: float):
        stores: dict[str, dict] = {job: {} for job in spec["jobs"]}
        arrived = threading.Condition()
        records: dict[int, tuple[float, float]] = {}
        failure: list[str] = []

        def receive() -> None:
            machine.realtime(2)
            try:
                for _ in range(transfers):
                    header_size, payload_size = struct.unpack("!II", bytes(_recv_exact(link, 8)))
                    header = json.loads(bytes(_recv_exact(link, header_size)))
                    payload = _recv_exact(link, payload_size)
                    ended = now_ms()
                    offset, tensors = 0, {}
                    for tensor in header["tensors"]:
                        array = np.frombuffer(payload, dtype=np.dtype(tensor["dtype"]),
                                              count=int(np.prod(tensor["shape"], dtype=np.int64)),
                                              offset=offset).reshape(tensor["shape"])
                        tensors[tensor["name"]] = array
                        offset += tensor["bytes"]
                    with arrived:
                        stores[header["job"]].update(tensors)
                        records[header["segment"]] = (float("nan"), ended - start)
                        arrived.notify_all()
            except Exception:
                failure.append(traceback.format_exc())
                with arrived:
                    arrived.notify_all()

        receiver = threading.Thread(target=receive, daemon=True)
        receiver.start()
        for index in cloud_order:
            segment = segments[index]
            _, reads, _ = models.part(segment["job"], segment["items"])
            with arrived:
                arrived.wait_for(lambda: failure or all(name in stores[segment["job"]] for name in reads))
            if failure:
                break
            sleep_until(start)
            records[index] = _run_segment(models, stores, segment, start)
        receiver.join()
        return records, (failure[0] if failure else None)

    _serve(pipe, spec, "cloud", connect, play)
