"""What this machine is, for the `source` block of a profile and a testbed run."""

from __future__ import annotations

import os
import platform


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def cores() -> int:
    """The machine's cores (not only those this process may use)."""
    return os.cpu_count() or 1


def load_average() -> list[float] | None:
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except OSError:
        return None


def describe() -> dict:
    return {"cpu": cpu_model(), "cores": cores(), "system": f"{platform.system()} {platform.release()}",
            "python": platform.python_version(), "loadAverage": load_average()}


def realtime(priority: int) -> bool:
    """Runs the calling thread under SCHED_FIFO at `priority`, so that other processes
    on a busy machine do not preempt it; False where that is not allowed (not root, or
    not Linux)."""
    if priority <= 0 or not hasattr(os, "sched_setscheduler"):
        return False
    try:
        os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(priority))
        return True
    except (OSError, AttributeError):
        return False


def pin(core: int | None) -> bool:
    """Pins this process to one core; False where the machine cannot."""
    if core is None or not hasattr(os, "sched_setaffinity"):
        return False
    try:
        os.sched_setaffinity(0, {core})
        return True
    except OSError:
        return False
