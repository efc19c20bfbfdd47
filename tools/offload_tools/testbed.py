"""`offload-testbed SCENARIO --algorithm NAME --out MEASURED.json`: run a plan for real
on this machine and write what was measured beside what was planned (docs/FORMATS.md §9).

The plan comes from `offload schedule SCENARIO --algorithm NAME --format json` (or from
`--plan FILE`). Each job's model profile must name its ONNX file (`onnx`, as
`offload-profile` writes it). A device worker process and a cloud worker process, each
pinned to its own core where the machine has two, run the plan's segments in the
plan's order on each lane (see offload_tools/worker.py)."""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import os
import shutil
import subprocess
import sys

from . import graph as onnxgraph
from . import machine
from .errors import ToolError, one_line
from .progress import Progress
from .worker import cloud_worker, device_worker, now_ms

LANES = ("device", "uplink", "cloud")


def read_json(path: str, what: str):
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except FileNotFoundError:
        raise ToolError(f"{path}: no such file ({what})") from None
    except (OSError, ValueError) as error:
        raise ToolError(f"{path}: not a JSON {what} ({one_line(error)[:120]})") from None


def scenario_jobs(path: str, scenario: dict) -> dict[str, dict]:
    """Job id (after `count`, docs/FORMATS.md §3) -> its profile, ONNX file and input."""
    if not isinstance(scenario, dict) or not isinstance(scenario.get("jobs"), list):
        raise ToolError(f"{path}: not a scenario (expected an object with `jobs`)")
    base = os.path.dirname(os.path.abspath(path))
    profiles: dict[str, dict] = {}
    jobs: dict[str, dict] = {}
    for index, job in enumerate(scenario["jobs"]):
        where = f"{path}: jobs[{index}]"
        if not isinstance(job, dict) or not isinstance(job.get("id"), str) or not isinstance(job.get("model"), str):
            raise ToolError(f"{where}: expected an object with `id` and `model`")
        model_path = os.path.join(base, job["model"])
        if model_path not in profiles:
            profile = read_json(model_path, "model profile")
            if not isinstance(profile, dict) or not isinstance(profile.get("onnx"), str):
                raise ToolError(f"{model_path}: the profile names no ONNX file (`onnx`); the "
                                "testbed runs profiles written by offload-profile")
            onnx_path = os.path.join(os.path.dirname(model_path), profile["onnx"])
            if not os.path.isfile(onnx_path):
                raise ToolError(f"{model_path}: onnx: {profile['onnx']!r}: no such file "
                                f"(looked for {onnx_path})")
            source = profile.get("source") if isinstance(profile.get("source"), dict) else {}
            shapes = source.get("inputShapes") or {}
            profiles[model_path] = {
                "onnx": onnx_path, "profile": model_path, "threads": source.get("threads"),
                "inputShapes": [f"{name}={'x'.join(map(str, shape))}" for name, shape in shapes.items()],
                "inputBytes": profile.get("inputBytes"),
                "layers": [layer.get("name") for layer in profile.get("layers", []) if isinstance(layer, dict)],
            }
        count = job.get("count", 1)
        ids = [job["id"]] if count == 1 else [f"{job['id']}-{k}" for k in range(1, count + 1)]
        for job_id in ids:
            jobs[job_id] = dict(profiles[model_path], id=job_id,
                                inputBytesOverride=job.get("inputBytes"))
    return jobs


def check_models(jobs: dict[str, dict], threads: int, notes) -> None:
    """The profile and its ONNX file must describe the same graph."""
    seen = set()
    for job in jobs.values():
        if job["onnx"] in seen:
            continue
        seen.add(job["onnx"])
        graph = onnxgraph.prepare(job["onnx"], job["inputShapes"])
        names = [layer.name for layer in graph.layers]
        if names != job["layers"]:
            missing = [name for name in job["layers"] if name not in names]
            detail = f"layer {missing[0]!r} is not a node of it" if missing else "its nodes differ"
            raise ToolError(f"{job['profile']}: was not made from {job['onnx']}: {detail}; "
                            "profile it again with offload-profile")
        if job["threads"] is not None and job["threads"] != threads:
            print(f"offload-testbed: note: {job['profile']} was profiled with {job['threads']} "
                  f"thread(s), the testbed runs {threads}", file=notes)


def offload_binary(given: str | None) -> str:
    if given:
        if not os.access(given, os.X_OK):
            raise ToolError(f"--offload {given}: not an executable")
        return given
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    for candidate in (os.path.join(root, ".build", "debug", "offload"),
                      os.path.join(root, ".build", "release", "offload"), shutil.which("offload")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise ToolError("cannot find the offload executable: run `swift build` in the repository, "
                    "put offload on PATH, or pass --offload PATH")


def make_plan(scenario: str, algorithm: str, binary: str) -> dict:
    command = [binary, "schedule", scenario, "--algorithm", algorithm, "--format", "json"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        message = (result.stderr.strip().splitlines() or ["(no message)"])[-1]
        raise ToolError(f"offload schedule failed: {message}")
    try:
        return json.loads(result.stdout)
    except ValueError:
        raise ToolError("offload schedule printed something that is not JSON") from None


def plan_segments(plan: dict, where: str) -> list[dict]:
    segments = plan.get("segments") if isinstance(plan, dict) else None
    if not isinstance(segments, list):
        raise ToolError(f"{where}: not a plan (expected an object with `segments`)")
    cleaned = []
    for index, segment in enumerate(segments):
        try:
            cleaned.append({"lane": str(segment["lane"]), "job": str(segment["job"]),
                            "startMs": float(segment["startMs"]), "endMs": float(segment["endMs"]),
                            "items": [str(item) for item in segment["items"]]})
        except (KeyError, TypeError, ValueError):
            raise ToolError(f"{where}: segments[{index}]: expected lane, job, startMs, endMs "
                            "and items") from None
        if cleaned[-1]["lane"] not in LANES:
            raise ToolError(f"{where}: segments[{index}]: lane {cleaned[-1]['lane']!r} is not "
                            "device, uplink or cloud")
    return cleaned


def environment_of(plan: dict, scenario: dict, path: str) -> dict:
    environment = dict(scenario.get("environment") or {})
    if isinstance(plan.get("environment"), dict):
        environment.update(plan["environment"])
    for key in ("deviceSpeed", "cloudSpeed"):
        value = environment.get(key, 1.0)
        if value != 1:
            raise ToolError(f"{path}: environment.{key} is {value}: the testbed runs at this "
                            f"machine's speed, so {key} must be 1 (or left out)")
    trace = (scenario.get("environment") or {}).get("bandwidthTrace")
    if trace:
        raise ToolError(f"{path}: environment.bandwidthTrace: the testbed plays a constant "
                        "link at bandwidthMbps; remove the trace (or use offload simulate)")
    return {"bandwidthMbps": float(environment.get("bandwidthMbps", 20.0)),
            "latencyMs": float(environment.get("latencyMs", 0.0))}


def plan_makespan(plan: dict, segments: list[dict]) -> float:
    for key in ("makespanMs", "plannedMakespanMs"):
        if isinstance(plan.get(key), (int, float)):
            return float(plan[key])
    return max((segment["endMs"] for segment in segments), default=0.0)


def run_workers(jobs: dict, segments: list[dict], environment: dict, threads: int,
                repeat: int, pin: bool, realtime: bool = False) -> tuple[list[dict], dict]:
    """Runs the plan `repeat` times; each run's (start, end) per segment, in ms."""
    usable = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    pinning = pin and len(usable) >= 2
    allowed = usable if pinning else []
    job_specs = {job_id: {"onnx": job["onnx"], "inputShapes": job["inputShapes"]}
                 for job_id, job in jobs.items()}
    spec = {"jobs": job_specs, "segments": segments, "threads": threads, "realtime": realtime,
            "bandwidthMbps": environment["bandwidthMbps"], "latencyMs": environment["latencyMs"]}
    context = multiprocessing.get_context("spawn")
    device_end, device_pipe = context.Pipe()
    cloud_end, cloud_pipe = context.Pipe()
    cloud = context.Process(target=cloud_worker, args=(cloud_pipe, dict(spec, core=allowed[1] if pinning else None)),
                            daemon=True)
    cloud.start()
    device = None
    try:
        port = expect(cloud_end, "port", "cloud")
        device = context.Process(target=device_worker,
                                 args=(device_pipe, dict(spec, port=port, core=allowed[0] if pinning else None)),
                                 daemon=True)
        device.start()
        device_ready = expect(device_end, "ready", "device")
        cloud_ready = expect(cloud_end, "ready", "cloud")
        def calibrate() -> dict:
            device_end.send(("calibrate",))
            device_times = expect(device_end, "calibrated", "device")
            cloud_end.send(("calibrate",))
            cloud_times = expect(cloud_end, "calibrated", "cloud")
            return {path: (device_times[path], cloud_times[path]) for path in device_times}

        before = calibrate()
        runs = []
        progress = Progress("testbed runs", repeat)
        for _ in range(repeat):
            start = now_ms() + 200.0  # both workers wait for this instant
            device_end.send(("go", start))
            cloud_end.send(("go", start))
            device_records = expect(device_end, "done", "device")
            cloud_records = expect(cloud_end, "done", "cloud")
            times = []
            link_free = -math.inf  # when the cloud had the last byte of the previous transfer
            for index, segment in enumerate(segments):
                began, ended = device_records.get(index, (math.nan, math.nan))
                if segment["lane"] == "cloud":
                    began, ended = cloud_records[index]
                elif segment["lane"] == "uplink":
                    # The sender is free when its last byte leaves, but the link carries
                    # that byte until the cloud has it: a transfer runs from then at the
                    # earliest, so that transfers never overlap on the lane.
                    ended = cloud_records[index][1]
                    began = max(began, link_free)
                    link_free = ended
                times.append((began, ended))
            runs.append(times)
            progress.step()
        progress.close()
        after = calibrate()
        for end in (device_end, cloud_end):
            end.send(("stop",))
        pinned = {"device": allowed[0] if pinning and device_ready["pinned"] else None,
                  "cloud": allowed[1] if pinning and cloud_ready["pinned"] else None,
                  "realtime": bool(device_ready["realtime"] and cloud_ready["realtime"]),
                  "calibration": {path: {"before": before[path], "after": after[path]} for path in before}}
        return runs, pinned
    finally:
        for process in (device, cloud):
            if process is not None:
                process.join(timeout=5)
                if process.is_alive():
                    process.terminate()


def expect(pipe, kind: str, worker: str):
    if not pipe.poll(600):
        raise ToolError(f"the {worker} worker did not answer within 600 s")
    try:
        message = pipe.recv()
    except EOFError:
        raise ToolError(f"the {worker} worker died") from None
    if message[0] == "error":
        last = [line for line in message[1].strip().splitlines() if line.strip()][-1]
        raise ToolError(f"the {worker} worker failed: {one_line(last)[:200]}")
    if message[0] != kind:
        raise ToolError(f"the {worker} worker said {message[0]!r}, expected {kind!r}")
    return message[1]


def calibration(jobs: dict, measured: dict) -> list[dict]:
    """Each model's whole run on each worker just before and just after the runs, beside
    the whole run its profile recorded: how far this machine's speed drifted since."""
    rows = []
    seen = set()
    for job in jobs.values():
        if job["onnx"] in seen:
            continue
        seen.add(job["onnx"])
        profile = read_json(job["profile"], "model profile")
        source = profile.get("source") if isinstance(profile.get("source"), dict) else {}
        times = measured[job["onnx"]]
        rows.append({
            "model": profile.get("name"),
            "profiledWholeDeviceMs": source.get("wholeModelDeviceMs"),
            "profiledWholeCloudMs": source.get("wholeModelCloudMs"),
            "deviceWorkerMs": [r4(times["before"][0]), r4(times["after"][0])],
            "cloudWorkerMs": [r4(times["before"][1]), r4(times["after"][1])],
        })
    return rows


def lane_report(planned: list[dict], measured: list[dict]) -> dict:
    lanes = {}
    for lane in LANES:
        plan = [segment for segment in planned if segment["lane"] == lane]
        real = [segment for segment in measured if segment["lane"] == lane]
        if not plan:
            continue
        planned_busy = sum(segment["endMs"] - segment["startMs"] for segment in plan)
        measured_busy = sum(segment["endMs"] - segment["startMs"] for segment in real)
        planned_end = max(segment["endMs"] for segment in plan)
        measured_end = max(segment["endMs"] for segment in real)
        lanes[lane] = {
            "plannedBusyMs": r4(planned_busy), "measuredBusyMs": r4(measured_busy),
            "busyErrorPercent": percent(measured_busy, planned_busy),
            "plannedEndMs": r4(planned_end), "measuredEndMs": r4(measured_end),
            "endErrorPercent": percent(measured_end, planned_end),
        }
    return lanes


def r4(value: float) -> float:
    return round(value, 4)


def percent(measured: float, planned: float) -> float:
    return round((measured - planned) / planned * 100.0, 2) if planned > 0 else 0.0


def run(scenario_path: str, algorithm: str, out: str | None, plan_path: str | None = None,
        binary: str | None = None, threads: int = 1, repeat: int = 1, pin: bool = True,
        notes=None, realtime: bool = False) -> dict:
    notes = notes if notes is not None else sys.stderr
    scenario = read_json(scenario_path, "scenario")
    jobs = scenario_jobs(scenario_path, scenario)
    if plan_path:
        plan = read_json(plan_path, "plan")
        where = plan_path
    else:
        plan = make_plan(scenario_path, algorithm, offload_binary(binary))
        where = f"the plan of {scenario_path}"
    segments = plan_segments(plan, where)
    for index, segment in enumerate(segments):
        if segment["job"] not in jobs:
            raise ToolError(f"{where}: segments[{index}]: job {segment['job']!r} is not in {scenario_path}")
        job = jobs[segment["job"]]
        for item in segment["items"]:
            if item != onnxgraph.RAW_INPUT and item not in job["layers"]:
                raise ToolError(f"{where}: segments[{index}]: {item!r} is not a layer of {job['profile']}")
        if segment["lane"] == "uplink" and segment["items"] == [onnxgraph.RAW_INPUT] \
                and job["inputBytesOverride"] is not None:
            segment["chargedBytes"] = job["inputBytesOverride"]
    environment = environment_of(plan, scenario, scenario_path)
    check_models(jobs, threads, notes)
    runs, pinned = run_workers(jobs, segments, environment, threads, repeat, pin, realtime)
    if realtime and not pinned["realtime"]:
        print("offload-testbed: note: --realtime was refused (it needs root on Linux); the "
              "workers ran at normal priority", file=notes)
    planned_makespan = plan_makespan(plan, segments)
    results = []
    for times in runs:
        measured = [dict(segment, startMs=r4(began), endMs=r4(ended), plannedStartMs=segment["startMs"],
                         plannedEndMs=segment["endMs"]) for segment, (began, ended) in zip(segments, times)]
        for segment in measured:
            segment.pop("chargedBytes", None)
        makespan = max((segment["endMs"] for segment in measured), default=0.0)
        results.append((makespan, measured))
    makespans = [makespan for makespan, _ in results]
    median_run = sorted(results, key=lambda result: result[0])[(len(results) - 1) // 2]
    makespan, measured = median_run
    finish: dict[str, float] = {}
    for segment in measured:
        finish[segment["job"]] = max(finish.get(segment["job"], 0.0), segment["endMs"])
    document = {
        "scenario": plan.get("scenario", scenario.get("name")),
        "algorithm": plan.get("algorithm", algorithm),
        "environment": plan.get("environment", environment),
        "plannedMakespanMs": r4(planned_makespan),
        "measuredMakespanMs": r4(makespan),
        "makespanMs": r4(makespan),
        "makespanErrorPercent": percent(makespan, planned_makespan),
        "lanes": lane_report(segments, measured),
        "jobs": [{"id": job, "finishMs": r4(ms)} for job, ms in finish.items()],
        "segments": measured,
        "runs": {"count": len(makespans), "measuredMakespansMs": [r4(value) for value in makespans],
                 "minMs": r4(min(makespans)), "medianMs": r4(makespan), "maxMs": r4(max(makespans)),
                 "shown": "the run with the median makespan"},
        "machine": dict(machine.describe(), threadsPerWorker=threads,
                        pinnedCores={lane: pinned[lane] for lane in ("device", "cloud")},
                        realtime=pinned["realtime"]),
        "calibration": calibration(jobs, pinned["calibration"]),
    }
    if out:
        from .profile import write_json
        write_json(document, out)
    return document


def summary(document: dict) -> str:
    lines = [f"planned {document['plannedMakespanMs']:.2f} ms, measured "
             f"{document['measuredMakespanMs']:.2f} ms ({document['makespanErrorPercent']:+.1f} %)"]
    for lane, numbers in document["lanes"].items():
        lines.append(f"  {lane:<6} busy {numbers['plannedBusyMs']:9.2f} → {numbers['measuredBusyMs']:9.2f} ms "
                     f"({numbers['busyErrorPercent']:+6.1f} %), ends {numbers['plannedEndMs']:9.2f} → "
                     f"{numbers['measuredEndMs']:9.2f} ms ({numbers['endErrorPercent']:+6.1f} %)")
    for row in document.get("calibration", []):
        if row.get("profiledWholeDeviceMs"):
            lines.append(f"  {row['model']}: a whole run took {row['profiledWholeDeviceMs']:.3f} ms when "
                         f"profiled; here before/after: device {row['deviceWorkerMs'][0]:.3f}/"
                         f"{row['deviceWorkerMs'][1]:.3f} ms, cloud {row['cloudWorkerMs'][0]:.3f}/"
                         f"{row['cloudWorkerMs'][1]:.3f} ms")
    runs = document["runs"]
    if runs["count"] > 1:
        lines.append(f"  {runs['count']} runs: makespan {runs['minMs']:.2f} … {runs['maxMs']:.2f} ms, "
                     "showing the median run")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="offload-testbed",
        description="Run a plan for real on this machine: a device worker and a cloud worker "
                    "process running the ONNX models split at the planned cuts, joined by a "
                    "loopback TCP link paced to the scenario's bandwidth; writes the measured "
                    "timeline beside the plan (docs/FORMATS.md §9).")
    parser.add_argument("scenario", metavar="SCENARIO")
    parser.add_argument("--algorithm", default="joint", help="planning algorithm (default joint)")
    parser.add_argument("--out", metavar="MEASURED.json", help="where to write the measured run")
    parser.add_argument("--plan", metavar="PLAN.json", help="run this plan (offload schedule "
                        "--format json) instead of asking offload for one")
    parser.add_argument("--offload", metavar="PATH", help="the offload executable "
                        "(default .build/debug/offload, then PATH)")
    from .profile import positive
    parser.add_argument("--threads", type=positive, default=1,
                        help="ONNX Runtime threads per worker (default 1; profile with the same)")
    parser.add_argument("--repeat", type=positive, default=1,
                        help="run the plan this many times; the median run is written")
    parser.add_argument("--no-pin", action="store_true", help="do not pin the workers to cores")
    parser.add_argument("--realtime", action="store_true",
                        help="run the workers' compute under SCHED_FIFO (root, Linux), so that a "
                             "busy machine does not preempt them")
    args = parser.parse_args(argv)
    try:
        document = run(args.scenario, args.algorithm, args.out, args.plan, args.offload,
                       args.threads, args.repeat, not args.no_pin, realtime=args.realtime)
    except ToolError as error:
        print(f"offload-testbed: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    print(summary(document))
    return 0


if __name__ == "__main__":
    sys.exit(main())
