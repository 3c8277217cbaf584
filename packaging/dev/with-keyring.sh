#!/usr/bin/env bash
# with-keyring.sh CMD... — runs CMD inside a private D-Bus session with an
# unlocked gnome-keyring, so that the "remember on this computer" tests talk to
# a real Secret Service. DAUMOI_KEYRING_TESTS=1 tells those tests that the
# keyring must be there (they fail, not skip, when it is not).
set -euo pipefail
exec dbus-run-session -- sh -c '
  printf daumoi-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  export DAUMOI_KEYRING_TESTS=1
  exec "$@"
' with-keyring "$@"
