"""What the numbers were measured on: the machine (CPU, cores, RAM, load) and the versions that matter."""

from __future__ import annotations

import os
import platform
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

PACKAGES = ("dash", "plotly", "SQLAlchemy", "pandas", "gunicorn", "psycopg", "selenium")


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def load_average() -> str:
    """The 1, 5 and 15 minute load averages."""
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def machine() -> dict[str, str]:
    """CPU model, cores this process may use (of all), RAM and the load average now."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "cpu": _cpu_model(),
        "cores": f"{usable} (of {os.cpu_count()})",
        "ram": _ram(),
        "os": f"{platform.system()} {platform.release()}",
        "load_before": load_average(),
    }


def versions(postgres: str | None, chromium: str) -> dict[str, str]:
    """Python's and the packages' versions, PostgreSQL's and Chromium's."""
    found = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    found["PostgreSQL"] = postgres or "not measured"
    found["Chromium"] = chromium.removeprefix("Chromium ").strip()
    return found
