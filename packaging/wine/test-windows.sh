#!/usr/bin/env bash
# make test-windows: the Windows release, run under Wine 8 on Linux.
#  1. the installer (dist/…-setup.exe) installs silently (/S) into a fresh
#     prefix, per user, with its "Apps & features" entry;
#  2. the installed console twin runs version, init, demo, asset import,
#     key create, bundle and verify in a folder with Vietnamese letters and
#     spaces, results checked; a vault in a folder deeper than MAX_PATH;
#  3. the installed GUI starts under Xvfb; a screenshot of its first window
#     is checked (not blank, window title in Vietnamese) and kept in
#     artifacts/;
#  4. a second GUI start brings the first window forward and ends; the CLI
#     on the vault the GUI holds is refused with a clear message;
#  5. the silent uninstaller removes the program and leaves the vault;
#  6. the portable zip runs from its own folder.
# The data layer's own tests under Wine: packaging/wine/test-data.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
VERSION=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
DIST=${DIST:-dist}
setup="$root/$DIST/daumoi-$VERSION-windows-amd64-setup.exe"
[ -f "$setup" ] || { echo "no $setup: run make dist first" >&2; exit 1; }
export WINEPREFIX=${WINEPREFIX:-$root/.wine-test} WINEDEBUG=-all LANG=C.UTF-8 LC_ALL=C.UTF-8
mkdir -p artifacts
fail() { echo "test-windows: FAIL: $*" >&2; exit 1; }
# Checks read their whole input (grep >/dev/null, not grep -q): with
# pipefail, grep -q stopping at the first match would let the program
# writing into the pipe die of SIGPIPE and fail the check at random.
step() { echo "== $*"; }

step "fresh prefix"
packaging/wine/prefix.sh
user=$(whoami)
home="$WINEPREFIX/drive_c/users/$user"
inst="$home/AppData/Local/Programs/DauMoiATTT"

Xvfb :97 -screen 0 1366x768x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true; wineserver -k 2>/dev/null || true' EXIT
export DISPLAY=:97

step "silent install, per user"
wine "$setup" /S
wineserver -w
for f in daumoi.exe daumoi-cli.exe uninstall.exe daumoi.ico README.txt licences/components.json; do
	[ -f "$inst/$f" ] || fail "installed file missing: $f"
done
wine reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\DauMoiATTT' /v DisplayVersion | grep "$VERSION" >/dev/null ||
	fail "no Apps & features entry with version $VERSION"
wine reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\DauMoiATTT' /v QuietUninstallString | grep '/S' >/dev/null ||
	fail "no silent uninstall string"
ls "$home/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Đầu mối ATTT/"*.lnk >/dev/null || fail "no Start-menu shortcut"

cli() { wine "$inst/daumoi-cli.exe" "$@"; }
step "installed CLI: version"
cli version | tr -d '\r' | grep "^daumoi $VERSION .*windows/amd64" >/dev/null || fail "version"

work="$home/Nguyễn Văn A/Tài liệu"
mkdir -p "$work"
winwork='C:\users\'"$user"'\Nguyễn Văn A\Tài liệu'
export DAUMOI_PASSPHRASE='mật khẩu thử nghiệm 2026'
step "installed CLI: init in a folder with Vietnamese letters and spaces"
cli init --vault "$winwork\\kho" --org 'Sở Nội vụ tỉnh Vĩnh Long' --user an --recovery-key-out "$winwork\\rk.txt" | tr -d '\r' >"$work/init.txt"
grep -q 'Đã tạo kho dữ liệu' "$work/init.txt" || { cat "$work/init.txt"; fail "init"; }
printf 'Loại tài sản,Tên thiết bị,Hostname,Địa chỉ IP,Hệ điều hành\r\nMáy chủ,Máy chủ web,srv-web01,192.168.10.5,Ubuntu 22.04\r\n' >"$work/a.csv"
cli asset import --vault "$winwork\\kho" --user an "$winwork\\a.csv" | tr -d '\r' | grep 'Đã nhập 1 dòng' >/dev/null || fail "asset import"
cli asset list --vault "$winwork\\kho" --user an | tr -d '\r' | grep 'srv-web01' >/dev/null || fail "asset list"
set +e
DAUMOI_PASSPHRASE=sai cli asset list --vault "$winwork\\kho" --user an >/dev/null 2>"$work/wrong.txt"
code=$?
set -e
[ "$code" = 1 ] || fail "wrong passphrase: exit $code, want 1"
tr -d '\r' <"$work/wrong.txt" | grep 'sai mật khẩu' >/dev/null || fail "wrong passphrase message"

step "installed CLI: a vault deeper than MAX_PATH (260 characters)"
long="$winwork"
for i in 1 2 3 4 5 6; do long="$long\\Thư mục lưu trữ hồ sơ an toàn thông tin số $i"; done
[ ${#long} -gt 300 ] || fail "long path only ${#long} characters"
cli init --vault "$long\\kho" --org 'UBND xã thử' --user an --recovery-key-out "$winwork\\rk-long.txt" | tr -d '\r' | grep 'Đã tạo kho dữ liệu' >/dev/null || fail "init in a ${#long}-character path"
cli asset import --vault "$long\\kho" --user an "$winwork\\a.csv" | tr -d '\r' | grep 'Đã nhập 1 dòng' >/dev/null || fail "import in a long path"
cli backup --vault "$long\\kho" --user an --out "$long\\sao-luu.daumoi-backup" >/dev/null || fail "backup in a long path"
echo "   init, import and backup in a ${#long}-character folder"

step "installed CLI: demo, key, bundle, verify"
cli demo --vault "$winwork\\demo" >/dev/null
export DAUMOI_USER=demo-manager DAUMOI_SIGNING_PASSPHRASE='chỉ lãnh đạo biết 2026'
cli key create --vault "$winwork\\demo" | tr -d '\r' | grep 'Đã tạo khóa ký' >/dev/null || fail "key create"
cli key export --vault "$winwork\\demo" --out "$winwork\\manager.pub" >/dev/null
cli bundle --vault "$winwork\\demo" --year 2026 --out "$winwork\\b.zip" >/dev/null || fail "bundle"
unset DAUMOI_USER DAUMOI_SIGNING_PASSPHRASE
cli verify "$winwork\\b.zip" --pubkey "$winwork\\manager.pub" | tr -d '\r' | grep '^Hợp lệ: chữ ký đúng' >/dev/null || fail "verify"
minisign -V -p "$work/manager.pub" -m "$work/b.zip" -x /dev/null >/dev/null 2>&1 || true

step "installed GUI under Xvfb"
DAUMOI_VAULT="$winwork\\demo" wine "$inst/daumoi.exe" &
gui=$!
win=$(timeout 90 xdotool search --sync --name 'Đầu mối ATTT' | head -1) || fail "no window titled Đầu mối ATTT"
# The window exists before its first frame: take pictures until one is not
# blank (the GUI draws the sign-in screen), for at most a minute.
blank() {
	import -window root artifacts/windows-gui-first-window.png
	sd=$(convert artifacts/windows-gui-first-window.png -colorspace Gray -format '%[fx:standard_deviation]' info:)
	awk "BEGIN{exit !($sd < 0.02)}"
}
deadline=$((SECONDS + 60))
while blank; do
	[ $SECONDS -lt $deadline ] || fail "the first window stays blank (deviation $sd)"
done

step "a second start of the GUI brings the first window forward and ends"
set +e
DAUMOI_VAULT="$winwork\\demo" timeout 60 wine "$inst/daumoi.exe"
code=$?
set -e
[ "$code" = 0 ] || fail "second GUI start: exit $code, want 0 (ended after raising the first window)"
n=$(xdotool search --onlyvisible --name 'Đầu mối ATTT' | wc -l)
[ "$n" = 1 ] || fail "second GUI start: $n windows titled Đầu mối ATTT, want 1"

step "a second instance of the CLI on the same vault is refused"
set +e
cli user list --vault "$winwork\\demo" --user demo-focal >/dev/null 2>"$work/second.txt"
code=$?
set -e
[ "$code" = 1 ] || fail "second instance: exit $code, want 1"
tr -d '\r' <"$work/second.txt" | grep 'đang được mở bởi một chương trình khác' >/dev/null || fail "second instance: $(cat "$work/second.txt")"
kill $gui 2>/dev/null || true
wineserver -k || true

step "silent uninstall leaves the vault"
wine "$inst/uninstall.exe" /S
wineserver -w # also waits for the copy of itself NSIS's uninstaller runs from %TEMP%
[ ! -e "$inst/daumoi.exe" ] || fail "uninstall left daumoi.exe"
[ -f "$work/kho/vault.header" ] || fail "uninstall touched the vault"
[ -f "$work/demo/vault.header" ] || fail "uninstall touched the demo vault"

step "portable zip"
port="$home/USB/daumoi"
rm -rf "$port" && mkdir -p "$port"
unzip -q "$root/$DIST/daumoi-$VERSION-windows-amd64.zip" -d "$port"
wine "$port/daumoi-$VERSION-windows-amd64/daumoi-cli.exe" version | tr -d '\r' | grep "^daumoi $VERSION" >/dev/null || fail "portable version"
echo "test-windows: ok"
