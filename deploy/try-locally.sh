#!/usr/bin/env bash
# Run the deployment example on this machine: a scratch PostgreSQL database, TWO gunicorn app
# processes and a task worker on loopback, nginx on loopback in front (its own config under a
# temporary directory; the system nginx is not touched). Then request /healthz/ and / through
# nginx, check both app processes served requests, and stop everything.
#   PG_ADMIN_URL  a role that may create databases (default: the local skillshub role)
#   REQUESTS      requests per URL through nginx (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=$PWD/.venv/bin/python
PG_ADMIN_URL=${PG_ADMIN_URL:-postgres://skillshub:skillshub@127.0.0.1:5432/postgres}
REQUESTS=${REQUESTS:-20}
DB=skillshub_deploy_check_$$
WORK=$(mktemp -d /tmp/skillshub-deploy.XXXXXX)
chmod 755 "$WORK"
PIDS=()

step() { printf '\n== %s\n' "$*"; }
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

NGINX=$(command -v nginx || true)
[ -z "$NGINX" ] && [ -x /usr/sbin/nginx ] && NGINX=/usr/sbin/nginx
if [ -z "$NGINX" ]; then
  step "installing nginx (Debian package)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq nginx >/dev/null || { apt-get update -qq && apt-get install -y -qq nginx >/dev/null; }
  NGINX=/usr/sbin/nginx
fi

cleanup() {
  set +e
  [ -f "$WORK/nginx.pid" ] && "$NGINX" -c "$WORK/nginx.conf" -p "$WORK" -s stop 2>/dev/null
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null; done
  psql -q "$PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS $DB" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

# The production profile, as deploy/skillshub.env.example sets it, but on plain HTTP loopback.
export SKILLSHUB_PROFILE=production DEBUG=0 SECURE_SSL_REDIRECT=0 LOG_LEVEL=ERROR
export SECRET_KEY=$(head -c 48 /dev/urandom | base64)
export ALLOWED_HOSTS=127.0.0.1,localhost
export DATABASE_URL=${PG_ADMIN_URL%/*}/$DB
export MEDIA_ROOT=$WORK/media STATIC_ROOT=$WORK/static
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend

step "PostgreSQL: scratch database $DB"
psql -q "$PG_ADMIN_URL" -c "CREATE DATABASE $DB"
psql -tA "$DATABASE_URL" -c "SELECT version()"

step "migrate, reference data, demo data, collectstatic (what a deploy runs once)"
started=$(date +%s)
"$PY" manage.py migrate --noinput -v0
"$PY" manage.py createcachetable
"$PY" manage.py load_region 08 >/dev/null
"$PY" manage.py load_reference >/dev/null
"$PY" manage.py seed_demo | tail -1
"$PY" manage.py collectstatic --noinput -v0
echo "done in $(( $(date +%s) - started ))s"

step "two app processes (gunicorn --preload, 1 worker each) and one task worker"
WEB1=$(free_port); WEB2=$(free_port); FRONT=$(free_port)
for port in "$WEB1" "$WEB2"; do
  .venv/bin/gunicorn config.wsgi --preload --bind "127.0.0.1:$port" --workers 1 \
    --log-level warning --access-logfile "$WORK/web-$port.access.log" &
  PIDS+=($!)
done
"$PY" manage.py task_worker >"$WORK/worker.log" 2>&1 &
PIDS+=($!)
for port in "$WEB1" "$WEB2"; do
  for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/healthz/" && break; sleep 0.2; done
  echo "app process on 127.0.0.1:$port: $(curl -s "http://127.0.0.1:$port/healthz/")"
done

step "nginx on 127.0.0.1:$FRONT in front of both"
# Running as root, nginx would hand its workers to "nobody"; keep the invoking user instead
# (loopback test only), so they can write the temporary directory.
cat >"$WORK/nginx.conf" <<NGINX
user $(id -un);
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    access_log $WORK/nginx-access.log;
    client_body_temp_path $WORK/client_body;
    proxy_temp_path $WORK/proxy;
    fastcgi_temp_path $WORK/fastcgi;
    uwsgi_temp_path $WORK/uwsgi;
    scgi_temp_path $WORK/scgi;
    upstream skillshub {
        server 127.0.0.1:$WEB1 max_fails=3 fail_timeout=10s;
        server 127.0.0.1:$WEB2 max_fails=3 fail_timeout=10s;
        keepalive 8;
    }
    server {
        listen 127.0.0.1:$FRONT;
        location /static/ { alias $WORK/static/; expires 1y; }
        location / {
            proxy_pass http://skillshub;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_next_upstream error timeout http_502 http_503;
            # Which app process answered: the check below counts them.
            add_header X-Upstream \$upstream_addr always;
        }
    }
}
NGINX
"$NGINX" -t -q -c "$WORK/nginx.conf" -p "$WORK"
"$NGINX" -c "$WORK/nginx.conf" -p "$WORK"

step "$REQUESTS requests each to /healthz/ and / through nginx"
fail=0
declare -A SERVED=()
for url in /healthz/ /; do
  for _ in $(seq "$REQUESTS"); do
    out=$(curl -s -o "$WORK/body" -D - -w '%{http_code}' "http://127.0.0.1:$FRONT$url")
    code=${out: -3}
    upstream=$(tr -d '\r' <<<"$out" | awk -F': ' 'tolower($1)=="x-upstream" {print $2}')
    SERVED[$upstream]=$(( ${SERVED[$upstream]:-0} + 1 ))
    if [ "$code" != 200 ]; then echo "FAIL $url answered $code via $upstream"; fail=1; fi
  done
  echo "$url: $REQUESTS x 200"
done
echo "healthz through nginx: $(curl -s "http://127.0.0.1:$FRONT/healthz/")"
static=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$FRONT/static/css/$(ls "$WORK/static/css" | head -1)")
echo "a static file served by nginx: $static"
[ "$static" = 200 ] || fail=1
for upstream in "${!SERVED[@]}"; do echo "served by $upstream: ${SERVED[$upstream]}"; done
for port in "$WEB1" "$WEB2"; do
  n=$(wc -l <"$WORK/web-$port.access.log")
  echo "access log of 127.0.0.1:$port: $n requests"
  [ "$n" -gt 0 ] || { echo "FAIL 127.0.0.1:$port served nothing"; fail=1; }
done
[ "${#SERVED[@]}" -eq 2 ] || { echo "FAIL expected 2 upstreams, saw ${#SERVED[@]}"; fail=1; }

step "one app process stopped: nginx sends everything to the other"
kill "${PIDS[0]}"; wait "${PIDS[0]}" 2>/dev/null || true
ok=0
for _ in $(seq 10); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$FRONT/healthz/")" = 200 ] && ok=$((ok + 1))
done
echo "/healthz/ with 127.0.0.1:$WEB1 down: $ok/10 answered 200"
[ "$ok" -eq 10 ] || fail=1

if [ "$fail" -ne 0 ]; then echo; echo "deploy check FAILED"; exit 1; fi
echo; echo "deploy check passed on $(. /etc/os-release; echo "$PRETTY_NAME"), $("$NGINX" -v 2>&1), $(.venv/bin/gunicorn --version)"
