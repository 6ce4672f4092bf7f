#!/usr/bin/env bash
# MySQL outage drill with a REAL server stop (docs/operations.md "Database outage"). For a dedicated
# staging machine only: it shuts the MySQL/MariaDB server down for everyone using it.
#
#   API_URL=http://127.0.0.1:3000 MYSQL_START='systemctl start mariadb' OUTAGE_SECONDS=20 \
#     scripts/mysql-outage-drill.sh
#
# Stops the server with `mysqladmin shutdown` (MYSQLADMIN_ARGS for credentials), waits OUTAGE_SECONDS,
# starts it with MYSQL_START, and meanwhile polls GET /health every 0.2 s. Prints how long the API
# took to report unhealthy, whether any answer was not 200/503 or took longer than 5 s, and how
# long it took to be healthy again once the server was back. The automated variant (a TCP proxy in
# place of the server, under write load) is test/e2e/database-outage.e2e-spec.ts.
set -euo pipefail

API_URL=${API_URL:-http://127.0.0.1:3000}
OUTAGE_SECONDS=${OUTAGE_SECONDS:-20}
MYSQL_START=${MYSQL_START:-systemctl start mariadb}
MYSQLADMIN_ARGS=${MYSQLADMIN_ARGS:--uroot}
LOG=$(mktemp)

now_ms() { date +%s%3N; }

poll() {
  while :; do
    local start end status
    start=$(now_ms)
    status=$(curl -s -o /dev/null -m 10 -w '%{http_code}' "$API_URL/health" || echo 000)
    end=$(now_ms)
    echo "$start $end $status" >>"$LOG"
    sleep 0.2
  done
}

status=$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$API_URL/health" || echo 000)
[ "$status" = 200 ] || { echo "The API at $API_URL is not healthy before the drill (HTTP $status)"; exit 1; }

poll &
POLLER=$!
trap 'kill $POLLER 2>/dev/null || true' EXIT
sleep 2

DOWN_AT=$(now_ms)
echo "$(date -u +%T) mysqladmin shutdown"
mysqladmin $MYSQLADMIN_ARGS shutdown
sleep "$OUTAGE_SECONDS"
echo "$(date -u +%T) $MYSQL_START"
UP_CMD_AT=$(now_ms)
$MYSQL_START
until mysqladmin $MYSQLADMIN_ARGS ping >/dev/null 2>&1; do sleep 0.2; done
UP_AT=$(now_ms)
echo "$(date -u +%T) server answers again ($((UP_AT - UP_CMD_AT)) ms after the start command)"
for _ in $(seq 1 300); do
  tail -1 "$LOG" | awk -v up="$UP_AT" '$1 >= up && $3 == 200 { found = 1 } END { exit !found }' && break
  sleep 0.2
done
sleep 1
kill $POLLER 2>/dev/null || true

awk -v down="$DOWN_AT" -v up="$UP_AT" '
  $1 >= down && $3 == 503 && !unhealthy { unhealthy = $2 - down }
  $1 >= up && $3 == 200 && !healthy { healthy = $2 - up }
  $3 != 200 && $3 != 503 { odd++ }
  ($2 - $1) > 5000 { slow++ }
  { n++ }
  END {
    printf "health probes: %d; unhealthy %s ms after shutdown; healthy %s ms after the server was back\n", n, unhealthy == "" ? "never" : unhealthy, healthy == "" ? "never" : healthy
    printf "answers other than 200/503: %d; probes slower than 5 s: %d\n", odd, slow
    exit (odd > 0 || slow > 0 || unhealthy == "" || healthy == "")
  }' "$LOG"
