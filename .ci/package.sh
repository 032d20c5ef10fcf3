#!/bin/bash
# Packaging stage of CI (issue 8): build the .deb and the .tar.gz from an existing build dir, install the .deb
# on this machine, run the installed server (systemd if it runs here, else directly as the service user),
# then check the installed client against it: log in, register a case, sync, see it on the server.
# Usage: bash .ci/package.sh [build-dir]   (run as root, after the README test command built everything)
set -euo pipefail
BUILD=${1:-build}
PORT=18443
CONF=/etc/gridwhistle/server.conf
step() { echo; echo "=== package: $*"; }

# A machine this script ran on before keeps that run's server data (packages never delete it); start clean.
if [ -e /var/lib/gridwhistle/.ci-package-smoke ]; then
    rm -rf /var/lib/gridwhistle /etc/gridwhistle
fi
if [ -e /var/lib/gridwhistle/server.sqlite ]; then
    echo "/var/lib/gridwhistle holds a real GridWhistle server database; run this on a CI machine, not a server."; exit 1
fi

step "tools"
apt-get install -y --no-install-recommends curl jq dpkg-dev file >/dev/null

step "cpack DEB and TGZ"
rm -f "$BUILD"/gridwhistle_*.deb "$BUILD"/gridwhistle-*.tar.gz
(cd "$BUILD" && cpack -G DEB && cpack -G TGZ)
DEB=$(ls "$BUILD"/gridwhistle_*.deb)
TGZ=$(ls "$BUILD"/gridwhistle-*.tar.gz)
dpkg-deb --info "$DEB"
LISTING=$(tar tzf "$TGZ")  # listed once: grep -q on a pipe would cut tar off (SIGPIPE under pipefail)
for f in bin/gridwhistle bin/gridwhistle-server share/applications/gridwhistle.desktop; do
    grep -q "/$f\$" <<< "$LISTING" || { echo "tarball lacks $f"; exit 1; }
done
echo "tarball: $(wc -l <<< "$LISTING") entries"

step "install the .deb"
apt-get install -y "$(realpath "$DEB")"
gridwhistle --version
gridwhistle-server --version
test -f /usr/share/applications/gridwhistle.desktop
test -f /usr/share/icons/hicolor/256x256/apps/gridwhistle.png
test -f /lib/systemd/system/gridwhistle-server.service
test -f "$CONF" && [ "$(stat -c %a "$CONF")" = 640 ]
getent passwd gridwhistle >/dev/null

step "configure and start the installed server"
sed -i "s/^GW_SERVER_PORT=.*/GW_SERVER_PORT=$PORT/" "$CONF"
LOG=/tmp/gw-installed-server.log
if [ -d /run/systemd/system ]; then
    systemctl restart gridwhistle-server
    for i in $(seq 1 60); do journalctl -u gridwhistle-server --no-pager > "$LOG"; grep -q "listening on" "$LOG" && break; sleep 1; done
    MODE=systemd
else
    # No systemd here (a container): start it the way the unit does, as the service user with the same settings.
    set -a; . "$CONF"; set +a
    runuser -u gridwhistle -- /usr/bin/gridwhistle-server --data-dir /var/lib/gridwhistle > /tmp/gw-installed-server.out 2> "$LOG" &
    SERVER_PID=$!
    trap 'kill $SERVER_PID 2>/dev/null || true' EXIT
    for i in $(seq 1 60); do grep -q "listening on" "$LOG" && break; sleep 1; done
    MODE=direct
fi
cat "$LOG"
grep -q "listening on https://127.0.0.1:$PORT" "$LOG" || { echo "installed server did not start"; exit 1; }
echo "installed server runs ($MODE)"
touch /var/lib/gridwhistle/.ci-package-smoke  # this run's data: a later run may remove it, even if this one fails

CA=/var/lib/gridwhistle/dev-cert.pem
URL=https://127.0.0.1:$PORT
ADMIN_PASSWORD=$(sed -n 's/.*initial account "admin" with password \([^ ]*\) .*/\1/p' "$LOG" | head -1)
[ -n "$ADMIN_PASSWORD" ] || { echo "no initial admin password in the log"; exit 1; }
api() { curl -sS --fail-with-body --cacert "$CA" -H 'Content-Type: application/json' "$@"; }
ADMIN_TOKEN=$(api -d "{\"user\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" "$URL/api/v1/login" | jq -r .token)

step "the initial admin password opens nothing but its own change"
STATUS=$(curl -sS -o /dev/null -w '%{http_code}' --cacert "$CA" -H "Authorization: Bearer $ADMIN_TOKEN" "$URL/api/v1/stats")
[ "$STATUS" = 403 ] || { echo "expected 403 password_change_required before the change, got $STATUS"; exit 1; }
ADMIN_OWN_PASSWORD="Admin-$(date +%s)-Own"
ADMIN_TOKEN=$(api -H "Authorization: Bearer $ADMIN_TOKEN" \
    -d "{\"current\":\"$ADMIN_PASSWORD\",\"new\":\"$ADMIN_OWN_PASSWORD\"}" "$URL/api/v1/me/password" | jq -r .token)
[ -n "$ADMIN_TOKEN" ] && [ "$ADMIN_TOKEN" != null ] || { echo "admin password change failed"; exit 1; }

step "an operator account, made by the administrator over the API"
SMOKE_PASSWORD="Smoke-$(date +%s)-Pw"
api -H "Authorization: Bearer $ADMIN_TOKEN" \
    -d "{\"id\":\"smoke.dispatcher\",\"name\":\"安装检查调度员\",\"role\":\"center_dispatcher\",\"orgUnit\":\"center.district\",\"password\":\"$SMOKE_PASSWORD\"}" \
    "$URL/api/v1/users" | jq -c .user
EVENTS_BEFORE=$(api -H "Authorization: Bearer $ADMIN_TOKEN" "$URL/api/v1/stats" | jq .events)

step "installed client, offscreen: log in, register, sync, find the case on the server"
SHOT=$(mktemp -d)/installed-client.png
QT_QPA_PLATFORM=offscreen GW_PASSWORD="$SMOKE_PASSWORD" \
    gridwhistle --check-install "$URL" --ca "$CA" --user smoke.dispatcher --screenshot "$SHOT"
test -s "$SHOT"

step "the server sees it"
EVENTS_AFTER=$(api -H "Authorization: Bearer $ADMIN_TOKEN" "$URL/api/v1/stats" | jq .events)
echo "server events: $EVENTS_BEFORE -> $EVENTS_AFTER"
[ "$EVENTS_AFTER" -gt "$EVENTS_BEFORE" ]
if grep -q -e "$SMOKE_PASSWORD" -e "$ADMIN_OWN_PASSWORD" "$LOG" /var/lib/gridwhistle/server.sqlite* 2>/dev/null; then
    echo "a password appears in clear in the server log or database"; exit 1
fi

step "online backup with the installed server running"
runuser -u gridwhistle -- /usr/bin/gridwhistle-server backup --data-dir /var/lib/gridwhistle \
    --output /var/lib/gridwhistle/backup-ci.sqlite

step "remove the package: the data stays"
if [ "$MODE" = systemd ]; then systemctl stop gridwhistle-server; else kill "$SERVER_PID"; wait "$SERVER_PID" || true; fi
touch /var/lib/gridwhistle/.ci-package-smoke
apt-get purge -y gridwhistle
test -f /var/lib/gridwhistle/server.sqlite
test ! -e /usr/bin/gridwhistle
test ! -e "$CONF"
echo "package stage passed"
