"""Signed credentials: verification with the published DID document, tampering, numbers, the CLI."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from typer.testing import CliRunner

from app.certificates import service, signing
from app.certificates.models import Certificate
from app.cli import cli
from app.exams.models import Attempt, Blueprint
from tests.certificates.helpers import issue_certificate, pass_level2_exam
from tests.conftest import Users


def did_key(client: TestClient, credential: dict[str, Any]) -> Any:
    document = client.get("/.well-known/did.json").json()
    return signing.key_from_did_document(document, credential["proof"]["verificationMethod"])


def test_credential_verifies_with_the_published_did_document(client: TestClient, session: Any,
                                                              users: Users) -> None:
    user = users.create(name="김하늘")
    certificate = issue_certificate(session, user)
    response = client.get(f"/api/v1/certificates/{certificate.number}/credential")
    assert response.status_code == 200
    credential = response.json()
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["credentialSubject"]["name"] == "김하늘"
    assert credential["proof"]["cryptosuite"] == "eddsa-jcs-2022"
    assert signing.verify(credential, did_key(client, credential))
    # The downloadable file (the credential's id) is the same signed document.
    download = client.get(f"/certificates/{certificate.number}/credential")
    assert download.status_code == 200
    assert download.json() == credential
    assert "attachment" in download.headers["content-disposition"]
    assert credential["id"].endswith(f"/certificates/{certificate.number}/credential")


@pytest.mark.parametrize("tamper", ["name", "score", "valid_until", "level", "proof"])
def test_a_tampered_copy_does_not_verify(client: TestClient, session: Any, users: Users, tamper: str) -> None:
    certificate = issue_certificate(session, users.create())
    credential = client.get(f"/api/v1/certificates/{certificate.number}/credential").json()
    key = did_key(client, credential)
    forged = copy.deepcopy(credential)
    if tamper == "name":
        forged["credentialSubject"]["name"] = "홍길동"
    elif tamper == "score":
        forged["credentialSubject"]["result"][0]["value"] = "100.0"
    elif tamper == "valid_until":
        forged["validUntil"] = "2099-12-31T00:00:00Z"
    elif tamper == "level":
        forged["aide"]["level"] = "1"
    else:
        forged["proof"]["created"] = "2020-01-01T00:00:00Z"
    assert forged != credential
    assert not signing.verify(forged, key)
    assert not service.verify_credential(forged)
    assert signing.verify(credential, key)


def test_number_format_and_check_character_catch_typos(session: Any, users: Users) -> None:
    certificate = issue_certificate(session, users.create())
    number = certificate.number
    assert number is not None
    prefix, year, sequence, check = number.split("-")
    assert prefix == "AIDE2" and len(year) == 4 and len(sequence) == 6 and len(check) == 1
    assert signing.number_is_well_formed(number)
    assert signing.number_is_well_formed(number.lower())
    # Every single-character typo in the sequence and every adjacent swap is detected.
    body = number[:-2]
    for index, char in enumerate(body):
        if not char.isdigit():
            continue
        for other in "0123456789":
            if other != char:
                typo = body[:index] + other + body[index + 1:] + number[-2:]
                assert not signing.number_is_well_formed(typo), typo
    swapped = number.replace(sequence, sequence[:-2] + sequence[-1] + sequence[-2]) if sequence[-1] != sequence[-2] \
        else number[:-1] + ("0" if check != "0" else "1")
    assert not signing.number_is_well_formed(swapped)
    assert not signing.number_is_well_formed("AIDE2-2025-000001")
    assert signing.certificate_number(1, 2026, 42).startswith("AIDE1-2026-000042-")


def test_issued_exactly_once_per_attempt(session: Any, users: Users) -> None:
    user = users.create()
    attempt, certificate = pass_level2_exam(session, user)
    assert attempt.passed and attempt.mode == "real"
    blueprint = session.get(Blueprint, attempt.blueprint_id)
    again = service.issue_for(session, attempt=attempt, blueprint=blueprint)
    assert again.id == certificate.id
    # A repeated submit grades nothing new and issues nothing new.
    from app.exams import service as exam_service

    exam_service.submit(session, attempt=session.get(Attempt, attempt.id))
    session.commit()
    count = session.scalar(select(func.count(Certificate.id)).where(Certificate.attempt_id == attempt.id))
    assert count == 1
    assert certificate.section_scores == attempt.section_scores
    assert certificate.level == 2 and certificate.holder_name == user.display_name


def test_public_summary_has_no_email(client: TestClient, session: Any, users: Users) -> None:
    user = users.create(email="private.person@example.org")
    certificate = issue_certificate(session, user)
    response = client.get(f"/api/v1/certificates/{certificate.number}")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "valid"
    assert "private.person" not in response.text
    assert "email" not in json.dumps(body).lower()
    page = client.get(f"/verify/{certificate.number}")
    assert "private.person" not in page.text
    # The credential carries only a salted-style hash of the email, never the address.
    credential = client.get(f"/certificates/{certificate.number}/credential").text
    assert "private.person" not in credential


def _write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_cli_verify_accepts_a_genuine_file_and_refuses_a_tampered_one(client: TestClient, session: Any,
                                                                      users: Users, tmp_path: Path,
                                                                      settings: Any) -> None:
    certificate = issue_certificate(session, users.create(name="이수민"))
    credential = client.get(f"/certificates/{certificate.number}/credential").json()
    genuine = _write(tmp_path / "genuine.json", credential)
    did = _write(tmp_path / "did.json", client.get("/.well-known/did.json").json())
    forged_data = copy.deepcopy(credential)
    forged_data["credentialSubject"]["name"] = "박위조"
    forged = _write(tmp_path / "forged.json", forged_data)
    env = {"AIDE_DATA_DIR": str(tmp_path), "AIDE_BASE_URL": settings.base_url,
           "AIDE_DATABASE_URL": settings.database_url}
    runner = CliRunner()

    ok = runner.invoke(cli, ["certificates", "verify", str(genuine), "--did-document", str(did)], env=env)
    assert ok.exit_code == 0, ok.output
    assert ok.output.startswith("valid: signature verified")
    assert certificate.number in ok.output and "did:web:testserver" in ok.output

    local = runner.invoke(cli, ["certificates", "verify", str(genuine)], env=env)  # this installation's key
    assert local.exit_code == 0, local.output

    bad = runner.invoke(cli, ["certificates", "verify", str(forged), "--did-document", str(did)], env=env)
    assert bad.exit_code == 1
    assert bad.output.startswith("INVALID:")
    bad_local = runner.invoke(cli, ["certificates", "verify", str(forged)], env=env)
    assert bad_local.exit_code == 1

    other_key = tmp_path / "other"
    other_key.mkdir()
    foreign = runner.invoke(cli, ["certificates", "verify", str(genuine)],
                            env={**env, "AIDE_DATA_DIR": str(other_key)})
    assert foreign.exit_code == 1, "another installation's key must not verify it"

    garbage = tmp_path / "garbage.json"
    garbage.write_text("not json")
    assert runner.invoke(cli, ["certificates", "verify", str(garbage)], env=env).exit_code == 1
