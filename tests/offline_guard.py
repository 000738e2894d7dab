"""A socket-level guard: any connection, lookup or datagram to a host other than this machine's loopback is
refused and recorded, so a test can assert that a command tried none.

In this process (:func:`install`, :func:`uninstall`), or in a subprocess and its workers through
``tests/offline_site/sitecustomize.py`` (``PYTHONPATH`` to that folder, ``KG_OFFLINE_LOG`` to a file that
receives one line per attempt). Unix sockets and 127.0.0.0/8, ::1 and ``localhost`` are allowed: the tests'
own servers listen there.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from typing import Any

_REAL = {
    "connect": socket.socket.connect,
    "connect_ex": socket.socket.connect_ex,
    "sendto": socket.socket.sendto,
    "getaddrinfo": socket.getaddrinfo,
    "gethostbyname": socket.gethostbyname,
}
attempts: list[str] = []


def _local_host(host: object) -> bool:
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    if host in ("localhost", "") or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _allowed(address: Any) -> bool:
    if isinstance(address, (str, bytes)):  # a Unix socket's path
        return True
    return isinstance(address, tuple) and bool(address) and _local_host(address[0])


def _refuse(what: str) -> None:
    attempts.append(what)
    log = os.environ.get("KG_OFFLINE_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\t{what}\n")
    raise OSError(f"offline guard: {what} refused (the tests allow no network access)")


def _connect(self: socket.socket, address: Any) -> None:
    if self.family != socket.AF_UNIX and not _allowed(address):
        _refuse(f"connect {address!r}")
    _REAL["connect"](self, address)


def _connect_ex(self: socket.socket, address: Any) -> int:
    if self.family != socket.AF_UNIX and not _allowed(address):
        _refuse(f"connect_ex {address!r}")
    result: int = _REAL["connect_ex"](self, address)
    return result


def _sendto(self: socket.socket, data: bytes, *args: Any) -> int:
    address = args[-1]
    if self.family != socket.AF_UNIX and not _allowed(address):
        _refuse(f"sendto {address!r}")
    result: int = _REAL["sendto"](self, data, *args)
    return result


def _getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
    if host is not None and not _local_host(host):
        _refuse(f"getaddrinfo {host!r}")
    return _REAL["getaddrinfo"](host, *args, **kwargs)


def _gethostbyname(host: str) -> str:
    if not _local_host(host):
        _refuse(f"gethostbyname {host!r}")
    result: str = _REAL["gethostbyname"](host)
    return result


def install() -> None:
    socket.socket.connect = _connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _connect_ex  # type: ignore[method-assign]
    socket.socket.sendto = _sendto  # type: ignore[method-assign,assignment]
    socket.getaddrinfo = _getaddrinfo
    socket.gethostbyname = _gethostbyname


def uninstall() -> None:
    socket.socket.connect = _REAL["connect"]  # type: ignore[method-assign]
    socket.socket.connect_ex = _REAL["connect_ex"]  # type: ignore[method-assign]
    socket.socket.sendto = _REAL["sendto"]  # type: ignore[method-assign]
    socket.getaddrinfo = _REAL["getaddrinfo"]
    socket.gethostbyname = _REAL["gethostbyname"]
