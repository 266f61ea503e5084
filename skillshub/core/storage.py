"""The default file storage: nothing half-written, and a full disk is a form error.

Django's ``FileSystemStorage`` leaves the part it managed to write when the disk fills up
mid-file, and lets the ``OSError`` through as a 500. Every upload in Skills Hub is saved by a
service inside its transaction and every view already puts a service's ``ValidationError``
back on the form, so turning "no space left" into a ``ValidationError`` here gives every upload
form the same clean error, with no row written (the transaction rolls back) and no partial file
left on the disk.
"""

from __future__ import annotations

import errno
import logging
import os
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# The disk is full, the quota is used up, or the storage is mounted read-only (as a shared
# NFS mount falls back to when its server has trouble): the user can only try again later.
STORAGE_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS})


class StorageFull(ValidationError):
    """The file could not be stored for lack of space (or a read-only storage).

    A ``ValidationError``, so that the view that called the service shows it on the form like
    any other refusal; ``os_error`` keeps the cause for the log.
    """

    def __init__(self, os_error: OSError) -> None:
        super().__init__(
            _(
                "The file could not be saved because the server's file storage is full or "
                "unavailable. Nothing has been saved. Please try again later or tell the office."
            ),
            code="storage_full",
        )
        self.os_error = os_error


def is_storage_full(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in STORAGE_FULL_ERRNOS


class SafeFileSystemStorage(FileSystemStorage):
    """``FileSystemStorage`` that removes what it half-wrote and reports a full disk cleanly."""

    def _save(self, name: str, content: Any) -> str:
        full_path = self.path(name)
        # Storage.save() picked a free name; remember whether something was there anyway (a
        # race with another upload) so that only our own partial file is ever removed.
        existed = os.path.lexists(full_path)
        try:
            return str(super()._save(name, content))  # type: ignore[misc]  # not in the stubs
        except OSError as exc:
            if not existed and not isinstance(exc, FileExistsError):
                self._remove_partial(full_path)
            if is_storage_full(exc):
                logger.error("Upload %s not stored: %s", name, exc)
                raise StorageFull(exc) from exc
            raise

    @staticmethod
    def _remove_partial(full_path: str) -> None:
        try:
            os.remove(full_path)
        except FileNotFoundError:
            pass
        except OSError as exc:  # a read-only disk cannot delete either: say so, keep going
            logger.error("Could not remove the partial file %s: %s", full_path, exc)
