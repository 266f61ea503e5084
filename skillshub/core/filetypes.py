"""What an uploaded file really is, decided by its content, never by its name.

A renamed executable must not reach members as "a PDF": the bytes decide. Office formats are
ZIP containers, so they are opened and their members inspected.
"""

from __future__ import annotations

import io
import zipfile
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
GIF = "image/gif"
WEBP = "image/webp"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

ALLOWED: dict[str, str] = {
    PDF: "PDF",
    PNG: "PNG",
    JPEG: "JPEG",
    GIF: "GIF",
    WEBP: "WebP",
    ODT: "ODT",
    ODS: "ODS",
    DOCX: "DOCX",
    XLSX: "XLSX",
}

# A ZIP member list longer than this is not an office document we accept (zip bombs).
_MAX_ZIP_MEMBERS = 10_000
# A spreadsheet's XML packs about 5 to 30 times. An archive whose members unpack to more than
# this many times its size (past a floor that any real file stays under) is a zip bomb.
ZIP_MAX_RATIO = 100
ZIP_RATIO_FLOOR = 50 * 1024 * 1024


def _sniff_zip(fileobj: IO[bytes]) -> str | None:
    try:
        with zipfile.ZipFile(fileobj) as archive:
            infos = archive.infolist()
            if len(infos) > _MAX_ZIP_MEMBERS:
                return None
            names = {info.filename for info in infos}
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                if mimetype in (ODT, ODS):
                    return mimetype
                return None
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return DOCX
                if "xl/workbook.xml" in names:
                    return XLSX
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, RuntimeError):
        return None
    return None


def zip_bomb(data: bytes) -> bool:
    """Whether a ZIP (an XLSX to be read) would unpack to far more than its size.

    The sizes come from the archive's directory; Python's zipfile never unpacks a member past
    its recorded size, so they bound what a reader can be made to inflate. A damaged archive is
    not judged here: the reader reports it.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            inflated = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return inflated > max(ZIP_MAX_RATIO * len(data), ZIP_RATIO_FLOOR)


def _image_ok(fileobj: IO[bytes]) -> bool:
    """Whether the bytes decode as an image: an image header glued to HTML or a script is not
    one. Pillow also refuses a decompression bomb (far more pixels than any photo)."""
    from PIL import Image

    fileobj.seek(0)
    try:
        with Image.open(fileobj) as image:
            image.verify()
    except Exception:  # Pillow raises many kinds of error for a file that is not an image
        return False
    return True


def _image(fileobj: IO[bytes], content_type: str) -> str | None:
    return content_type if _image_ok(fileobj) else None


def sniff(fileobj: IO[bytes]) -> str | None:
    """The MIME type of an allowed kind of file, read from its bytes; ``None`` for the rest.

    The file position is restored, so the caller can still save the file.
    """
    start = fileobj.tell()
    try:
        fileobj.seek(0)
        head = fileobj.read(16)
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return _image(fileobj, PNG)
        if head.startswith(b"\xff\xd8\xff"):
            return _image(fileobj, JPEG)
        if head.startswith((b"GIF87a", b"GIF89a")):
            return _image(fileobj, GIF)
        if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
            return _image(fileobj, WEBP)
        if head.startswith(b"PK\x03\x04"):
            fileobj.seek(0)
            return _sniff_zip(fileobj)
        return None
    finally:
        fileobj.seek(start)


def validate_upload(file: Any, *, max_bytes: int | None = None) -> str:
    """Refuse an empty, oversized or disallowed file; return its sniffed MIME type.

    ``max_bytes`` defaults to the limit for team documents (``TEAM_DOCUMENT_MAX_BYTES``).
    """
    size = getattr(file, "size", None)
    if not size:
        raise ValidationError(_("The file is empty."), code="empty")
    limit = max_bytes if max_bytes is not None else settings.TEAM_DOCUMENT_MAX_BYTES
    if size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    content_type = sniff(file)
    if content_type is None:
        raise ValidationError(
            _(
                "This type of file is not accepted: its content is not a PDF, DOCX, ODT, "
                "XLSX, ODS or an image (PNG, JPEG, GIF, WebP), whatever its name says."
            ),
            code="file_type",
        )
    return content_type
