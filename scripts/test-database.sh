#!/usr/bin/env bash
# The PostgreSQL server the tests use: 127.0.0.1:5432, user postgres without a password.
# A server already answering there is used as it is. Otherwise a stopped local cluster
# is started, and with none at all Debian's server is installed, started and set to
# trust the postgres user from this machine only (a server for tests, nothing else).
# YINGLOU_TEST_PG pointing elsewhere skips all of this.
set -euo pipefail

if [[ -n "${YINGLOU_TEST_PG:-}" ]]; then
  exit 0
fi
answers() { command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; }
if answers; then
  exit 0
fi

SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
installed_here=0
if ! compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null; then
  echo "Installing a PostgreSQL server for the tests" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    postgresql postgresql-client >/dev/null
  installed_here=1
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -n1)
if ! $SUDO pg_lsclusters -h | awk '{print $1, $2}' | grep -q "^$version main$"; then
  $SUDO pg_createcluster "$version" main >/dev/null
  installed_here=1
fi
if ((installed_here)); then
  hba=/etc/postgresql/$version/main/pg_hba.conf
  if ! $SUDO grep -q "^host all postgres 127.0.0.1/32 trust" "$hba"; then
    # first match wins: this line goes before the default password rules
    $SUDO sed -i '1i host all postgres 127.0.0.1/32 trust' "$hba"
  fi
fi
echo "Starting the local PostgreSQL server ($version/main)" >&2
$SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
for _ in $(seq 1 30); do
  answers && exit 0
  sleep 1
done
echo "The PostgreSQL server on 127.0.0.1:5432 does not answer; see /var/log/postgresql/" >&2
exit 1
