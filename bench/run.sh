#!/usr/bin/env bash
# Benchmark: the directory (filtered, page 50) and an institution page against the framework's
# floor (/ping/, a view with no query or template), same server, same settings, one run.
# Loopback only, bounded in time. Results go to bench/results/latest.md.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
DURATION=${BENCH_DURATION:-15s}
CONNECTIONS=${BENCH_CONNECTIONS:-8}
WORKERS=${BENCH_WORKERS:-2}

if ! command -v wrk >/dev/null; then
  apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
fi

mkdir -p var/bench bench/results
if [ -z "${DATABASE_URL:-}" ]; then
  export SQLITE_PATH=${SQLITE_PATH:-$PWD/var/bench/bench.sqlite3}
fi
export DEBUG=0 SECRET_KEY=bench-only-not-secret ALLOWED_HOSTS=127.0.0.1,testserver LOG_LEVEL=ERROR
$PY manage.py migrate -v0
$PY manage.py createcachetable
$PY manage.py load_region 08 >/dev/null
$PY manage.py load_reference >/dev/null
$PY manage.py seed_scale
$PY manage.py seed_team_scale
$PY manage.py collectstatic --noinput -v0

PORT=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
DETAIL_ID=$($PY manage.py shell -c "from skillshub.stakeholders.models import Institution; print(Institution.objects.listed().order_by('pk').values_list('pk', flat=True)[5000])" 2>/dev/null | tail -1)
.venv/bin/gunicorn config.wsgi --preload -b 127.0.0.1:$PORT -w "$WORKERS" --log-level warning &
GUNICORN=$!
trap 'kill $GUNICORN 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/ping/" >/dev/null && break; sleep 0.2; done

declare -A URLS=(
  [floor]="/ping/"
  [directory]="/institutions/?kind=school&page=50"
  [institution]="/institutions/$DETAIL_ID/"
)
declare -A RPS P50 P99
for name in floor directory institution; do
  url="http://127.0.0.1:$PORT${URLS[$name]}"
  curl -sf -o /dev/null "$url"  # warm up, and fail early on an error
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$url")
  RPS[$name]=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  P50[$name]=$(awk '$1=="50%" {print $2}' <<<"$out")
  P99[$name]=$(awk '$1=="99%" {print $2}' <<<"$out")
  if grep -q "Non-2xx" <<<"$out"; then echo "$name: non-2xx responses"; grep Non-2xx <<<"$out"; exit 1; fi
done

backend=$($PY -c 'import os,django; os.environ.setdefault("DJANGO_SETTINGS_MODULE","config.settings"); django.setup(); from django.db import connection; print(connection.vendor)')
{
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $backend, gunicorn $WORKERS workers, wrk -t2 -c$CONNECTIONS -d$DURATION"
  echo
  echo "| page | URL | req/s | p50 | p99 | share of floor |"
  echo "|---|---|---|---|---|---|"
  for name in floor directory institution; do
    share=$(awk -v a="${RPS[$name]}" -v b="${RPS[floor]}" 'BEGIN {printf "%.0f%%", 100*a/b}')
    echo "| $name | \`${URLS[$name]}\` | ${RPS[$name]} | ${P50[$name]} | ${P99[$name]} | $share |"
  done
  echo
  $PY bench/querycount.py "${URLS[directory]}" "${URLS[institution]}"
} | tee bench/results/latest.md

# The WZK secretariat: query counts of the sitting page and the calendar, and the minutes PDF.
$PY bench/team.py | tee bench/results/team.md

# Matters at scale: query counts of the board and the list as office staff, and the list (signed
# in, with a session cookie) against the floor on the same server.
$PY manage.py seed_matters_scale
$PY bench/matters.py --port "$PORT" --duration "$DURATION" --connections "$CONNECTIONS" --workers "$WORKERS" | tee bench/results/matters.md

# The programme at scale: the public dashboard's queries and server time (anonymous and staff),
# and the monitoring report PDF of a closed round.
$PY manage.py seed_programme_scale
$PY bench/programme.py | tee bench/results/programme.md

# The portal at scale: 100,000 offers, 5,000 services, 20,000 events, 5,000 news items; the
# search page's latency over 50 Polish queries against a naive icontains scan in the same run,
# and the home and offer pages (anonymous) against the floor on the same server.
$PY manage.py seed_portal_scale
$PY bench/portal.py --port "$PORT" --duration "$DURATION" --connections "$CONNECTIONS" --workers "$WORKERS" | tee bench/results/portal.md

# Labour-market evidence: 2,911 occupations × 14 counties × 20 half-years of synthetic MZDiN
# counts (~815k rows) imported through the real import service (rows/s), one period computed
# at every level, the same aggregation in pandas in the same run, and the gap-analysis page.
$PY manage.py seed_labour_market_scale
$PY bench/labour_market.py | tee bench/results/labour_market.md
