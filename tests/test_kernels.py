"""The test run's kernels (tools/test_kernels): every kernel it starts, here or in a child process,
talks over Unix sockets in a directory of its own, so two kernels started at once cannot be handed
the same TCP port (the cause of the CI failure at stop 24)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from jupyter_client.manager import KernelManager

from .conftest import KERNEL_PROVISIONER


def _start() -> tuple[KernelManager, object]:
    km = KernelManager(kernel_name="python3")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    return km, kc


def _stop(km: KernelManager, kc) -> None:
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def test_the_run_selects_the_provisioner_for_child_processes_too() -> None:
    assert os.environ["JUPYTER_DEFAULT_PROVISIONER_NAME"] == KERNEL_PROVISIONER
    out = subprocess.run(
        [sys.executable, "-c", "from jupyter_client.provisioning.factory import KernelProvisionerFactory as F;"
         "print(F.instance().default_provisioner_name)"],
        capture_output=True, text=True, check=True, timeout=60,
    ).stdout.strip()
    assert out == KERNEL_PROVISIONER


def test_kernels_started_at_once_get_private_socket_directories_and_answer() -> None:
    with ThreadPoolExecutor(3) as pool:
        started = list(pool.map(lambda _: _start(), range(3)))
    try:
        dirs = set()
        for km, kc in started:
            assert km.transport == "ipc"
            assert type(km.provisioner).__name__ == "IpcProvisioner"
            folder = Path(km.ip).parent
            dirs.add(folder)
            assert stat.S_IMODE(folder.stat().st_mode) == 0o700  # mkdtemp: the user's alone
            assert sorted(p.name for p in folder.iterdir()) == [f"k-{port}" for port in range(1, 6)]
            reply = kc.execute_interactive("x = 6 * 7", timeout=60)
            assert reply["content"]["status"] == "ok"
        assert len(dirs) == 3
    finally:
        for km, kc in started:
            _stop(km, kc)
    assert not any(d.exists() for d in dirs), "a stopped kernel's socket directory is removed"


def test_a_restart_keeps_the_kernels_directory() -> None:
    km, kc = _start()
    try:
        before = km.ip
        km.restart_kernel(now=True)
        kc.wait_for_ready(timeout=60)
        assert km.ip == before and Path(before).parent.is_dir()
    finally:
        _stop(km, kc)
    assert not Path(before).parent.exists()


def test_a_socket_root_too_long_for_unix_sockets_is_named(monkeypatch, tmp_path) -> None:
    deep = tmp_path / ("d" * 90)
    deep.mkdir()
    monkeypatch.setenv("ALLIANCES_KERNEL_SOCKETS", str(deep))
    km = KernelManager(kernel_name="python3")
    with pytest.raises(RuntimeError, match=r"ALLIANCES_KERNEL_SOCKETS=.* gives socket paths of \d+ characters"):
        km.start_kernel()
    assert list(deep.iterdir()) == [], "nothing is left behind"
