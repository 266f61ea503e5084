import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

if os.environ.get("SEARCH_WARM_UP", "1") != "0":
    # The first search would otherwise wait seconds for the Polish dictionary to load.
    from skillshub.core.search.text import warm_up

    warm_up()
