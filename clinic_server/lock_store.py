"""Conversation locks in Redis that a crashed Rasa server gives up within seconds.

Rasa's ``RedisLockStore`` gives each message a ticket that lives a fixed time
(``TICKET_LOCK_LIFETIME``, 60 s): when a server dies holding a conversation's
ticket, the next message of that conversation waits until the ticket expires.
Its read-change-write of the lock (``GET`` then ``SET``) is also not atomic, so
two servers touching one conversation at once (a retry) can drop each other's
tickets. ``LeasedRedisLockStore`` keeps Rasa's ticket lock (first come, first
served per conversation) with two changes:

* a ticket is a lease: it lives ``lease_seconds`` (default 3) past its last
  renewal, and the server renews its tickets every third of that while it is
  alive, however long the turn takes. A killed server's tickets lapse within
  ``lease_seconds``.
* every change of a lock is one Redis transaction (``WATCH``/``MULTI``).

Waiting servers look again every ``poll_seconds`` (default 0.1) instead of 1 s.
Configure it as the lock store type with Rasa's Redis settings (``url``,
``port``, ``db``...). It replaces Rasa's ``LockStore.lock``: ``check`` refuses
another Rasa version or a differently shaped lock store.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from rasa.core.agent import Agent
from rasa.core.lock import Ticket, TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, LockStore, RedisLockStore
from rasa.utils.endpoints import EndpointConfig
from redis.exceptions import RedisError

from clinic_server import compat

logger = logging.getLogger(__name__)

LEASE_S = 3.0
POLL_S = 0.1
WAIT_NOTED_S = 1.0  # a longer wait for a lock is logged
Result = TypeVar("Result")


def check() -> None:
    """Refuse (``compat.PatchMismatch``) unless Rasa's lock store is built as we replace it."""
    compat.require(
        __name__,
        "rasa",
        "3.6.21",
        {
            "Agent.handle_message locks with self.lock_store.lock": lambda: compat.looks_up(
                Agent.handle_message, "self", "lock_store"
            ),
            "LockStore.lock takes (conversation_id, lock_lifetime, wait_time_in_seconds)": (
                lambda: compat.parameters(LockStore.lock)
                == ["self", "conversation_id", "lock_lifetime", "wait_time_in_seconds"]
            ),
            "LockStore._acquire_lock polls self.get_lock and self.update_lock": lambda: (
                compat.looks_up(LockStore._acquire_lock, "self", "get_lock")
                and compat.looks_up(LockStore._acquire_lock, "self", "update_lock")
            ),
            "Tickets carry their expiry time (Ticket.expires)": lambda: (
                Ticket(0, 1.0).expires == 1.0
                and compat.parameters(TicketLock.issue_ticket) == ["self", "lifetime"]
            ),
            "RedisLockStore keeps locks under self.key_prefix in self.red": lambda: (
                compat.looks_up(RedisLockStore.get_lock, "self", "key_prefix")
                and compat.looks_up(RedisLockStore.get_lock, "self", "red")
            ),
        },
    )


class LeasedRedisLockStore(RedisLockStore):
    """Rasa's Redis ticket lock with renewed short leases and atomic changes."""

    def __init__(self, endpoint_config: EndpointConfig) -> None:
        check()
        settings = dict(endpoint_config.kwargs)
        self.lease_s = float(settings.pop("lease_seconds", LEASE_S))
        self.poll_s = float(settings.pop("poll_seconds", POLL_S))
        super().__init__(host=endpoint_config.url or "localhost", **settings)

    def _change(self, conversation_id: str, change: Callable[[TicketLock], Result]) -> Result:
        """Apply ``change`` to the conversation's lock in one Redis transaction.

        ``change`` may run more than once (when another server changed the lock
        meanwhile); a lock left without tickets is deleted.
        """
        key = self.key_prefix + conversation_id
        result: list[Any] = []

        def transaction(pipe: Any) -> None:
            stored = pipe.get(key)
            lock = (
                TicketLock.from_dict(json.loads(stored)) if stored else TicketLock(conversation_id)
            )
            result[:] = [change(lock)]
            lock.remove_expired_tickets()
            pipe.multi()
            if lock.tickets:
                pipe.set(key, lock.dumps())
            else:
                pipe.delete(key)

        self.red.transaction(transaction, key)
        return result[0]

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """A new ticket for the conversation, leased for ``lease_seconds``."""
        try:
            return self._change(conversation_id, lambda lock: lock.issue_ticket(self.lease_s))
        except RedisError as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def renew(self, conversation_id: str, ticket_number: int) -> bool:
        """Extend a ticket's lease; False if it had lapsed already."""

        def extend(lock: TicketLock) -> bool:
            lock.remove_expired_tickets()
            for ticket in lock.tickets:
                if ticket.number == ticket_number:
                    ticket.expires = time.time() + self.lease_s
                    return True
            return False

        return self._change(conversation_id, extend)

    def update_lock(self, conversation_id: str) -> None:
        """Drop lapsed tickets (Rasa calls this between polls)."""
        self._change(conversation_id, TicketLock.remove_expired_tickets)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Give the ticket back; the lock goes when no ticket is left."""
        self._change(conversation_id, lambda lock: lock.remove_ticket_for(ticket_number))

    async def _keep_leased(self, conversation_id: str, ticket_number: int) -> None:
        while True:
            await asyncio.sleep(self.lease_s / 3)
            try:
                if not self.renew(conversation_id, ticket_number):
                    logger.warning("Lock of conversation %s lapsed.", conversation_id)
                    return
            except RedisError as error:
                logger.warning("Could not renew a conversation lock: %s", error)

    @asynccontextmanager
    async def lock(
        self,
        conversation_id: str,
        lock_lifetime: float = LOCK_LIFETIME,
        wait_time_in_seconds: float = 1,
    ) -> AsyncIterator[TicketLock]:
        """Hold the conversation's lock, renewing the lease until released.

        ``lock_lifetime`` and ``wait_time_in_seconds`` (Rasa's defaults) are
        replaced by ``lease_seconds`` and ``poll_seconds``.
        """
        ticket = self.issue_ticket(conversation_id)
        keeper = asyncio.create_task(self._keep_leased(conversation_id, ticket))
        try:
            asked = time.monotonic()
            lock = await self._acquire_lock(conversation_id, ticket, self.poll_s)
            waited = time.monotonic() - asked
            if waited > WAIT_NOTED_S:
                logger.warning("Waited %.1f s for a conversation's lock.", waited)
            yield lock
        finally:
            keeper.cancel()
            try:
                self.cleanup(conversation_id, ticket)
            except RedisError as error:  # the lease lapses by itself
                logger.warning("Could not release a conversation lock: %s", error)
