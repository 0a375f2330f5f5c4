"""The certificate in chromium: on screen at 1280 px, in print emulation (one A4 page), and verified."""

from __future__ import annotations

import re
import uuid
from typing import Any

from playwright.sync_api import expect

from app.accounts import service as account_service
from app.certificates import service as certificate_service
from tests.browser.conftest import ARTIFACTS, LiveServer, screenshot
from tests.certificates.helpers import issue_certificate
from tests.conftest import TEST_PASSWORD


def make_holder(live_server: LiveServer, name: str) -> tuple[Any, str]:
    certificate_service.configure(live_server.app.state.settings)
    with live_server.app.state.sessionmaker() as session:
        user = account_service.create_user(session, email=f"cert-{uuid.uuid4().hex[:8]}@example.org",
                                           display_name=name, password=TEST_PASSWORD)
        session.commit()
        certificate = issue_certificate(session, user)
        return user, str(certificate.number)


def test_certificate_screen_print_and_verify(page: Any, live_server: LiveServer) -> None:
    user, number = make_holder(live_server, "김서연")

    page.goto(f"/certificates/{number}")
    sheet = page.get_by_test_id("certificate")
    expect(sheet).to_be_visible()
    expect(page.get_by_test_id("holder")).to_have_text("김서연")
    expect(page.get_by_test_id("print")).to_be_visible()  # shown once the script runs
    expect(page.locator("svg.qr")).to_be_visible()
    expect(page.get_by_test_id("download-pdf")).to_have_attribute("href", f"/certificates/{number}.pdf")
    box = sheet.bounding_box()
    assert abs(box["width"] - 793.7) < 2 and abs(box["height"] - 1122.5) < 2  # 210 × 297 mm
    page.evaluate("document.fonts.ready")
    screenshot(page, "certificate-ko-1280")

    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    expect(page.locator(".cert-toolbar")).to_be_hidden()
    expect(sheet).to_be_visible()
    assert page.evaluate("window.scrollX") == 0
    screenshot(page, "certificate-ko-print")
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    (ARTIFACTS / "certificate-ko-print.pdf").write_bytes(pdf)
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1, "the certificate prints on exactly one page"
    page.emulate_media(media="screen")

    page.goto(f"/verify/{number}")
    status = page.get_by_test_id("verify-status")
    expect(status).to_have_attribute("data-status", "valid")
    expect(page.get_by_test_id("holder")).to_have_text("김서연")
    screenshot(page, "verify-valid-ko-1280")


def test_my_certificates_and_projects(page: Any, live_server: LiveServer) -> None:
    user, number = make_holder(live_server, "박준호")
    page.goto("/login")
    page.get_by_label("이메일").fill(user.email)
    page.get_by_label("비밀번호").fill(TEST_PASSWORD)
    page.get_by_role("button", name="로그인").click()
    page.goto("/certificates")
    expect(page.get_by_test_id("my-cert")).to_contain_text(number)
    expect(page.get_by_test_id("project-av-road-objects")).to_have_attribute("data-eligible", "no")
    screenshot(page, "my-certificates-ko-1280")
