"""Certificates JSON API: mine, public summary, signed credential, revocation, issuer DID."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from app.accounts.dependencies import AdminUser, CurrentUser
from app.certificates import service, signing
from app.db import SessionDep

router = APIRouter(tags=["certificates"])


class RevokeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=300)


@router.get("/api/v1/me/certificates")
def my_certificates(user: CurrentUser, session: SessionDep) -> list[dict[str, Any]]:
    """The caller's certificates with their status."""
    return [service.public_summary(c) for c in service.certificates_of(session, user.id)]


@router.get("/api/v1/certificates/{number}")
def certificate_summary(number: str, session: SessionDep) -> dict[str, Any]:
    """Public: whether a certificate is valid, expired or revoked (no personal details)."""
    return service.public_summary(service.by_number(session, number))


@router.get("/api/v1/certificates/{number}/credential")
def certificate_credential(number: str, session: SessionDep) -> JSONResponse:
    """Public: the signed OpenBadgeCredential (verify it with /.well-known/did.json)."""
    certificate = service.by_number(session, number)
    return JSONResponse(certificate.credential or {}, headers={
        "X-Certificate-Status": service.status_of(certificate),
        "Content-Disposition": f'inline; filename="{certificate.number}.json"'})


@router.post("/api/v1/admin/certificates/{number}/revoke")
def revoke(number: str, body: RevokeIn, admin: AdminUser, session: SessionDep) -> dict[str, Any]:
    """Revoke a certificate with a reason (admins only); verify pages show it at once."""
    certificate = service.revoke(session, certificate=service.by_number(session, number), admin=admin,
                                 reason=body.reason)
    return service.public_summary(certificate)


@router.get("/.well-known/did.json", tags=["certificates"])
def did_document() -> dict[str, Any]:
    """The issuer's DID document with its Ed25519 public key, for offline verification."""
    key = service.issuer_key().public_key()
    return signing.did_document(service.issuer_did(), key)
