"""Accounts of `congvan serve`: a name, a role, an argon2 hash of the password (argon2-cffi).

A reader reads; an archivist also corrects values and the register's columns; an admin may do
what an archivist does (accounts themselves are made on the command line, `congvan user add`).
A failed check costs the same time whether or not the name exists, so a login does not tell
which names are accounts.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Account

from ..errors import UsageError

ROLES = ("reader", "archivist", "admin")
WRITERS = ("archivist", "admin")
MIN_PASSWORD = 8


@lru_cache(maxsize=1)
def _hasher() -> Any:
    from argon2 import PasswordHasher

    return PasswordHasher()


@lru_cache(maxsize=1)
def _dummy() -> str:
    return str(_hasher().hash("not an account"))


def add(session: Session, name: str, role: str, password: str, replace: bool = False) -> Account:
    """Make an account (or, with `replace`, give an existing one this role and password); the caller commits."""
    name = " ".join(name.split())
    if not name or len(name) > 120:
        raise UsageError("an account's name is 1 to 120 characters")
    if role not in ROLES:
        raise UsageError(f"a role is one of {', '.join(ROLES)}, not {role!r}")
    if len(password) < MIN_PASSWORD:
        raise UsageError(f"a password has at least {MIN_PASSWORD} characters")
    found = session.scalar(select(Account).where(Account.name == name))
    if found is not None and not replace:
        raise UsageError(f"there is an account {name!r} already (--replace gives it a new role and password)")
    account = found or Account(name=name)
    account.role, account.password_hash = role, _hasher().hash(password)
    session.add(account)
    session.flush()
    return account


def check(session: Session, name: str, password: str) -> Account | None:
    """The account when the password is its own, else None (a hash is checked either way)."""
    from argon2.exceptions import InvalidHashError, VerificationError

    account = session.scalar(select(Account).where(Account.name == " ".join(name.split())))
    try:
        _hasher().verify(account.password_hash if account else _dummy(), password)
    except (VerificationError, InvalidHashError):
        return None
    if account is None:
        return None
    if _hasher().check_needs_rehash(account.password_hash):
        account.password_hash = _hasher().hash(password)
    return account


def listed(session: Session) -> list[dict[str, Any]]:
    return [{"name": a.name, "role": a.role, "created": str(a.created_at)[:19]}
            for a in session.scalars(select(Account).order_by(Account.name))]
