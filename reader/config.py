"""Where things live: the articles folder, the index folder, limits and user data.

Resolution order for every path: explicit argument, environment variable, default.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ARTICLES_ENV = "READER_ARTICLES"
INDEX_ENV = "READER_INDEX"
MODEL_ENV = "READER_MODEL"
MAX_FILE_MB_ENV = "READER_MAX_FILE_MB"
DATA_DIR_ENV = "READER_DATA_DIR"
#: "off" (or 0, no, false): the White House, the Kremlin... are not linked to their governments.
SEATS_ENV = "READER_SEATS"
#: "off" (or 0, no, false): a demonym ("Germans") is not counted as a mention of its country.
DEMONYMS_ENV = "READER_DEMONYMS"
#: "1" (or yes, on, true): follow links that leave the articles folder (see corpus.scan).
FOLLOW_LINKS_ENV = "READER_FOLLOW_LINKS"

#: Files larger than this are skipped with a warning (documented in README).
DEFAULT_MAX_FILE_MB = 20.0


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value) if value else None


@dataclass(frozen=True)
class Settings:
    articles_dir: Path
    index_dir: Path
    model: str | None = None
    entities: bool = True
    max_file_bytes: int = int(DEFAULT_MAX_FILE_MB * 1024 * 1024)
    extra: dict[str, str] = field(default_factory=dict)
    link_seats: bool = True  # "the White House" is the US government (READER_SEATS=off: its own)
    # "Germans" counts as a mention of Germany (READER_DEMONYMS=off: of the people only)
    link_demonyms: bool = True
    follow_links: bool = False  # links leaving the articles folder (READER_FOLLOW_LINKS=1)
    cluster: str | None = None  # a Dask scheduler's address: `reader index --cluster`

    @classmethod
    def resolve(
        cls,
        articles: str | Path | None = None,
        index: str | Path | None = None,
        model: str | None = None,
        entities: bool = True,
    ) -> Settings:
        articles_dir = Path(articles) if articles else _env_path(ARTICLES_ENV) or Path("articles")
        index_dir = Path(index) if index else _env_path(INDEX_ENV) or Path("index")
        max_mb = DEFAULT_MAX_FILE_MB
        raw = os.environ.get(MAX_FILE_MB_ENV)
        if raw:
            try:
                max_mb = float(raw)
            except ValueError:
                pass
            if not 0 < max_mb < 1e9:  # nan, inf, zero or less: the default
                max_mb = DEFAULT_MAX_FILE_MB
        return cls(
            articles_dir=articles_dir.expanduser().absolute(),
            index_dir=index_dir.expanduser().absolute(),
            model=model or os.environ.get(MODEL_ENV) or None,
            entities=entities,
            max_file_bytes=int(max_mb * 1024 * 1024),
            link_seats=_env_on(SEATS_ENV),
            link_demonyms=_env_on(DEMONYMS_ENV),
            follow_links=os.environ.get(FOLLOW_LINKS_ENV, "").strip().lower()
            in ("1", "yes", "on", "true"),
        )


def _env_on(name: str) -> bool:
    """A setting on unless its variable says off (off, 0, no, false)."""
    return os.environ.get(name, "on").strip().lower() not in ("off", "0", "no", "false")


def user_data_dir() -> Path:
    """The per-user folder for remembered positions and the user's alias file."""
    override = _env_path(DATA_DIR_ENV)
    if override:
        return override
    import platformdirs

    return Path(platformdirs.user_data_dir("reader", appauthor=False))
