"""Every domain's models, imported in one place for Alembic and metadata checks."""

from app.accounts import models as accounts_models  # noqa: F401
from app.certificates import models as certificates_models  # noqa: F401
from app.courses import models as courses_models  # noqa: F401
from app.db import Base
from app.exams import models as exams_models  # noqa: F401
from app.practice import models as practice_models  # noqa: F401

__all__ = ["Base"]
