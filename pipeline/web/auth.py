"""Who may do what in `congvan serve`: sessions, CSRF tokens, roles and the login's rate limit.

The session is Starlette's SessionMiddleware: a cookie signed with itsdangerous, HttpOnly,
SameSite=Lax, Secure when the server is told it is behind HTTPS, holding the account's id and
name and the session's CSRF token. The account is read again on every request, so a changed
role counts at once. Nothing but the login page is served without a session; a write needs an
archivist or an admin and the form's CSRF token; failed logins are limited per name and per
address in a sliding window (kept in the process: `congvan serve` is one process).
"""
from __future__ import annotations

import hmac
import os
import secrets
import threading
import time
from collections import defaultdict, deque
from typing import Annotated, Any

from fastapi import Depends, Form, Request
from sqlalchemy.orm import Session

from models import Account

from ..storage.accounts import WRITERS

SESSION_HOURS = 8
OPEN_PATHS = ("/login",)


class Refused(Exception):
    """A request this account may not make (status 401, 403 or 429), with the reason a person reads."""

    def __init__(self, status: int, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.retry_after = status, message, retry_after


def secret_key() -> str:
    """$CONGVAN_SECRET_KEY (sessions then outlive a restart), else a new key each start."""
    return os.environ.get("CONGVAN_SECRET_KEY") or secrets.token_urlsafe(32)


def csrf_token(request: Request) -> str:
    """The session's CSRF token, made on first use (the login form has one before any account)."""
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(24)
    return str(token)


def check_csrf(request: Request, sent: str) -> None:
    expected = request.session.get("csrf") or ""
    if not expected or not hmac.compare_digest(str(expected), sent or ""):
        raise Refused(403, "This form has expired or did not come from this site (CSRF check failed): "
                           "load the page again and resend it.")


def account_of(request: Request, session: Session) -> Account | None:
    """The session's account, read again (None when there is no session or the account is gone)."""
    ident, name = request.session.get("account"), request.session.get("name")
    if not isinstance(ident, int):
        return None
    account = session.get(Account, ident)
    return account if account is not None and account.name == name else None


def log_in(request: Request, account: Account) -> None:
    """A new session for the account (a new CSRF token too: none from before the login survives)."""
    request.session.clear()
    request.session.update({"account": account.id, "name": account.name, "csrf": secrets.token_urlsafe(24)})


def current(request: Request) -> Account:
    account: Account | None = getattr(request.state, "account", None)
    if account is None:
        raise Refused(401, "Log in first.")
    return account


def writer(request: Request, csrf: Annotated[str, Form(max_length=200)] = "") -> Account:
    """The account making a write: an archivist or an admin, with this session's CSRF token."""
    account = current(request)
    check_csrf(request, csrf)
    if account.role not in WRITERS:
        raise Refused(403, f"{account.name} is a {account.role}: a reader may read the archive but not change it.")
    return account


Writer = Annotated[Account, Depends(writer)]


class LoginLimit:
    """At most `per_name` failed logins for one name and `per_address` from one address in `window` seconds."""

    def __init__(self, per_name: int = 5, per_address: int = 20, window: float = 900.0) -> None:
        self.per_name, self.per_address, self.window = per_name, per_address, window
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        q = self._failures[key]
        while q and q[0] <= now - self.window:
            q.popleft()
        return q

    def check(self, name: str, address: str) -> None:
        now = time.monotonic()
        with self._lock:
            for key, most in ((f"n:{name.casefold()}", self.per_name), (f"a:{address}", self.per_address)):
                q = self._recent(key, now)
                if len(q) >= most:
                    wait = int(q[0] + self.window - now) + 1
                    raise Refused(429, f"Too many failed logins: try again in {wait // 60 + 1} minutes.", wait)

    def failed(self, name: str, address: str) -> None:
        now = time.monotonic()
        with self._lock:
            for key in (f"n:{name.casefold()}", f"a:{address}"):
                self._recent(key, now).append(now)

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._failures.pop(f"n:{name.casefold()}", None)


def safe_next(target: Any) -> str:
    """Where to go after logging in: a path of this site only (never //host or a scheme)."""
    text = str(target or "")
    return text if text.startswith("/") and not text.startswith("//") and "\\" not in text else "/documents"
