from django.utils import translation
from django.utils.translation import gettext

from scripts.check_translations import PO, problems


def test_every_polish_entry_is_translated():
    assert PO.exists()
    assert [p for p in problems() if not p.startswith("the .mo")] == []


def test_key_strings_render_in_polish():
    with translation.override("pl"):
        assert gettext("Skip to main content") == "Przejdź do treści"
        assert gettext("Page not found") == "Nie znaleziono strony"
        assert gettext("Join the network") == "Dołącz do sieci"
