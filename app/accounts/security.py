"""Password hashing (argon2 through passlib's CryptContext) and token helpers."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from passlib.context import CryptContext

PASSWORD_MIN_LENGTH = 10
PASSWORD_MAX_LENGTH = 128  # documented cap: longer inputs get a clear 422, not a slow hash

password_context = CryptContext(schemes=["argon2"], deprecated="auto")
# A hash to verify against when the email is unknown, so both cases cost the same time.
_DUMMY_HASH = password_context.hash("not-a-real-password-0")


def hash_password(password: str) -> str:
    """Hash a password with argon2."""
    return password_context.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    """Check a password; an unknown user (None) takes as long as a wrong password."""
    if password_hash is None:
        password_context.verify(password, _DUMMY_HASH)
        return False
    return password_context.verify(password, password_hash)


def new_token() -> str:
    """A random URL-safe token (256 bits)."""
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """The stored form of a token: its SHA-256 hex digest."""
    return hashlib.sha256(token.encode()).hexdigest()


def csrf_for(secret_key: str, nonce: str) -> str:
    """The CSRF token that matches a cookie nonce (signed double-submit)."""
    return hmac.new(secret_key.encode(), f"csrf:{nonce}".encode(), hashlib.sha256).hexdigest()


def csrf_valid(secret_key: str, nonce: str | None, token: str | None) -> bool:
    if not nonce or not token:
        return False
    return hmac.compare_digest(csrf_for(secret_key, nonce), token)
