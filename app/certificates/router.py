"""Certificates JSON API: mine, public summary, signed credential, revocation, issuer DID."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Security
from fastapi.responses import JSONResponse
from fastapi.security import APIKeyHeader
from pydantic import BaseModel, ConfigDict, Field

from app.accounts.dependencies import AdminUser, CurrentUser
from app.certificates import projects, service, signing
from app.certificates.models import PartnerKey
from app.db import DbInt, SessionDep
from app.errors import Unauthorized
from app.i18n import N_, negotiate
from app.templating import request_locale

router = APIRouter(tags=["certificates"])


api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, scheme_name="PartnerKey",
                              description="A partner API key issued by an AIDE Academy admin.")


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


# ---- projects and partner eligibility -------------------------------------------------------

class PartnerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=120)


def partner_key(session: SessionDep, key: Annotated[str | None, Security(api_key_header)] = None) -> PartnerKey:
    """The partner presenting a valid, unrevoked key in X-API-Key, else 401."""
    row = projects.partner_for_key(session, key)
    if row is None:
        raise Unauthorized(N_("A valid partner API key is required in the X-API-Key header."),
                           headers={"WWW-Authenticate": "X-API-Key"})
    return row


PartnerDep = Annotated[PartnerKey, Depends(partner_key)]


@router.get("/api/v1/projects", tags=["projects"])
def project_list(request: Request, user: CurrentUser, session: SessionDep) -> list[dict[str, Any]]:
    """Labeling projects, each with whether the caller is eligible and, if not, what is missing."""
    locale = request_locale(request)
    return [projects.project_summary(item, locale) for item in projects.eligibility_for(session, user.id)]


@router.get("/api/v1/eligibility", tags=["projects"])
def eligibility(request: Request, partner: PartnerDep, session: SessionDep,
                email: Annotated[str, Query(max_length=254)] = "",
                project: Annotated[str, Query(max_length=80)] = "") -> dict[str, Any]:
    """For partner platforms (X-API-Key): may this labeler join the project? Yes/no and reasons only."""
    locale = negotiate(request.headers.get("accept-language"), "ko")
    return projects.partner_eligibility(session, email=email, project_slug=project, locale=locale)


@router.get("/api/v1/admin/partners", tags=["projects"])
def partner_list(admin: AdminUser, session: SessionDep) -> list[dict[str, Any]]:
    """Partner keys (prefix only; the key itself is never shown again)."""
    return [projects.partner_key_summary(row) for row in projects.partner_keys(session)]


@router.post("/api/v1/admin/partners", tags=["projects"], status_code=201)
def partner_create(body: PartnerIn, admin: AdminUser, session: SessionDep) -> dict[str, Any]:
    """Issue a partner API key; the response is the only time the key is shown."""
    row, key = projects.create_partner_key(session, name=body.name, admin=admin)
    return {**projects.partner_key_summary(row), "key": key}


@router.delete("/api/v1/admin/partners/{key_id}", tags=["projects"])
def partner_revoke(key_id: DbInt, admin: AdminUser, session: SessionDep) -> dict[str, Any]:
    """Revoke a partner key: it answers 401 from now on."""
    row = projects.revoke_partner_key(session, key=projects.partner_key_by_id(session, key_id))
    return projects.partner_key_summary(row)
