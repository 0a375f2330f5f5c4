"""Every domain's models, imported in one place for Alembic and metadata checks."""

from app.accounts import models as accounts_models  # noqa: F401
from app.db import Base

__all__ = ["Base"]
