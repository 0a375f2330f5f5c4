"""Flash messages that survive one redirect, kept in a signed cookie (no process memory)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

from fastapi import Response

FLASH_COOKIE = "aide_flash"


def _sign(secret: str, payload: str) -> str:
    return hmac.new(secret.encode(), f"flash:{payload}".encode(), hashlib.sha256).hexdigest()[:32]


def encode(secret: str, flashes: list[dict[str, str]]) -> str:
    payload = base64.urlsafe_b64encode(json.dumps(flashes).encode()).decode()
    return f"{payload}.{_sign(secret, payload)}"


def decode(secret: str, value: str | None) -> list[dict[str, str]]:
    """Read the flash cookie; a forged or malformed one is ignored."""
    if not value or "." not in value:
        return []
    payload, signature = value.rsplit(".", 1)
    if not hmac.compare_digest(_sign(secret, payload), signature):
        return []
    try:
        data = json.loads(base64.urlsafe_b64decode(payload.encode()))
    except ValueError:
        return []
    if not isinstance(data, list):
        return []
    return [{"kind": str(item.get("kind", "info")), "message": str(item.get("message", ""))}
            for item in data[:5] if isinstance(item, dict)]


def flash(response: Response, secret: str, message: str, kind: str = "info") -> None:
    """Attach a message (a translatable msgid) to show on the next page."""
    response.set_cookie(FLASH_COOKIE, encode(secret, [{"kind": kind, "message": message}]),
                        max_age=60, httponly=True, samesite="lax", path="/")
