"""Rasa's own ``Agent.handle_message`` locks conversations through ``LeasedRedisLockStore``.

No Redis server: redis-py's own client and transaction code (``WATCH``/``MULTI``/
``EXEC``) talk to ``Server``, an in-process Redis knowing the few commands the
lock store sends, through a connection class redis-py accepts in its pool.
"""

import asyncio
import json
import time
from collections import Counter, deque
from collections.abc import Callable

import pytest
import redis
from rasa.core.agent import Agent
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.lock_store import LOCK_LIFETIME, LockError, LockStore
from rasa.utils.endpoints import EndpointConfig

from clinic_server import compat
from clinic_server.lock_store import LEASE_S, POLL_S, LeasedRedisLockStore

STORE_TYPE = "clinic_server.lock_store.LeasedRedisLockStore"
KEY = "lock:patient"


class Server:
    """The data of one Redis database, with a version per key for ``WATCH``."""

    def __init__(self) -> None:
        self.data: dict[str, bytes] = {}
        self.versions: Counter[str] = Counter()
        self.down = False
        self.before_exec: list[Callable[[], None]] = []  # each runs once, before an EXEC

    def write(self, key: str, value: bytes | None) -> int:
        existed = key in self.data
        if value is None:
            self.data.pop(key, None)
        else:
            self.data[key] = value
        self.versions[key] += 1
        return int(existed)

    def tickets(self, key: str = KEY) -> list[dict]:
        """The tickets stored in the lock ``key`` (none when it is gone)."""
        if key not in self.data:
            return []
        return [json.loads(ticket) for ticket in json.loads(self.data[key])["tickets"]]


class Connection(redis.Connection):
    """A redis-py connection answering from a ``Server`` instead of a socket."""

    def __init__(self, server: Server, **kwargs) -> None:
        super().__init__(**kwargs)
        self.server = server
        self.replies: deque = deque()
        self.watched: dict[str, int] = {}
        self.queued: list[tuple] | None = None

    def connect(self) -> None:
        if self.server.down:
            raise redis.ConnectionError("Redis is down")

    def disconnect(self, *_args) -> None:
        self.replies.clear()
        self.watched, self.queued = {}, None

    def can_read(self, timeout: float = 0) -> bool:
        return bool(self.replies)

    def pack_command(self, *args) -> list[tuple]:
        return [args]

    def pack_commands(self, commands) -> list[tuple]:
        return [tuple(command) for command in commands]

    def send_packed_command(self, commands, check_health: bool = True) -> None:
        if self.server.down:
            raise redis.ConnectionError("Redis is down")
        self.replies.extend(self.run(*command) for command in commands)

    def send_command(self, *args, **_kwargs) -> None:
        self.send_packed_command(self.pack_command(*args))

    def read_response(self, *_args, **_kwargs):
        return self.replies.popleft()

    def run(self, name: str, *args):
        server = self.server
        if self.queued is not None and name != "EXEC":
            self.queued.append((name, *args))
            return b"QUEUED"
        if name == "MULTI":
            self.queued = []
            return b"OK"
        if name == "EXEC":
            queued, self.queued = self.queued or [], None
            while server.before_exec:
                server.before_exec.pop(0)()
            changed = any(server.versions[key] != seen for key, seen in self.watched.items())
            self.watched = {}
            return None if changed else [self.run(*command) for command in queued]
        if name == "WATCH":
            self.watched.update({key: server.versions[key] for key in args})
            return b"OK"
        if name == "UNWATCH":
            self.watched = {}
            return b"OK"
        if name == "GET":
            return server.data.get(args[0])
        if name == "SET":
            value = args[1]
            server.write(args[0], value.encode() if isinstance(value, str) else value)
            return b"OK"
        if name == "DEL":
            return sum(server.write(key, None) for key in args)
        raise AssertionError(f"the lock store sent {name}")


@pytest.fixture
def server() -> Server:
    return Server()


def lock_store(server: Server, **settings) -> LeasedRedisLockStore:
    """Our store as Rasa creates it from endpoints.yml, connected to ``server``."""
    config = EndpointConfig(url="redis.invalid", type=STORE_TYPE, port=6380, db=1, **settings)
    store = LockStore.create(config)
    assert type(store) is LeasedRedisLockStore
    store.red = redis.StrictRedis(
        connection_pool=redis.ConnectionPool(connection_class=Connection, server=server)
    )
    return store


class Processor:
    """Takes ``seconds`` for each message, noting when each starts and ends."""

    def __init__(self, seconds: float, log: list[tuple[str, str]]) -> None:
        self.seconds, self.log = seconds, log

    async def handle_message(self, message: UserMessage) -> None:
        self.log.append((message.text, "start"))
        await asyncio.sleep(self.seconds)
        self.log.append((message.text, "end"))


def rasa_server(store: LeasedRedisLockStore, seconds: float, log: list) -> Agent:
    """A Rasa ``Agent`` locking with ``store``, its turns taking ``seconds``."""
    agent = Agent(lock_store=store)
    agent.processor = Processor(seconds, log)  # type: ignore[assignment]
    return agent


def message(text: str) -> UserMessage:
    return UserMessage(text, CollectingOutputChannel(), "patient")


def test_rasa_creates_it_from_endpoints_with_its_redis_settings(server):
    store = lock_store(server, lease_seconds=0.5, poll_seconds=0.05)
    assert (store.lease_s, store.poll_s) == (0.5, 0.05)
    created = LockStore.create(EndpointConfig(url="redis.invalid", type=STORE_TYPE, port=6380))
    assert (created.lease_s, created.poll_s) == (LEASE_S, POLL_S) == (3.0, 0.1)
    settings = created.red.connection_pool.connection_kwargs
    assert (settings["host"], settings["port"], settings["db"]) == ("redis.invalid", 6380, 1)


def test_a_ticket_lives_the_lease_not_rasas_lock_lifetime(server):
    store = lock_store(server)
    before = time.time()
    assert store.issue_ticket("patient", lock_lifetime=LOCK_LIFETIME) == 0
    [ticket] = server.tickets()
    assert LOCK_LIFETIME == 60
    assert before + 3.0 <= ticket["expires"] <= time.time() + 3.0


def test_rasa_serves_one_message_at_a_time_and_renews_a_long_turn(server):
    """A turn lasting several leases keeps the lock: the other server's message waits."""
    log: list[tuple[str, str]] = []
    one = rasa_server(lock_store(server, lease_seconds=0.2, poll_seconds=0.01), 0.7, log)
    two = rasa_server(lock_store(server, lease_seconds=0.2, poll_seconds=0.01), 0.0, log)

    async def both() -> None:
        first = asyncio.create_task(one.handle_message(message("first")))
        await asyncio.sleep(0.3)  # past the first lease: only renewal keeps the lock
        await asyncio.gather(first, two.handle_message(message("second")))

    asyncio.run(both())
    assert log == [("first", "start"), ("first", "end"), ("second", "start"), ("second", "end")]
    assert KEY not in server.data  # given back when done


def test_a_dead_servers_ticket_lapses_within_the_lease(server):
    lease = 0.2
    dead = lock_store(server, lease_seconds=lease)
    dead.issue_ticket("patient")  # then killed: never renewed, never given back
    log: list[tuple[str, str]] = []
    alive = rasa_server(lock_store(server, lease_seconds=lease, poll_seconds=0.01), 0.0, log)

    started = time.monotonic()
    asyncio.run(alive.handle_message(message("resent")))
    waited = time.monotonic() - started
    assert log == [("resent", "start"), ("resent", "end")]
    assert lease * 0.5 < waited < lease + 0.5  # not Rasa's LOCK_LIFETIME (60 s)
    assert KEY not in server.data


def test_a_ticket_issued_meanwhile_by_another_server_is_kept(server):
    """The lock changes in one transaction: a concurrent change makes ours run again."""
    one, other = lock_store(server), lock_store(server)
    server.before_exec.append(lambda: other.issue_ticket("patient"))
    ours = one.issue_ticket("patient")
    assert ours == 1  # its first try would have issued ticket 0 as well
    assert [ticket["number"] for ticket in server.tickets()] == [0, 1]

    one.cleanup("patient", ours)
    assert [ticket["number"] for ticket in server.tickets()] == [0]
    other.cleanup("patient", 0)
    assert KEY not in server.data


def test_renewing_extends_a_live_ticket_and_not_a_lapsed_one(server):
    store = lock_store(server, lease_seconds=0.1)
    ticket = store.issue_ticket("patient")
    first_expiry = server.tickets()[0]["expires"]
    time.sleep(0.05)
    assert store.renew("patient", ticket) is True
    assert server.tickets()[0]["expires"] > first_expiry
    time.sleep(0.15)
    assert store.renew("patient", ticket) is False
    assert KEY not in server.data


def test_redis_down_refuses_the_lock_as_rasa_expects(server):
    store = lock_store(server)
    server.down = True
    with pytest.raises(LockError):
        asyncio.run(rasa_server(store, 0.0, []).handle_message(message("hello")))


def test_redis_going_down_during_a_turn_does_not_fail_the_turn(server, caplog):
    log: list[tuple[str, str]] = []
    store = lock_store(server, lease_seconds=0.3, poll_seconds=0.01)

    class FailingRedis(Processor):
        async def handle_message(self, message: UserMessage) -> None:
            server.down = True
            await super().handle_message(message)

    agent = Agent(lock_store=store)
    agent.processor = FailingRedis(0.25, log)  # type: ignore[assignment]
    asyncio.run(agent.handle_message(message("hello")))
    assert log == [("hello", "start"), ("hello", "end")]
    assert "Could not renew a conversation lock" in caplog.text
    assert "Could not release a conversation lock" in caplog.text


def test_another_rasa_version_is_refused(server, monkeypatch):
    monkeypatch.setattr(compat, "installed_version", lambda distribution: "3.7.0")
    with pytest.raises(compat.PatchMismatch, match="written for rasa 3.6.21; found rasa 3.7.0"):
        lock_store(server)


def test_a_lock_store_polling_differently_is_refused(server, monkeypatch):
    async def _acquire_lock(self, conversation_id, ticket, wait_time_in_seconds):
        return self.get_lock(conversation_id)

    monkeypatch.setattr(LockStore, "_acquire_lock", _acquire_lock)
    with pytest.raises(compat.PatchMismatch, match="polls self.get_lock and self.update_lock"):
        lock_store(server)


def test_a_lock_with_another_signature_is_refused(server, monkeypatch):
    def lock(self, conversation_id, lock_lifetime=60, wait_time_in_seconds=1, ticket=None):
        raise AssertionError("not called")

    monkeypatch.setattr(LockStore, "lock", lock)
    with pytest.raises(compat.PatchMismatch, match=r"LockStore.lock takes"):
        lock_store(server)
