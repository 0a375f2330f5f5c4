"""Certificates: issued once per passing real attempt, signed, verifiable, revocable."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.accounts.models import User
from app.certificates import signing
from app.certificates.models import Certificate
from app.config import Settings
from app.db import utcnow
from app.errors import Invalid, NotFound
from app.exams.models import Attempt, Blueprint
from app.i18n import N_

_settings: Settings | None = None


def configure(settings: Settings) -> None:
    """Remember the app's settings (base URL and key location) for issuing credentials."""
    global _settings
    _settings = settings


def settings() -> Settings:
    return _settings or Settings()


def issuer_key(conf: Settings | None = None) -> signing.Ed25519PrivateKey:
    conf = conf or settings()
    return signing.load_or_create_key(conf.key_dir / "aide-issuer-key.pem")


def issuer_did(conf: Settings | None = None) -> str:
    return signing.did_web((conf or settings()).base_url)


def verify_url(number: str, conf: Settings | None = None) -> str:
    return f"{(conf or settings()).base_url.rstrip('/')}/verify/{number}"


def has_valid_certificate(session: Session, *, user_id: int, level: int, now: datetime | None = None) -> bool:
    now = now or utcnow()
    return session.scalar(select(Certificate.id).where(
        Certificate.user_id == user_id, Certificate.level == level, Certificate.revoked_at.is_(None),
        Certificate.valid_until > now, Certificate.number.is_not(None)).limit(1)) is not None


def _add_years(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year + years, day=28)


def issue_for(session: Session, *, attempt: Attempt, blueprint: Blueprint) -> Certificate:
    """Issue the certificate of a passing attempt, in the grading transaction, exactly once."""
    existing = session.scalar(select(Certificate).where(Certificate.attempt_id == attempt.id))
    if existing is not None:
        return existing
    user = session.get(User, attempt.user_id)
    assert user is not None
    issued = attempt.submitted_at or utcnow()
    certificate = Certificate(user_id=user.id, attempt_id=attempt.id, level=blueprint.level,
                              holder_name=user.display_name, issued_at=issued,
                              valid_until=_add_years(issued, blueprint.valid_years),
                              section_scores=dict(attempt.section_scores or {}),
                              score_percent=float(attempt.score_percent or 0), blueprint_slug=blueprint.slug,
                              content_version=attempt.content_version)
    try:
        with session.begin_nested():
            session.add(certificate)
            session.flush()  # the id is the sequence of the number
    except IntegrityError:  # the database's unique attempt_id: someone issued it first
        found = session.scalar(select(Certificate).where(Certificate.attempt_id == attempt.id))
        assert found is not None
        return found
    certificate.number = signing.certificate_number(blueprint.level, issued.year, certificate.id)
    certificate.credential = build_credential(certificate, user, blueprint)
    session.flush()
    return certificate


def _score_text(value: float) -> str:
    return f"{value:.1f}"


def build_credential(certificate: Certificate, user: User, blueprint: Blueprint) -> dict[str, Any]:
    """An OpenBadgeCredential (VC 2.0 / Open Badges 3.0), signed with the issuer's Ed25519 key."""
    conf = settings()
    base = conf.base_url.rstrip("/")
    did = issuer_did(conf)
    assert certificate.number is not None
    document: dict[str, Any] = {
        "@context": ["https://www.w3.org/ns/credentials/v2",
                     "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
        "id": f"{base}/certificates/{certificate.number}/credential",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"AIDE Level {certificate.level}",
        "issuer": {"id": did, "type": ["Profile"], "name": "AIDE Academy", "url": base},
        "validFrom": certificate.issued_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "validUntil": certificate.valid_until.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": certificate.holder_name,
            "identifier": [{"type": "IdentityObject", "identityType": "emailAddress", "hashed": True,
                            "identityHash": "sha256$" + _sha256(user.email), "salt": ""}],
            "achievement": {
                "id": f"{base}/exams/{blueprint.slug}",
                "type": ["Achievement"],
                "name": f"AIDE (AI Data Expert) Level {certificate.level}",
                "description": blueprint.description.get("en", ""),
                "criteria": {"narrative": f"Total at least {blueprint.pass_rule['total_min_percent']:g}% and each "
                                          f"section at least {blueprint.pass_rule['section_min_percent']:g}%."},
                "achievementType": "Certificate",
            },
            "result": [{"type": ["Result"], "resultDescription": f"section-{name}", "value": _score_text(value)}
                       for name, value in sorted(certificate.section_scores.items())]
                      + [{"type": ["Result"], "resultDescription": "total",
                          "value": _score_text(certificate.score_percent)}],
        },
        "credentialStatus": {"id": f"{base}/api/v1/certificates/{certificate.number}", "type": "AideCertificateStatus",
                             "statusPurpose": "revocation"},
        "evidence": [{"type": ["Evidence"], "name": "AIDE exam attempt",
                      "description": f"blueprint {blueprint.slug}, content version {certificate.content_version[:12]}",
                      "id": f"{base}/verify/{certificate.number}"}],
        "aide": {"number": certificate.number, "level": str(certificate.level),
                 "blueprint": blueprint.slug, "contentVersion": certificate.content_version},
    }
    valid_from = certificate.issued_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    return signing.sign(document, issuer_key(conf), f"{did}#key-1", valid_from)


def _sha256(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()


def by_number(session: Session, number: str) -> Certificate:
    certificate = session.scalar(select(Certificate).where(Certificate.number == number.upper()))
    if certificate is None:
        raise NotFound(N_("No certificate has this number."))
    return certificate


def status_of(certificate: Certificate, now: datetime | None = None) -> str:
    """valid | expired | revoked."""
    now = now or utcnow()
    if certificate.revoked_at is not None:
        return "revoked"
    if certificate.valid_until <= now:
        return "expired"
    return "valid"


def public_summary(certificate: Certificate) -> dict[str, Any]:
    """What anyone may see when verifying a number: no email, no attempt details."""
    return {"number": certificate.number, "level": certificate.level, "holder_name": certificate.holder_name,
            "issued_at": certificate.issued_at.isoformat(), "valid_until": certificate.valid_until.isoformat(),
            "status": status_of(certificate), "section_scores": certificate.section_scores,
            "score_percent": certificate.score_percent, "blueprint": certificate.blueprint_slug,
            "revoked_at": certificate.revoked_at.isoformat() if certificate.revoked_at else None,
            "revoked_reason": certificate.revoked_reason, "verify_url": verify_url(certificate.number or "")}


def revoke(session: Session, *, certificate: Certificate, admin: User, reason: str) -> Certificate:
    reason = reason.strip()
    if not reason:
        raise Invalid(N_("Give a reason for the revocation."))
    if certificate.revoked_at is None:
        certificate.revoked_at = utcnow()
        certificate.revoked_reason = reason[:300]
        certificate.revoked_by = admin.id
        session.flush()
    return certificate


def certificates_of(session: Session, user_id: int) -> list[Certificate]:
    return list(session.scalars(select(Certificate).where(Certificate.user_id == user_id,
                                                          Certificate.number.is_not(None))
                                .order_by(Certificate.issued_at.desc())))


def verify_credential(credential: dict[str, Any], did_document: dict[str, Any] | None = None,
                      conf: Settings | None = None) -> bool:
    """Verify a credential with a DID document (offline) or this installation's issuer key."""
    proof = credential.get("proof") or {}
    method = proof.get("verificationMethod", "")
    if did_document is not None:
        try:
            key = signing.key_from_did_document(did_document, method)
        except (ValueError, KeyError):
            return False
    else:
        key = issuer_key(conf).public_key()
        if method != f"{issuer_did(conf)}#key-1":
            return False
    return signing.verify(credential, key)

