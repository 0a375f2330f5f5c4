"""Application errors: services raise these; one handler maps them to JSON or a page."""

from __future__ import annotations


class AppError(Exception):
    """An error a person can act on, with the HTTP status it maps to."""

    status_code = 400

    def __init__(self, message: str, status_code: int | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        if status_code is not None:
            self.status_code = status_code
        self.headers = headers or {}


class NotFound(AppError):
    status_code = 404


class Conflict(AppError):
    status_code = 409


class Unauthorized(AppError):
    status_code = 401


class Forbidden(AppError):
    status_code = 403


class Invalid(AppError):
    status_code = 422


class TooManyRequests(AppError):
    status_code = 429
