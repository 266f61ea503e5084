"""Which trained model the site codes with, and loading it once per process.

Models live in ``settings.OCCUPATION_CODER_DIR`` (shared storage when several app processes
and workers run: a retraining on one machine is picked up by all). Each is a file
``occupation-coder-<version>.joblib`` beside its JSON sidecar; the newest by ``trained_at``
is active. A process keeps the loaded model while the file it came from is unchanged, so the
check costs one directory listing and one ``stat``.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from .model import CoderModelError, OccupationCoder

PATTERN = "occupation-coder-*.joblib"


class CoderUnavailable(Exception):
    """No usable model: none trained yet, or the newest one is damaged. The message says what
    to do, in the user's language."""


@dataclass(frozen=True)
class ModelInfo:
    path: Path
    version: str
    metadata: dict[str, Any]

    @property
    def trained_at(self) -> str:
        return str(self.metadata.get("trained_at", ""))


def model_dir() -> Path:
    return Path(settings.OCCUPATION_CODER_DIR)


def available_models() -> list[ModelInfo]:
    """Every model with a readable sidecar, newest first."""
    found: list[ModelInfo] = []
    directory = model_dir()
    if not directory.is_dir():
        return found
    for path in directory.glob(PATTERN):
        try:
            metadata = json.loads(path.with_suffix(".json").read_text("utf-8"))
        except (OSError, ValueError):
            continue
        found.append(
            ModelInfo(path=path, version=str(metadata.get("version", "")), metadata=metadata)
        )
    found.sort(key=lambda m: (m.trained_at, m.version), reverse=True)
    return found


_lock = threading.Lock()
_loaded: dict[str, Any] = {}


def active_model_info() -> ModelInfo | None:
    models = available_models()
    return models[0] if models else None


def active_coder() -> OccupationCoder:
    """The newest model, loaded (and its checksum verified) once per process."""
    info = active_model_info()
    if info is None:
        raise CoderUnavailable(
            _(
                "No occupation coder has been trained yet. Run “python manage.py "
                "train_occupation_coder” (make run does it) or press “Retrain”."
            )
        )
    try:
        stamp = (str(info.path), info.path.stat().st_mtime_ns)
    except OSError as exc:
        raise CoderUnavailable(
            _("The model file cannot be read: %(error)s") % {"error": exc}
        ) from exc
    with _lock:
        if _loaded.get("stamp") == stamp:
            return _loaded["coder"]
        try:
            coder = OccupationCoder.load(info.path)
        except CoderModelError as exc:
            raise CoderUnavailable(
                _(
                    "The occupation coder model %(version)s is damaged (%(error)s). Train it "
                    "again: “python manage.py train_occupation_coder”."
                )
                % {"version": info.version, "error": exc}
            ) from exc
        _loaded.update(stamp=stamp, coder=coder)
        return coder


def forget_loaded() -> None:
    """Tests: drop the cached model."""
    with _lock:
        _loaded.clear()
