"""The ``aide`` console command: database, users, content, demo data, serving."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Annotated

import typer

from app.config import Settings

cli = typer.Typer(help="AIDE Academy administration.", no_args_is_help=True,
                  pretty_exceptions_enable=False)
db_cli = typer.Typer(help="Database migrations.", no_args_is_help=True)
user_cli = typer.Typer(help="Accounts.", no_args_is_help=True)
content_cli = typer.Typer(help="Authored content in content/.", no_args_is_help=True)
cli.add_typer(db_cli, name="db")
cli.add_typer(user_cli, name="user")
cli.add_typer(content_cli, name="content")
exams_cli = typer.Typer(help="Exams.", no_args_is_help=True)
cli.add_typer(exams_cli, name="exams")
certificates_cli = typer.Typer(help="Certificates: offline verification.", no_args_is_help=True)
cli.add_typer(certificates_cli, name="certificates")

DEMO_ACCOUNTS = (
    ("trainee@example.com", "Demo Trainee", "trainee"),
    ("instructor@example.com", "Demo Instructor", "instructor"),
    ("admin@example.com", "Demo Admin", "admin"),
)


def _session_factory(settings: Settings):  # type: ignore[no-untyped-def]
    from app.db import make_engine, make_sessionmaker

    return make_sessionmaker(make_engine(settings.database_url))


@db_cli.command("upgrade")
def db_upgrade(revision: str = "head") -> None:
    """Migrate the database to the newest (or given) revision."""
    from app import migrate

    migrate.upgrade(Settings().database_url, revision)
    typer.echo("database is at " + revision)


@db_cli.command("downgrade")
def db_downgrade(revision: str) -> None:
    """Migrate the database down to a revision ('base' empties it)."""
    from app import migrate

    migrate.downgrade(Settings().database_url, revision)


@user_cli.command("create")
def user_create(
    email: Annotated[str, typer.Option(help="Login email")],
    role: Annotated[str, typer.Option(help="trainee | instructor | admin")] = "trainee",
    name: Annotated[str | None, typer.Option(help="Display name")] = None,
    password: Annotated[str | None, typer.Option(help="Password (generated if omitted)")] = None,
    locale: Annotated[str, typer.Option(help="ko | en")] = "ko",
) -> None:
    """Create an account from the shell and print its password."""
    from app.accounts import service
    from app.accounts.models import Role
    from app.errors import AppError

    try:
        role_value = Role(role)
    except ValueError:
        typer.echo(f"error: role must be one of {', '.join(r.value for r in Role)}", err=True)
        raise typer.Exit(2) from None
    password = password or secrets.token_urlsafe(12)
    factory = _session_factory(Settings())
    with factory() as session:
        try:
            user = service.create_user(session, email=email, display_name=name or email.split("@")[0],
                                       password=password, locale=locale, role=role_value)
            session.commit()
        except AppError as exc:
            typer.echo(f"error: {exc.message}", err=True)
            raise typer.Exit(1) from None
        typer.echo(f"created {user.role.value} {user.email} with password: {password}")


def ensure_demo_accounts(settings: Settings) -> list[tuple[str, str, str | None]]:
    """Create the demo accounts that do not exist yet; return (email, role, new password)."""
    from app.accounts import service
    from app.accounts.models import Role

    factory = _session_factory(settings)
    # Generated passwords are kept beside the database so a second run can print them again.
    notes = settings.key_dir / "aide-demo-accounts.txt"
    known = dict(line.split(" ", 1) for line in notes.read_text().splitlines()
                 if " " in line) if notes.exists() else {}
    out: list[tuple[str, str, str | None]] = []
    with factory() as session:
        for email, name, role in DEMO_ACCOUNTS:
            if service.get_user_by_email(session, email) is not None:
                out.append((email, role, known.get(email)))
                continue
            password = f"{role}-{secrets.token_hex(4)}"
            service.create_user(session, email=email, display_name=name, password=password,
                                role=Role(role))
            known[email] = password
            out.append((email, role, password))
        session.commit()
    notes.write_text("".join(f"{email} {pw}\n" for email, pw in known.items()))
    notes.chmod(0o600)
    return out


@cli.command("demo")
def demo() -> None:
    """Create demo accounts (trainee, instructor, admin) unless they exist; print passwords."""
    for email, role, password in ensure_demo_accounts(Settings()):
        shown = password if password else "(already exists)"
        typer.echo(f"  {role:<10} {email:<26} {shown}")


@cli.command("setup")
def setup() -> None:
    """Migrate, load content/ and create demo accounts: everything `aide serve` needs."""
    settings = Settings()
    db_upgrade("head")
    _load_content(settings)
    typer.echo("demo accounts:")
    demo()


def _load_content(settings: Settings) -> None:
    try:
        from app.content import loader
    except ImportError:  # the content loader lands with the courses domain
        return
    factory = _session_factory(settings)
    with factory() as session:
        report = loader.load_all(session, settings.content_dir)
        session.commit()
    typer.echo(report.summary())


@content_cli.command("validate")
def content_validate(
    path: Annotated[Path | None, typer.Argument(help="content folder")] = None,
) -> None:
    """Check every content file; print problems as path:line: message and exit 1."""
    from app.content import loader

    problems = loader.validate(path or Settings().content_dir)
    for problem in problems:
        typer.echo(str(problem))
    if problems:
        typer.echo(f"{len(problems)} problem(s)", err=True)
        raise typer.Exit(1)
    typer.echo("content is valid")


@content_cli.command("load")
def content_load(
    path: Annotated[Path | None, typer.Argument(help="content folder")] = None,
) -> None:
    """Load (upsert) the content into the database; learner progress is never deleted."""
    settings = Settings()
    if path is not None:
        settings = settings.model_copy(update={"content_dir": path})
    _load_content(settings)


@exams_cli.command("sweep")
def exams_sweep() -> None:
    """Grade every open attempt whose deadline has passed (run it from cron every minute)."""
    from app.exams import service

    factory = _session_factory(Settings())
    with factory() as session:
        count = service.sweep(session)
        session.commit()
    typer.echo(f"finalised {count} expired attempt(s)")


@cli.command("serve")
def serve(host: str = "127.0.0.1", port: int = 8000, workers: int = 1,
          reload: bool = False) -> None:
    """Serve the site with uvicorn."""
    import uvicorn

    uvicorn.run("app.main:app", host=host, port=port, workers=workers, reload=reload,
                proxy_headers=True)


@certificates_cli.command("verify")
def certificates_verify(
    file: Annotated[Path, typer.Argument(help="a credential JSON file (Download credential)")],
    did_document: Annotated[Path | None, typer.Option(
        "--did-document", help="the issuer's did.json (from /.well-known/did.json); default: this installation's key")
    ] = None,
) -> None:
    """Check a certificate credential's Ed25519 signature offline; exit 1 when it is not valid."""
    import json

    from app.certificates import service as certificate_service

    def invalid(reason: str) -> typer.Exit:
        typer.echo(f"INVALID: {reason}")
        return typer.Exit(1)

    try:
        credential = json.loads(file.read_text(encoding="utf-8"))
        document = json.loads(did_document.read_text(encoding="utf-8")) if did_document else None
    except (OSError, ValueError) as exc:
        raise invalid(f"cannot read the file ({exc})") from None
    if not isinstance(credential, dict) or (document is not None and not isinstance(document, dict)):
        raise invalid("not a credential (a JSON object is expected)")
    if not isinstance(credential.get("proof"), dict):
        raise invalid("the credential has no proof (it is not signed)")
    if not certificate_service.verify_credential(credential, document, Settings()):
        raise invalid("the signature does not match this document and issuer key (changed or forged)")
    issuer = credential.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    number = (credential.get("aide") or {}).get("number", "?")
    typer.echo(f"valid: signature verified (issuer {issuer_id}, number {number})")
    typer.echo(f"  valid until {credential.get('validUntil')}; revocation status: "
               f"{(credential.get('credentialStatus') or {}).get('id', 'unknown')}")


def main() -> None:
    cli(prog_name="aide")


if __name__ == "__main__":
    main()
