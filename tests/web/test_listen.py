"""The listening socket: answers leave at once, not after the client's delayed ACK."""

from __future__ import annotations

import asyncio
import socket

import pytest

from pace_app.service import listen

pytestmark = pytest.mark.anyio


async def test_accepted_connections_send_without_waiting_for_acks() -> None:
    # asyncio turns Nagle's algorithm off only on sockets it recognises as TCP; with it
    # on, an answer written as head and body waits ~40 ms for the client's ACK.
    sock = listen("127.0.0.1", 0)
    accepted: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    class Probe(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            peer = transport.get_extra_info("socket")
            accepted.set_result(peer.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            transport.close()

    server = await asyncio.get_running_loop().create_server(Probe, sock=sock)
    try:
        _reader, writer = await asyncio.open_connection(*sock.getsockname()[:2])
        assert await asyncio.wait_for(accepted, 5) != 0
        writer.close()
        await writer.wait_closed()
    finally:
        server.close()
        await server.wait_closed()
