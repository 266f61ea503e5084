"""Polish institution identifiers, validated with python-stdnum, with errors people can act on."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from stdnum.pl import nip, regon


def clean_digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def validate_nip(value: str) -> None:
    if not value:
        return
    try:
        nip.validate(value)
    except InvalidLength as exc:
        raise ValidationError(_("NIP must have 10 digits."), code="nip_length") from exc
    except InvalidChecksum as exc:
        raise ValidationError(
            _("This NIP has a wrong check digit. Check it for a typo."), code="nip_checksum"
        ) from exc
    except InvalidFormat as exc:
        raise ValidationError(_("NIP may contain digits only."), code="nip_format") from exc


def validate_regon(value: str) -> None:
    if not value:
        return
    try:
        regon.validate(value)
    except InvalidLength as exc:
        raise ValidationError(_("REGON must have 9 or 14 digits."), code="regon_length") from exc
    except InvalidChecksum as exc:
        raise ValidationError(
            _("This REGON has a wrong check digit. Check it for a typo."), code="regon_checksum"
        ) from exc
    except InvalidFormat as exc:
        raise ValidationError(_("REGON may contain digits only."), code="regon_format") from exc


def validate_krs(value: str) -> None:
    if not value:
        return
    if not value.isdigit():
        raise ValidationError(_("KRS may contain digits only."), code="krs_format")
    if len(value) != 10:
        raise ValidationError(_("KRS must have 10 digits."), code="krs_length")
