#!/usr/bin/env bash
# with-keyring.sh CMD... — runs CMD inside a private D-Bus session with a
# fresh, unlocked gnome-keyring, so that the "remember on this computer" tests
# talk to a real Secret Service. The keyring lives in a temporary folder (a
# keyring left in ~/.local/share by an earlier run, with another password,
# would stay locked), and the keyring daemon runs in the foreground as our
# child so that it is stopped at the end (daemonised, it outlives the
# session). DAUMOI_KEYRING_TESTS=1 tells the keyring tests that the keyring
# must be there: they fail, not skip, when it is not.
set -euo pipefail
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
export DAUMOI_KEYRING_HOME="$keyring_home"
dbus-run-session -- sh -c '
  printf daumoi-test | XDG_DATA_HOME="$DAUMOI_KEYRING_HOME" \
    gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
  keyring=$!
  trap "kill $keyring 2>/dev/null" EXIT
  # Wait until our daemon owns the Secret Service name (at most 10 s). Asking
  # the bus, not the service, so that the bus does not start another one.
  i=0
  until dbus-send --session --dest=org.freedesktop.DBus --print-reply /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"; do
    i=$((i + 1)); [ $i -lt 100 ] || { echo "with-keyring: gnome-keyring did not start" >&2; exit 1; }
    sleep 0.1
  done
  export DAUMOI_KEYRING_TESTS=1
  "$@"
' with-keyring "$@"
