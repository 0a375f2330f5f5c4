"""Certificate pages: the printable certificate, PDF, verification states, my certificates, admin."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient

from app.certificates.models import Certificate
from app.db import utcnow
from tests.certificates.helpers import issue_certificate
from tests.conftest import Users, csrf_from


def test_certificate_page_is_public_and_printable(client: TestClient, session: Any, users: Users) -> None:
    certificate = issue_certificate(session, users.create(name="정다은"))
    page = client.get(f"/certificates/{certificate.number}")
    assert page.status_code == 200
    html = page.text
    assert "정다은" in html and certificate.number in html
    assert "/static/css/certificate.css" in html
    assert '<svg class="qr"' in html  # the QR code is drawn inline, no external service
    assert f"http://testserver/verify/{certificate.number}" in html
    assert f'href="/certificates/{certificate.number}.pdf"' in html
    assert f'href="/certificates/{certificate.number}/credential"' in html
    assert "data-print" in html
    assert "92.0" in html and "86.0" in html  # per-section scores
    assert certificate.content_version[:12] in html and "aide-level2" in html
    assert page.headers["x-robots-tag"] == "noindex"


def test_pdf_is_an_a4_pdf(client: TestClient, session: Any, users: Users) -> None:
    certificate = issue_certificate(session, users.create(name="최유진"))
    response = client.get(f"/certificates/{certificate.number}.pdf")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert b"/MediaBox [0 0 595.28 841.89]" in response.content  # A4 in points
    assert len(re.findall(rb"/Type\s*/Page(?!s)", response.content)) == 1  # one page
    assert f'{certificate.number}.pdf' in response.headers["content-disposition"]
    assert len(response.content) < 400_000  # fonts are subset


def test_verify_valid_then_revoked_everywhere(client: TestClient, session: Any, users: Users) -> None:
    certificate = issue_certificate(session, users.create(name="한지우"))
    number = certificate.number
    page = client.get(f"/verify/{number}")
    assert page.status_code == 200
    assert 'data-status="valid"' in page.text and "한지우" in page.text
    admin = users.create("admin")
    revoked = client.post(f"/api/v1/admin/certificates/{number}/revoke", json={"reason": "부정행위 확인"},
                          headers=users.headers(client, admin))
    assert revoked.status_code == 200, revoked.text
    assert revoked.json()["status"] == "revoked"
    page = client.get(f"/verify/{number}")
    assert 'data-status="revoked"' in page.text
    assert "부정행위 확인" in page.text
    assert client.get(f"/api/v1/certificates/{number}").json()["status"] == "revoked"
    credential = client.get(f"/api/v1/certificates/{number}/credential")
    assert credential.headers["x-certificate-status"] == "revoked"
    assert client.get(f"/certificates/{number}/credential").headers["x-certificate-status"] == "revoked"
    sheet = client.get(f"/certificates/{number}")
    assert 'class="cert-stamp"' in sheet.text and "부정행위 확인" in sheet.text


def test_expired_certificate(client: TestClient, session: Any, users: Users) -> None:
    certificate = issue_certificate(session, users.create())
    row = session.get(Certificate, certificate.id)
    row.valid_until = utcnow() - timedelta(days=1)
    session.commit()
    page = client.get(f"/verify/{certificate.number}")
    assert page.status_code == 200
    assert 'data-status="expired"' in page.text
    assert client.get(f"/api/v1/certificates/{certificate.number}").json()["status"] == "expired"
    assert client.get(f"/api/v1/certificates/{certificate.number}/credential").headers[
        "x-certificate-status"] == "expired"


def test_unknown_and_mistyped_numbers_get_a_friendly_404(client: TestClient, session: Any, users: Users) -> None:
    certificate = issue_certificate(session, users.create())
    number = certificate.number
    typo = number[:-1] + ("A" if number[-1] != "A" else "B")
    response = client.get(f"/verify/{typo}")
    assert response.status_code == 404
    assert 'data-testid="typo-hint"' in response.text
    from app.certificates import signing

    unissued = signing.certificate_number(2, 2020, 999_999)
    response = client.get(f"/verify/{unissued}")
    assert response.status_code == 404
    assert 'data-testid="verify-missing"' in response.text and 'data-testid="typo-hint"' not in response.text
    assert client.get(f"/certificates/{typo}").status_code == 404
    assert client.get(f"/certificates/{typo}.pdf").status_code == 404
    # Lower case works, and the verify form redirects to the number's page.
    assert client.get(f"/verify/{number.lower()}").status_code == 200
    form = client.get("/verify", params={"number": f" {number.lower()} "}, follow_redirects=False)
    assert form.status_code == 303 and form.headers["location"] == f"/verify/{number}"
    assert client.get("/verify").status_code == 200


def test_my_certificates_page(client: TestClient, session: Any, users: Users) -> None:
    user = users.create()
    users.login(client, user)
    empty = client.get("/certificates")
    assert empty.status_code == 200
    assert 'data-testid="no-certificates"' in empty.text
    assert 'data-testid="project-av-road-objects"' in empty.text
    assert 'data-eligible="no"' in empty.text
    certificate = issue_certificate(session, user)
    page = client.get("/certificates")
    assert certificate.number in page.text and 'data-testid="my-cert"' in page.text
    dashboard = client.get("/dashboard")
    assert 'data-testid="dash-certificates"' in dashboard.text
    client.cookies.clear()
    assert client.get("/certificates", follow_redirects=False).status_code == 303  # log in first


def test_admin_pages_are_for_admins_only(client: TestClient, users: Users) -> None:
    trainee = users.create()
    users.login(client, trainee)
    token = csrf_from(client.get("/dashboard").text)
    for path in ("/admin", "/admin/certificates", "/admin/partners", "/admin/projects"):
        assert client.get(path).status_code == 403, path
    for path, data in (("/admin/certificates/AIDE2-2025-000001-X/revoke", {"reason": "x"}),
                       ("/admin/partners", {"name": "x"}), ("/admin/partners/1/revoke", {}),
                       ("/admin/projects", {"slug": "receipt-ocr"})):
        assert client.post(path, data={**data, "csrf_token": token}).status_code == 403, path
    headers = users.headers(client, trainee)
    assert client.post("/api/v1/admin/partners", json={"name": "x"}, headers=headers).status_code == 403
    assert client.get("/api/v1/admin/partners", headers=headers).status_code == 403
    assert client.delete("/api/v1/admin/partners/1", headers=headers).status_code == 403
    assert client.post("/api/v1/admin/certificates/AIDE2-2025-000001-X/revoke", json={"reason": "x"},
                       headers=headers).status_code == 403


def test_admin_searches_and_revokes_with_a_reason(client: TestClient, session: Any, users: Users) -> None:
    holder = users.create(name="오세훈", email="seh@example.org")
    certificate = issue_certificate(session, holder)
    admin = users.create("admin")
    users.login(client, admin)
    assert client.get("/admin").status_code == 200
    for query in (certificate.number, "오세", "seh@example"):
        page = client.get("/admin/certificates", params={"q": query})
        assert page.status_code == 200 and certificate.number in page.text, query
    assert certificate.number not in client.get("/admin/certificates", params={"q": "nobody"}).text
    token = csrf_from(page.text)
    no_reason = client.post(f"/admin/certificates/{certificate.number}/revoke",
                            data={"csrf_token": token, "reason": " "}, follow_redirects=False)
    assert no_reason.status_code == 303
    assert client.get(f"/api/v1/certificates/{certificate.number}").json()["status"] == "valid"
    no_csrf = client.post(f"/admin/certificates/{certificate.number}/revoke", data={"reason": "x"})
    assert no_csrf.status_code == 403
    done = client.post(f"/admin/certificates/{certificate.number}/revoke",
                       data={"csrf_token": token, "reason": "본인 확인 실패"}, follow_redirects=True)
    assert done.status_code == 200
    summary = client.get(f"/api/v1/certificates/{certificate.number}").json()
    assert summary["status"] == "revoked" and summary["revoked_reason"] == "본인 확인 실패"
    assert "본인 확인 실패" in done.text


def test_admin_issues_and_revokes_partner_keys_on_the_page(client: TestClient, users: Users) -> None:
    admin = users.create("admin")
    users.login(client, admin)
    token = csrf_from(client.get("/admin/partners").text)
    created = client.post("/admin/partners", data={"csrf_token": token, "name": "크라우드웍스"})
    assert created.status_code == 200
    key = re.search(r"<code>(aide_pk_[^<]+)</code>", created.text)
    assert key, "the new key is shown once"
    assert client.get("/api/v1/eligibility", params={"email": "x@example.org", "project": "receipt-ocr"},
                      headers={"X-API-Key": key.group(1)}).status_code == 200
    listing = client.get("/admin/partners")
    assert key.group(1) not in listing.text and key.group(1)[:12] in listing.text
    key_id = re.search(r'data-testid="partner-(\d+)"', listing.text).group(1)
    revoked = client.post(f"/admin/partners/{key_id}/revoke", data={"csrf_token": token}, follow_redirects=False)
    assert revoked.status_code == 303
    assert client.get("/api/v1/eligibility", params={"email": "x@example.org", "project": "receipt-ocr"},
                      headers={"X-API-Key": key.group(1)}).status_code == 401
