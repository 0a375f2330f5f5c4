"""Certificate pages: mine (with projects), the printable certificate and its PDF, public
verification, and the admin area (certificates, partner keys, projects)."""

from __future__ import annotations

import html
import logging
import re
from datetime import datetime
from typing import Annotated, Any
from urllib.parse import quote

from babel.dates import format_date
from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from markupsafe import Markup
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app import i18n
from app.accounts.dependencies import AdminPageUser, CsrfChecked, PageUser, RequestForm, SettingsDep
from app.accounts.models import User
from app.certificates import projects as project_service
from app.certificates import service, signing
from app.certificates.models import Certificate, PartnerKey, Project
from app.config import Settings
from app.courses import service as course_service
from app.db import DbInt, SessionDep
from app.errors import AppError, NotFound
from app.exams.models import Blueprint
from app.flash import flash
from app.i18n import N_, pick
from app.i18n import gettext as _
from app.templating import SEOUL, render, request_locale

router = APIRouter(include_in_schema=False)
log = logging.getLogger("aide.certificates")

STATUS_LABELS = {"valid": N_("Valid"), "expired": N_("Expired"), "revoked": N_("Revoked")}
STATUS_BADGES = {"valid": "badge-success", "expired": "badge-warn", "revoked": "badge-danger"}
PUBLIC_HEADERS = {"Cache-Control": "no-cache", "X-Robots-Tag": "noindex"}
NUMBER_CHARS = re.compile(r"[A-Z0-9-]+")


# ---- shared helpers -------------------------------------------------------------------------

def long_date(value: datetime | None, locale: str) -> str:
    """A date as people write it on a certificate: 2025년 3월 5일 / March 5, 2025 (Seoul time)."""
    if value is None:
        return ""
    return format_date(value.astimezone(SEOUL).date(), format="long", locale=locale)


def score_text(value: float | None) -> str:
    return "–" if value is None else f"{float(value):.1f}"


def level_name(level: int) -> str:
    return _("AIDE level %(level)s", level=level)


def qr_matrix(data: str) -> list[list[bool]]:
    """The QR code's modules (no quiet zone): error correction M survives a smudged printout."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(data)
    code.make(fit=True)
    return [[bool(cell) for cell in row] for row in code.get_matrix()]


def _runs(row: list[bool]) -> list[tuple[int, int]]:
    """(start, length) of each run of dark modules in a row."""
    runs, start = [], None
    for index, dark in enumerate([*row, False]):
        if dark and start is None:
            start = index
        elif not dark and start is not None:
            runs.append((start, index - start))
            start = None
    return runs


def qr_svg(data: str, label: str, quiet: int = 4) -> Markup:
    """An inline SVG QR code (one path, crisp edges) drawn on the server: no external service."""
    matrix = qr_matrix(data)
    size = len(matrix) + 2 * quiet
    path = "".join(f"M{x + quiet} {y + quiet}h{n}v1h-{n}z" for y, row in enumerate(matrix) for x, n in _runs(row))
    return Markup(
        f'<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" role="img" '
        f'aria-label="{html.escape(label)}" shape-rendering="crispEdges">'
        f'<rect width="{size}" height="{size}" fill="#fff"/><path d="{path}" fill="#111"/></svg>')


def blueprint_of(session: Session, certificate: Certificate) -> Blueprint | None:
    return session.scalar(select(Blueprint).where(Blueprint.slug == certificate.blueprint_slug))


def section_rows(certificate: Certificate, blueprint: Blueprint | None, locale: str) -> list[dict[str, str]]:
    """Per-section scores with the section titles of the exam (then the total)."""
    titles = {s["id"]: s.get("title") for s in (blueprint.sections if blueprint else [])}
    rows = [{"title": pick(titles.get(name), locale) or _("Section %(name)s", name=name), "score": score_text(value)}
            for name, value in sorted(certificate.section_scores.items())]
    rows.append({"title": _("Total"), "score": score_text(certificate.score_percent), "total": "1"})
    return rows


def find_certificate(session: Session, number: str) -> Certificate | None:
    number = number.strip().upper()
    if not number or len(number) > 32 or not NUMBER_CHARS.fullmatch(number):
        return None
    return session.scalar(select(Certificate).where(Certificate.number == number))


def not_found_page(request: Request, number: str) -> Response:
    """A friendly 404 for an unknown number, with a typo hint from the check character."""
    cleaned = number.strip().upper()[:40]
    return render(request, "certificates/verify_missing.html",
                  {"number": cleaned, "well_formed": signing.number_is_well_formed(cleaned)},
                  status_code=404)


def certificate_context(request: Request, session: Session, certificate: Certificate,
                        settings: Settings) -> dict[str, Any]:
    locale = request_locale(request)
    i18n.current_locale.set(locale)
    blueprint = blueprint_of(session, certificate)
    status = service.status_of(certificate)
    url = service.verify_url(certificate.number or "", settings)
    return {"cert": certificate, "status": status, "status_label": STATUS_LABELS[status],
            "status_badge": STATUS_BADGES[status], "level_name": level_name(certificate.level),
            "blueprint": blueprint, "sections": section_rows(certificate, blueprint, locale),
            "issued": long_date(certificate.issued_at, locale),
            "valid_until": long_date(certificate.valid_until, locale),
            "revoked": long_date(certificate.revoked_at, locale), "verify_url": url,
            "qr": qr_svg(url, _("QR code: verify this certificate online")),
            "content_version": certificate.content_version[:12],
            "did_url": f"{settings.base_url.rstrip('/')}/.well-known/did.json"}


# ---- my certificates and projects -----------------------------------------------------------

@router.get("/certificates", response_class=HTMLResponse)
def my_certificates(request: Request, user: PageUser, session: SessionDep) -> Response:
    """The learner's certificates and the projects they may join (or what they still lack)."""
    locale = request_locale(request)
    i18n.current_locale.set(locale)
    rows: list[dict[str, Any]] = []
    for c in service.certificates_of(session, user.id):
        status = service.status_of(c)
        rows.append({"cert": c, "status": status, "status_label": STATUS_LABELS[status],
                     "status_badge": STATUS_BADGES[status], "issued": long_date(c.issued_at, locale),
                     "valid_until": long_date(c.valid_until, locale)})
    eligibility = project_service.eligibility_for(session, user.id)
    return render(request, "certificates/index.html", {
        "rows": rows, "projects": eligibility, "task_names": project_service.TASK_TYPES,
        "eligible_count": sum(1 for e in eligibility if e.eligible)})


@router.get("/certificates/{number}.pdf")
def certificate_pdf(number: str, request: Request, session: SessionDep, settings: SettingsDep) -> Response:
    """The certificate as an A4 PDF (Korean font embedded, QR drawn as vector squares)."""
    certificate = find_certificate(session, number)
    if certificate is None:
        return not_found_page(request, number)
    context = certificate_context(request, session, certificate, settings)
    data = build_pdf(context, request_locale(request))
    return Response(data, media_type="application/pdf", headers={
        **PUBLIC_HEADERS, "Content-Disposition": f'attachment; filename="{certificate.number}.pdf"'})


@router.get("/certificates/{number}/credential")
def credential_download(number: str, request: Request, session: SessionDep) -> Response:
    """The signed credential as a file (its id points here); the live status is in a header."""
    certificate = find_certificate(session, number)
    if certificate is None:
        return not_found_page(request, number)
    return JSONResponse(certificate.credential or {}, headers={
        **PUBLIC_HEADERS, "X-Certificate-Status": service.status_of(certificate),
        "Content-Disposition": f'attachment; filename="{certificate.number}.credential.json"'})


@router.get("/certificates/{number}", response_class=HTMLResponse)
def certificate_page(number: str, request: Request, session: SessionDep, settings: SettingsDep) -> Response:
    """The certificate itself: public, printable on one A4 page."""
    certificate = find_certificate(session, number)
    if certificate is None:
        return not_found_page(request, number)
    response = render(request, "certificates/certificate.html",
                      certificate_context(request, session, certificate, settings))
    response.headers.update(PUBLIC_HEADERS)
    return response


# ---- public verification --------------------------------------------------------------------

@router.get("/verify", response_class=HTMLResponse)
def verify_form(request: Request, number: Annotated[str, Query(max_length=64)] = "") -> Response:
    """Type a certificate number to check it."""
    if number.strip():
        return RedirectResponse(f"/verify/{quote(number.strip().upper(), safe='')}", status_code=303)
    return render(request, "certificates/verify_form.html", {})


@router.get("/verify/{number}", response_class=HTMLResponse)
def verify_page(number: str, request: Request, session: SessionDep, settings: SettingsDep) -> Response:
    """Valid, expired or revoked, in large letters, with the holder and dates."""
    certificate = find_certificate(session, number)
    if certificate is None:
        return not_found_page(request, number)
    response = render(request, "certificates/verify.html",
                      certificate_context(request, session, certificate, settings))
    response.headers.update(PUBLIC_HEADERS)
    return response


# ---- dashboard ------------------------------------------------------------------------------

def dashboard_card(request: Request, user: User) -> dict[str, Any] | None:
    """The dashboard's certificate card: the newest certificate and the projects open to the learner."""
    locale = request_locale(request)
    i18n.current_locale.set(locale)
    with request.app.state.sessionmaker() as session:
        certificates = service.certificates_of(session, user.id)
        eligible = sum(1 for e in project_service.eligibility_for(session, user.id) if e.eligible)
        latest = certificates[0] if certificates else None
        return {"template": "certificates/_dashboard.html", "latest": latest,
                "latest_status": service.status_of(latest) if latest else None,
                "latest_until": long_date(latest.valid_until, locale) if latest else "",
                "eligible_projects": eligible, "status_labels": STATUS_LABELS, "status_badges": STATUS_BADGES}


# ---- admin ----------------------------------------------------------------------------------

def _redirect(target: str, settings: Settings, message: str, kind: str = "success") -> Response:
    response = RedirectResponse(target, status_code=303)
    flash(response, settings.resolved_secret_key, message, kind)
    return response


@router.get("/admin", response_class=HTMLResponse)
def admin_home(request: Request, admin: AdminPageUser, session: SessionDep) -> Response:
    """The admin landing page: certificates, partner keys and projects at a glance."""
    total = session.scalar(select(func.count(Certificate.id)).where(Certificate.number.is_not(None))) or 0
    revoked = session.scalar(select(func.count(Certificate.id)).where(Certificate.revoked_at.is_not(None))) or 0
    keys = session.scalar(select(func.count(PartnerKey.id)).where(PartnerKey.revoked_at.is_(None))) or 0
    active = session.scalar(select(func.count(Project.id)).where(Project.retired_at.is_(None))) or 0
    edited = session.scalar(select(func.count(Project.id)).where(Project.edited_by_admin.is_(True))) or 0
    return render(request, "admin/index.html", {"counts": {
        "certificates": total, "revoked": revoked, "keys": keys, "projects": active, "edited": edited}})


@router.get("/admin/certificates", response_class=HTMLResponse)
def admin_certificates(request: Request, admin: AdminPageUser, session: SessionDep,
                       q: Annotated[str, Query(max_length=120)] = "") -> Response:
    """Search certificates by number, holder name or email; revoke with a reason."""
    locale = request_locale(request)
    i18n.current_locale.set(locale)
    query = select(Certificate, User.email).join(User, User.id == Certificate.user_id) \
        .where(Certificate.number.is_not(None))
    term = q.replace("\x00", "").strip()
    if term:
        like = f"%{term.lower()}%"
        query = query.where(or_(func.lower(Certificate.number).like(like),
                                func.lower(Certificate.holder_name).like(like), User.email.like(like)))
    rows = []
    for certificate, email in session.execute(query.order_by(Certificate.issued_at.desc()).limit(100)):
        status = service.status_of(certificate)
        rows.append({"cert": certificate, "email": email, "status": status, "status_label": STATUS_LABELS[status],
                     "status_badge": STATUS_BADGES[status], "level_name": level_name(certificate.level),
                     "issued": long_date(certificate.issued_at, locale),
                     "valid_until": long_date(certificate.valid_until, locale),
                     "revoked": long_date(certificate.revoked_at, locale)})
    return render(request, "admin/certificates.html", {"rows": rows, "q": term})


@router.post("/admin/certificates/{number}/revoke", dependencies=[CsrfChecked])
def admin_revoke(number: str, request: Request, admin: AdminPageUser, session: SessionDep,
                 settings: SettingsDep, reason: Annotated[str, Form(max_length=300)] = "",
                 q: Annotated[str, Form(max_length=120)] = "") -> Response:
    """Revoke a certificate (the verify page and API show it at once)."""
    certificate = service.by_number(session, number)
    back = f"/admin/certificates?q={quote(q or certificate.number or '')}"
    if not reason.strip():
        return _redirect(back, settings, N_("Give a reason for the revocation."), "error")
    service.revoke(session, certificate=certificate, admin=admin, reason=reason)
    log.info("certificate %s revoked by admin %s", certificate.number, admin.id)
    return _redirect(back, settings, N_("The certificate was revoked."))


@router.get("/admin/partners", response_class=HTMLResponse)
def admin_partners(request: Request, admin: AdminPageUser, session: SessionDep) -> Response:
    """Partner platforms' API keys for the eligibility check."""
    return render(request, "admin/partners.html", {"keys": project_service.partner_keys(session), "new_key": None})


@router.post("/admin/partners", response_class=HTMLResponse, dependencies=[CsrfChecked])
def admin_partner_create(request: Request, admin: AdminPageUser, session: SessionDep,
                         name: Annotated[str, Form(max_length=120)] = "") -> Response:
    """Issue a key: shown on this page once, only its hash is kept."""
    try:
        row, key = project_service.create_partner_key(session, name=name, admin=admin)
    except AppError as exc:
        return render(request, "admin/partners.html", {"keys": project_service.partner_keys(session),
                                                        "new_key": None, "error": exc.message}, status_code=422)
    session.commit()
    response = render(request, "admin/partners.html", {"keys": project_service.partner_keys(session),
                                                        "new_key": key, "new_name": row.name})
    response.headers["Cache-Control"] = "no-store"
    return response


@router.post("/admin/partners/{key_id}/revoke", dependencies=[CsrfChecked])
def admin_partner_revoke(key_id: DbInt, admin: AdminPageUser, session: SessionDep, settings: SettingsDep) -> Response:
    project_service.revoke_partner_key(session, key=project_service.partner_key_by_id(session, key_id))
    return _redirect("/admin/partners", settings, N_("The partner key was revoked."))


@router.get("/admin/projects", response_class=HTMLResponse)
def admin_projects(request: Request, admin: AdminPageUser, session: SessionDep) -> Response:
    """Every project with its requirements, editable."""
    courses = course_service.active_courses(session)
    modules = course_service.modules_of(session, [c.id for c in courses])
    groups = [{"course": c, "modules": [m for m in modules if m.course_id == c.id]} for c in courses]
    return render(request, "admin/projects.html", {
        "projects": project_service.all_projects(session), "groups": groups,
        "task_names": project_service.TASK_TYPES,
        "module_titles": {m.slug: m.title for m in modules}})


@router.post("/admin/projects", dependencies=[CsrfChecked])
def admin_project_save(request: Request, admin: AdminPageUser, session: SessionDep,
                       settings: SettingsDep, form: RequestForm) -> Response:
    """Save an admin's requirements (kept across content loads), or return to the file's version."""
    slug = str(form.get("slug") or "")[:80]
    try:
        project = project_service.project_by_slug(session, slug, include_retired=True)
    except NotFound:
        return _redirect("/admin/projects", settings, N_("No such project."), "error")
    anchor = f"/admin/projects#project-{project.slug}"
    if form.get("action") == "reset":
        project_service.release_to_content(session, project=project)
        return _redirect(anchor, settings,
                         N_("The project follows content/projects.yaml again from the next content load."))
    level = str(form.get("certificate_level") or "")
    min_practice: dict[str, float] = {}
    for task_type in project_service.TASK_TYPES:
        raw = str(form.get(f"min_{task_type}") or "").strip()
        if raw:
            try:
                min_practice[task_type] = float(raw)
            except ValueError:
                return _redirect(anchor, settings, N_("Minimum scores are numbers from 0 to 100."), "error")
    requirements = {"certificate_level": int(level) if level in ("1", "2") else None,
                    "modules": [str(m)[:80] for m in form.getlist("modules")][:40],
                    "min_practice": min_practice}
    try:
        project_service.update_project(session, project=project, requirements=requirements,
                                       active=form.get("active") == "on")
    except (AppError, ValueError):
        session.rollback()
        return _redirect(anchor, settings, N_("The requirements are not valid."),
                         "error")
    return _redirect(anchor, settings, N_("The project was saved. Content loads keep this edit."))


# ---- the PDF --------------------------------------------------------------------------------

NAVY = (31, 42, 107)
GOLD = (176, 141, 60)
INK = (27, 31, 42)
MUTED = (91, 100, 117)
SEAL_RED = (200, 38, 38)


def _fonts_dir() -> Any:
    from pathlib import Path

    return Path(__file__).resolve().parent.parent / "static" / "fonts"


def build_pdf(context: dict[str, Any], locale: str) -> bytes:
    """Draw the certificate on an A4 page with fpdf2 (layout mirrors the HTML certificate)."""
    from fpdf import FPDF

    logging.getLogger("fontTools").setLevel(logging.ERROR)
    i18n.current_locale.set(locale)
    cert: Certificate = context["cert"]
    fonts = _fonts_dir()
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.add_font("Gothic", "", str(fonts / "NanumGothic.ttf"))
    pdf.add_font("Gothic", "B", str(fonts / "NanumGothicBold.ttf"))
    pdf.add_font("Myeongjo", "B", str(fonts / "NanumMyeongjoBold.ttf"))
    pdf.set_fallback_fonts(["Gothic"], exact_match=False)  # Latin accents and hanja in names
    pdf.set_title(f"{_('Certificate')} {cert.number}")
    pdf.set_author("AIDE Academy")
    pdf.set_creator("AIDE Academy")
    pdf.set_subject(context["verify_url"])
    pdf.add_page()
    width = 210.0

    # Security-paper background: fine concentric rings, then the double frame with corner marks.
    pdf.set_draw_color(234, 238, 250)
    pdf.set_line_width(0.15)
    for radius in range(12, 92, 3):
        pdf.circle(x=width / 2, y=148, radius=radius, style="D")
    pdf.set_draw_color(*NAVY)
    pdf.set_line_width(1.2)
    pdf.rect(8, 8, width - 16, 281)
    pdf.set_draw_color(*GOLD)
    pdf.set_line_width(0.4)
    pdf.rect(11, 11, width - 22, 275)
    pdf.set_fill_color(*GOLD)
    for cx, cy in ((11, 11), (width - 11, 11), (11, 286), (width - 11, 286)):
        pdf.polygon([(cx, cy - 2.2), (cx + 2.2, cy), (cx, cy + 2.2), (cx - 2.2, cy)], style="F")

    def centered(y: float, text: str, font: str, style: str, size: float, color: tuple[int, int, int],
                 spacing: float = 0) -> None:
        pdf.set_font(font, style, size)
        pdf.set_text_color(*color)
        pdf.set_char_spacing(spacing)
        pdf.set_xy(15, y)
        pdf.cell(width - 30, size * 0.45, text, align="C")
        pdf.set_char_spacing(0)

    # Header: number and issuer.
    pdf.set_font("Gothic", "", 9)
    pdf.set_text_color(*MUTED)
    pdf.set_xy(18, 17)
    pdf.cell(90, 5, _("No. %(number)s", number=cert.number))
    pdf.set_xy(width - 108, 17)
    pdf.cell(90, 5, "AIDE Academy", align="R")

    # Emblem: a laurel of gold leaves around a navy medallion with gold rings and the level.
    cx, cy = width / 2, 44
    pdf.set_fill_color(*GOLD)
    for side in (-1, 1):
        for step in range(8):
            angle = side * (41 + 15 * step)
            with pdf.rotation(angle=-angle, x=cx, y=cy), pdf.rotation(angle=-side * 28, x=cx, y=cy - 16.6):
                pdf.ellipse(cx - 2.3, cy - 17.5, 4.6, 1.8, style="F")
    pdf.set_fill_color(*NAVY)
    pdf.circle(x=cx, y=cy, radius=14, style="F")
    pdf.set_draw_color(*GOLD)
    pdf.set_line_width(0.8)
    pdf.circle(x=cx, y=cy, radius=12.2, style="D")
    pdf.set_line_width(0.25)
    pdf.circle(x=cx, y=cy, radius=14.8, style="D")
    pdf.set_font("Gothic", "B", 8.5)
    pdf.set_text_color(255, 255, 255)
    pdf.set_char_spacing(1)
    pdf.set_xy(cx - 12, cy - 7.5)
    pdf.cell(24, 4, "AIDE", align="C")
    pdf.set_char_spacing(0)
    pdf.set_font("Myeongjo", "B", 17)
    pdf.set_text_color(236, 214, 150)
    pdf.set_xy(cx - 12, cy - 3.2)
    pdf.cell(24, 8, _("Level %(level)s", level=cert.level), align="C")

    centered(64, _("Certificate"), "Myeongjo", "B", 34, NAVY, spacing=6)
    centered(82, "AI DATA EXPERT", "Gothic", "B", 9, GOLD, spacing=3)

    # The holder and the qualification.
    rows = [
        (_("Name"), cert.holder_name, True),
        (_("Qualification"), f"{context['level_name']} · {_('AI Data Expert')}", False),
        (_("Date of issue"), context["issued"], False),
        (_("Valid until"), context["valid_until"], False),
        (_("Scores"), " · ".join(f"{r['title']} {r['score']}" for r in context["sections"]), False),
    ]
    y = 98.0
    for label, value, big in rows:
        pdf.set_font("Gothic", "B", 10.5)
        pdf.set_text_color(*MUTED)
        pdf.set_xy(38, y)
        pdf.cell(34, 8, label)
        font, style, size = ("Myeongjo", "B", 17.0) if big else ("Gothic", "", 11.5)
        pdf.set_font(font, style, size)
        while size > 8 and pdf.get_string_width(value) > 102:  # long names and many sections still fit
            size -= 0.5
            pdf.set_font(font, style, size)
        pdf.set_text_color(*INK)
        if pdf.get_string_width(value) > 102:  # still too long: wrap (at most three lines)
            pdf.set_xy(74, y - 1)
            pdf.multi_cell(104, 3.6, value, align="L", max_line_height=3.6)
        else:
            pdf.set_xy(74, y)
            pdf.cell(104, 8, value)
        pdf.set_draw_color(218, 222, 232)
        pdf.set_line_width(0.2)
        pdf.line(38, y + 9, 176, y + 9)
        y += 12.5

    # The statement, the date and the issuer with its red seal.
    pdf.set_font("Gothic", "", 12)
    pdf.set_text_color(*INK)
    pdf.set_xy(32, 168)
    pdf.multi_cell(width - 64, 8, _("This certifies that the person named above passed the %(level)s examination "
                                    "held by AIDE Academy and has the skills of an AI data labeler.",
                                    level=context["level_name"]), align="C")
    centered(200, context["issued"], "Gothic", "", 12, INK)
    issuer = _("President of AIDE Academy")
    centered(214, issuer, "Myeongjo", "B", 17, INK, spacing=1.5)
    pdf.set_font("Myeongjo", "B", 17)
    pdf.set_char_spacing(1.5)
    issuer_width = pdf.get_string_width(issuer)
    pdf.set_char_spacing(0)
    # The red seal is stamped over the end of the issuer's name, as on Korean certificates.
    sx, sy = min(width / 2 + issuer_width / 2 - 5, width - 42), 207.5
    with pdf.rotation(angle=-6, x=sx + 10, y=sy + 10), pdf.local_context(fill_opacity=0.9, stroke_opacity=0.9):
        pdf.set_draw_color(*SEAL_RED)
        pdf.set_line_width(1.1)
        pdf.rect(sx, sy, 20, 20, style="D")
        pdf.set_line_width(0.3)
        pdf.rect(sx + 1.4, sy + 1.4, 17.2, 17.2, style="D")
        pdf.set_text_color(*SEAL_RED)
        for index, (line, size) in enumerate((("AIDE", 8.5), ("아카데미", 7.4), ("인", 9))):
            pdf.set_font("Myeongjo", "B", size)
            pdf.set_xy(sx, sy + 2.6 + index * 5)
            pdf.cell(20, 4.6, line, align="C")

    # Verification band: QR code as vector squares, the URL and the credential facts.
    pdf.set_draw_color(*GOLD)
    pdf.set_line_width(0.3)
    pdf.line(18, 240, width - 18, 240)
    matrix = qr_matrix(context["verify_url"])
    qx, qy, qsize = 20.0, 245.0, 32.0
    module = qsize / len(matrix)
    pdf.set_fill_color(17, 17, 17)
    for row_index, row in enumerate(matrix):
        for start, length in _runs(row):
            pdf.rect(qx + start * module, qy + row_index * module, length * module + 0.02, module + 0.02, style="F")
    tx = qx + qsize + 7
    facts = [
        (_("Verify this certificate"), "Gothic", "B", 10.5, INK),
        (context["verify_url"], "Gothic", "", 9, NAVY),
        (f"{_('Certificate number')}: {cert.number}", "Gothic", "", 8.5, MUTED),
        (f"{_('Exam')}: {cert.blueprint_slug} · {_('Content version')}: {context['content_version']}",
         "Gothic", "", 8.5, MUTED),
        (_("Digitally signed: Ed25519 · W3C Verifiable Credential 2.0 / Open Badges 3.0"), "Gothic", "", 8.5, MUTED),
    ]
    y = qy + 1
    for text, font, style, size, color in facts:
        pdf.set_font(font, style, size)
        pdf.set_text_color(*color)
        pdf.set_xy(tx, y)
        pdf.cell(width - tx - 20, 5, text)
        y += 6.2

    # A revoked or expired certificate carries a large stamp across the page.
    if context["status"] != "valid":
        label = _(STATUS_LABELS[context["status"]])
        color = SEAL_RED if context["status"] == "revoked" else (183, 121, 31)
        with pdf.rotation(angle=28, x=width / 2, y=140), pdf.local_context(fill_opacity=0.25,
                                                                                 stroke_opacity=0.55):
            pdf.set_draw_color(*color)
            pdf.set_line_width(1.6)
            pdf.rect(width / 2 - 42, 123, 84, 34, style="D")
            pdf.set_font("Gothic", "B", 54)
            pdf.set_text_color(*color)
            pdf.set_char_spacing(4)
            pdf.set_xy(width / 2 - 42, 127)
            pdf.cell(84, 26, label, align="C")
            pdf.set_char_spacing(0)
    return bytes(pdf.output())
