"""Kernels for the test run that cannot collide on a port.

jupyter_client picks a TCP kernel's five ports by binding port 0 and letting go; the kernel binds
them about half a second later. Another process starting a kernel in that window can be handed the
same port, and one of the two kernels then fails to start ("Address already in use", reported as
"Kernel died before replying to kernel_info" or "Kernel didn't respond in 60 seconds"). The test
run starts kernels in three processes at once (two pytest workers and the book build), and it
failed that way in CI (stop 24: chapter 7 under nbval and the standalone chapter 4, at once).

This provisioner launches the same kernel over ``ipc`` transport instead: its sockets are files in a
directory made for that kernel alone (``tempfile.mkdtemp``, atomic across processes), so no two
kernels can share an address. The test run selects it for every kernel started by itself or its
child processes through jupyter_client's ``JUPYTER_DEFAULT_PROVISIONER_NAME`` (tests/conftest.py).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from typing import Any

from jupyter_client.provisioning import LocalProvisioner

NAME = "alliances-ipc-provisioner"
SOCKET_ROOT_ENV = "ALLIANCES_KERNEL_SOCKETS"  # where the per-kernel directories go (default: the temp dir)
# A Unix socket's path holds at most 107 bytes on Linux; the kernel appends "-<port>".
MAX_SOCKET_PREFIX = 100


class IpcProvisioner(LocalProvisioner):  # type: ignore[misc]
    """LocalProvisioner, but the kernel's channels are Unix sockets in a private directory."""

    socket_dir: str | None = None

    async def pre_launch(self, **kwargs: Any) -> dict[str, Any]:
        km = self.parent
        if km is not None:
            if self.socket_dir is None:  # a restart keeps the kernel's directory
                root = os.environ.get(SOCKET_ROOT_ENV) or tempfile.gettempdir()
                longest = len(os.path.join(root, "kernel-" + "x" * 8, "k"))  # mkdtemp adds 8 characters
                if longest > MAX_SOCKET_PREFIX:
                    raise RuntimeError(
                        f"{SOCKET_ROOT_ENV}={root} gives socket paths of {longest} characters; Unix sockets "
                        f"allow at most {MAX_SOCKET_PREFIX} here: choose a shorter directory"
                    )
                self.socket_dir = tempfile.mkdtemp(prefix="kernel-", dir=root)
            prefix = os.path.join(self.socket_dir, "k")
            km.transport = "ipc"
            km.ip = prefix
            km.cache_ports = False  # the port cache binds TCP ports, which ipc does not use
        return await super().pre_launch(**kwargs)

    async def cleanup(self, restart: bool = False) -> None:
        await super().cleanup(restart=restart)
        if not restart and self.socket_dir is not None:
            shutil.rmtree(self.socket_dir, ignore_errors=True)
            self.socket_dir = None
