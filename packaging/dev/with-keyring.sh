#!/usr/bin/env bash
# with-keyring.sh CMD... — runs CMD inside a private D-Bus session with a
# fresh, unlocked gnome-keyring, so that the "remember on this computer" tests
# talk to a real Secret Service. The keyring lives in a temporary folder (a
# keyring left in ~/.local/share by an earlier run, with another password,
# would stay locked). DAUMOI_KEYRING_TESTS=1 tells those tests that the
# keyring must be there: they fail, not skip, when it is not.
set -euo pipefail
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
export DAUMOI_KEYRING_HOME="$keyring_home"
dbus-run-session -- sh -c '
  printf daumoi-test | XDG_DATA_HOME="$DAUMOI_KEYRING_HOME" gnome-keyring-daemon --unlock --components=secrets >/dev/null
  export DAUMOI_KEYRING_TESTS=1
  exec "$@"
' with-keyring "$@"
