#!/usr/bin/env bash
# make bench-startup: time from launch to the first window of the release
# binaries in dist/ (make dist first), under Xvfb at 1366×768:
#   linux    dist/linux/daumoi
#   windows  dist/windows/daumoi.exe under Wine 8 (a proxy for Windows: Wine
#            adds its own start-up; the figure is an upper bound)
# "First window" is the moment a visible top-level window titled
# "Đầu mối ATTT" exists (polled every 10 ms with xdotool), on the demo vault's
# sign-in screen. Cold is the first start after the page cache is dropped
# (when /proc/sys/vm/drop_caches is writable; otherwise the first start in a
# fresh settings folder, and the script says so); warm is the median of RUNS
# further starts.
set -euo pipefail
export DAUMOI_PASSPHRASE=${DAUMOI_PASSPHRASE:-demo-vinhlong-2026}
cd "$(dirname "$0")/.."
root=$PWD
RUNS=${RUNS:-5}
DIST=${DIST:-dist}
targets=${*:-linux windows}
work=$(mktemp -d)
Xvfb :95 -screen 0 1366x768x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true; wineserver -k 2>/dev/null || true; rm -rf "$work"' EXIT
export DISPLAY=:95 LANG=C.UTF-8 LC_ALL=C.UTF-8
until xdotool getdisplaygeometry >/dev/null 2>&1; do sleep 0.05; done # Xvfb is up

# firstwindow CMD…: starts CMD, prints the milliseconds until its window
# shows, and stops it.
firstwindow() {
	local t0 pid ms
	t0=$(date +%s%N)
	"$@" >/dev/null 2>&1 &
	pid=$!
	until xdotool search --onlyvisible --name 'Đầu mối ATTT' >/dev/null 2>&1; do
		sleep 0.01
		if (( ($(date +%s%N) - t0) / 1000000 > 120000 )); then
			echo "no window after 120 s: $*" >&2
			kill $pid 2>/dev/null || true
			return 1
		fi
	done
	ms=$(( ($(date +%s%N) - t0) / 1000000 ))
	kill $pid 2>/dev/null || true
	wait $pid 2>/dev/null || true
	# wait until the window is gone before the next start
	while xdotool search --name 'Đầu mối ATTT' >/dev/null 2>&1; do sleep 0.05; done
	echo "$ms"
}

dropcaches() {
	sync
	if { echo 3 >/proc/sys/vm/drop_caches; } 2>/dev/null; then
		echo "page cache dropped"
	else
		echo "page cache NOT dropped (not permitted here): cold = first start in a fresh settings folder"
	fi
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

measure() {
	local name=$1
	shift
	local note cold warm
	note=$(dropcaches)
	cold=$(firstwindow "$@")
	warm=$(for _ in $(seq "$RUNS"); do firstwindow "$@"; done | median)
	printf '%-8s cold %6d ms   warm %6d ms (median of %d)   %s\n' "$name" "$cold" "$warm" "$RUNS" "$note"
}

for t in $targets; do
	case $t in
	linux)
		HOME=$work/home-linux XDG_CONFIG_HOME=$work/home-linux/.config "$DIST/linux/daumoi" demo --vault "$work/demo-linux" >/dev/null
		HOME=$work/home-linux measure linux env HOME="$work/home-linux" DAUMOI_VAULT="$work/demo-linux" "$root/$DIST/linux/daumoi"
		;;
	windows)
		export WINEPREFIX=$work/wine WINEDEBUG=-all
		packaging/wine/prefix.sh >/dev/null
		wine "$DIST/windows/daumoi-cli.exe" demo --vault 'C:\demo' >/dev/null 2>&1
		# warm Wine: wineserver stays up between starts, as Windows' own
		# services do
		wineserver -p 2>/dev/null || true
		measure windows env DAUMOI_VAULT='C:\demo' wine "$root/$DIST/windows/daumoi.exe"
		;;
	*) echo "unknown target $t (linux, windows)" >&2; exit 2 ;;
	esac
done
