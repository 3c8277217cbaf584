package smoke

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// windowName is the title the main window must have.
const windowName = "Đầu mối ATTT"

// appID is where Fyne keeps the app's preferences (buildinfo.AppID).
const appID = "vn.daumoi.attt"

// smokePass is the passphrase typed into the real window. It is ASCII:
// xdotool types non-ASCII letters by remapping a spare key code for each one,
// which on a loaded machine now and then loses a letter; the passphrase is
// typed nine times, the Vietnamese name and position once (and checked
// through the command line).
const smokePass = "Smoke test passphrase 2026"

// TestMainWindowScreens walks the real window under Xvfb: the first-run
// wizard filled in by keyboard, the unlock screen, the main window and its
// areas, each time stopped by SIGTERM. Screenshots go to artifacts/.
func TestMainWindowScreens(t *testing.T) {
	requireTools(t, "Xvfb", "xdotool", "xclip", "import")
	root := moduleRoot(t)
	// The tag lets this binary honour DAUMOI_INSECURE_FAST_KDF (startApp).
	bin := buildBinary(t, root, "daumoi_insecure_fast_kdf")
	display := startXvfb(t)
	home := t.TempDir()
	artifacts := filepath.Join(root, "artifacts")
	if err := os.MkdirAll(artifacts, 0o755); err != nil {
		t.Fatal(err)
	}
	shot := func(display, name string) {
		t.Helper()
		path := filepath.Join(artifacts, "smoke-"+name+".png")
		screenshot(t, display, path)
		assertNotBlank(t, path)
	}
	vaultDir := filepath.Join(home, ".local", "share", "daumoi", "vault")

	t.Run("wizard", func(t *testing.T) {
		app := startApp(t, bin, display, home)
		waitForWindow(t, display, app)
		settle(t, display)
		shot(display, "firstrun")
		keys(t, display, "space") // "Tạo kho dữ liệu mới" has the focus
		settle(t, display)
		typeText(t, display, "Sở Nội vụ tỉnh Vĩnh Long")
		keys(t, display, "Tab")
		typeText(t, display, "Công an tỉnh Vĩnh Long")
		shot(display, "wizard-agency")
		keys(t, display, "Return")
		settle(t, display)
		typeText(t, display, "huong")
		keys(t, display, "Tab")
		typeText(t, display, "Nguyễn Thị Thu Hương")
		keys(t, display, "Tab")
		typeText(t, display, "Chuyên viên phòng CNTT")
		shot(display, "wizard-user")
		keys(t, display, "Return")
		settle(t, display)
		typeText(t, display, smokePass)
		keys(t, display, "Tab")
		typeText(t, display, smokePass)
		shot(display, "wizard-passphrase")
		keys(t, display, "Return")
		waitForFile(t, filepath.Join(vaultDir, "vault.header"), app)
		settle(t, display)
		shot(display, "wizard-recovery")
		keys(t, display, "Tab", "space") // tick "Tôi đã cất giữ mã khôi phục": the focus goes to "Tiếp tục"
		settle(t, display)
		keys(t, display, "space")
		settle(t, display)
		shot(display, "wizard-done") // what the agency already did; the focus is on "Hoàn tất"
		keys(t, display, "space")
		settle(t, display)
		shot(display, "main")
		assertSidebar(t, filepath.Join(artifacts, "smoke-main.png"))
		stopApp(t, app)
	})
	// What was typed through the real window, Vietnamese letters included,
	// is in the vault: the command line opens it with the same passphrase.
	list := exec.Command(bin, "user", "list", "--format", "json")
	list.Env = append(os.Environ(), "DAUMOI_VAULT="+vaultDir, "DAUMOI_USER=huong", "DAUMOI_PASSPHRASE="+smokePass, "LANG=C.UTF-8")
	out, err := list.CombinedOutput()
	if err != nil {
		t.Fatalf("the vault made by the wizard does not open with the typed passphrase: %v\n%s", err, out)
	}
	for _, want := range []string{"Nguyễn Thị Thu Hương", "Chuyên viên phòng CNTT"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("user list lacks %q (typing through the window lost letters?):\n%s", want, out)
		}
	}

	for i, area := range []string{"dashboard", "profile", "systems", "assets", "assessments", "evidence", "incidents", "activities", "obligations", "reports", "users", "history", "settings", "about"} {
		t.Run(area, func(t *testing.T) {
			// A fresh X server per start: one server for a dozen app starts
			// once ran out of client connections on a loaded machine.
			display := startXvfb(t)
			writePreferences(t, home, map[string]any{"ui.lastArea": area})
			app := startApp(t, bin, display, home)
			waitForWindow(t, display, app)
			settle(t, display)
			if i == 0 {
				shot(display, "unlock")
			}
			typeText(t, display, smokePass)
			keys(t, display, "Return")
			time.Sleep(1500 * time.Millisecond) // unlock and first frames
			shot(display, area)
			assertSidebar(t, filepath.Join(artifacts, "smoke-"+area+".png"))
			stopApp(t, app)
		})
	}

	prefs := readPreferences(t, home)
	if _, ok := prefs["ui.window.width"]; !ok {
		t.Errorf("window size not saved on a clean stop; preferences: %v", prefs)
	}
	if got := prefs["vault.dir"]; got != vaultDir {
		t.Errorf("vault folder remembered = %v, want %s", got, vaultDir)
	}
}

// settle lets the window render after an action.
func settle(t *testing.T, display string) {
	t.Helper()
	time.Sleep(700 * time.Millisecond)
}

// keys presses keys in the focused window (xdotool key names).
func keys(t *testing.T, display string, names ...string) {
	t.Helper()
	args := append([]string{"key", "--delay", "80"}, names...)
	if out, err := onDisplay(display, "xdotool", args...).CombinedOutput(); err != nil {
		t.Fatalf("xdotool key %v: %v\n%s", names, err, out)
	}
	time.Sleep(150 * time.Millisecond)
}

// typeText types text, Vietnamese letters included, in the focused window.
// typeText enters text into the focused field. ASCII is typed key by key
// with xdotool. Other text (Vietnamese) is pasted from the clipboard
// (xclip, then Ctrl+V), as many users enter it: xdotool types a letter
// missing from the keyboard map by remapping a spare key for it, and the
// window now and then reads the map after it was restored and loses the
// letter ("Hương" became "Hơng" in one run).
func typeText(t *testing.T, display, text string) {
	t.Helper()
	if isASCII(text) {
		if out, err := onDisplay(display, "xdotool", "type", "--delay", "60", text).CombinedOutput(); err != nil {
			t.Fatalf("xdotool type: %v\n%s", err, out)
		}
		time.Sleep(150 * time.Millisecond)
		return
	}
	// xclip stays in the background to serve the selection: its output
	// goes to /dev/null, or waiting for it would wait for that process.
	clip := onDisplay(display, "xclip", "-selection", "clipboard", "-i")
	clip.Stdin = strings.NewReader(text)
	if err := clip.Run(); err != nil {
		t.Fatalf("xclip: %v", err)
	}
	keys(t, display, "ctrl+v")
	time.Sleep(300 * time.Millisecond)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// waitForFile waits until path exists (the vault is written off the UI
// thread).
func waitForFile(t *testing.T, path string, app *appProcess) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := os.Stat(path); err == nil {
			return
		}
		select {
		case err := <-app.done:
			t.Fatalf("daumoi exited: %v\n%s", err, app.log)
		case <-time.After(200 * time.Millisecond):
		}
	}
	t.Fatalf("%s not created within 30 s\n%s", path, app.log)
}

// TestCommandLineStderrIsClean runs the real binary (with Fyne linked in)
// under the C locale: the command line's stderr must carry only its own
// message, not Fyne's locale warnings.
func TestCommandLineStderrIsClean(t *testing.T) {
	bin := buildBinary(t, moduleRoot(t))
	for _, lang := range []string{"C", "C.UTF-8", "POSIX", ""} {
		cmd := exec.Command(bin, "version")
		cmd.Env = append(os.Environ(), "LANG="+lang, "LC_ALL=", "LC_MESSAGES=", "LANGUAGE=")
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("LANG=%s daumoi version: %v", lang, err)
		}
		if stderr.Len() > 0 {
			t.Errorf("LANG=%s: stderr not empty:\n%s", lang, stderr.String())
		}
	}
}

func requireTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is needed for the real-window test (apt-get install xvfb xdotool xclip imagemagick; `make test` installs them): %v", tool, err)
		}
	}
}

func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test's folder")
		}
		dir = parent
	}
}

// buildBinary builds the module's program with the given build tags (none:
// the binary users run).
func buildBinary(t *testing.T, root string, tags ...string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "daumoi")
	cmd := exec.Command("go", "build", "-tags", strings.Join(tags, ","), "-o", bin, ".")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// startXvfb starts a private X server and returns its display (":N").
func startXvfb(t *testing.T) string {
	t.Helper()
	return startXvfbSized(t, "1280x800x24")
}

// startXvfbSized starts a private X server whose screen is screen
// ("1366x768x24") and returns its display.
func startXvfbSized(t *testing.T, screen string) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", screen, "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w}
	xlog, err := os.Create(filepath.Join(t.TempDir(), "xvfb.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = xlog, xlog
	t.Cleanup(func() {
		if t.Failed() {
			if b, err := os.ReadFile(xlog.Name()); err == nil {
				t.Logf("Xvfb said:\n%s", b)
			}
		}
	})
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting Xvfb: %v", err)
	}
	w.Close()
	t.Cleanup(func() { stopXvfb(cmd) })
	lines := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		lines <- strings.TrimSpace(line)
	}()
	select {
	case n := <-lines:
		if n == "" {
			t.Fatal("Xvfb did not report a display number")
		}
		return ":" + n
	case <-time.After(20 * time.Second):
		t.Fatal("Xvfb did not start within 20 s")
	}
	return ""
}

// stopXvfb ends the X server gracefully, so that it removes its lock file
// and socket before the next one starts (a killed server left them, and the
// next server on that display number failed to listen), killing it only if
// it does not stop within 5 s.
func stopXvfb(cmd *exec.Cmd) {
	done := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(done)
	}()
	_ = cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = cmd.Process.Kill()
		<-done
	}
}

// appProcess is a running daumoi GUI.
type appProcess struct {
	cmd  *exec.Cmd
	done chan error
	log  *strings.Builder
}

func startApp(t *testing.T, bin, display, home string) *appProcess {
	t.Helper()
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(),
		"DISPLAY="+display, "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"XDG_DATA_HOME="+filepath.Join(home, ".local", "share"), "DAUMOI_VAULT=",
		// Key derivation in milliseconds instead of half a second: the
		// vault's protection is not what this test checks.
		"DAUMOI_INSECURE_FAST_KDF=1",
		// An English desktop: the app must still speak Vietnamese. C.UTF-8 is
		// the UTF-8 locale every Debian has (X needs one to set the window
		// title); LANGUAGE is what Fyne reads as the user's language.
		"LANG=C.UTF-8", "LC_ALL=", "LANGUAGE=en_US:en")
	log := &strings.Builder{}
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting daumoi: %v", err)
	}
	p := &appProcess{cmd: cmd, done: make(chan error, 1), log: log}
	go func() { p.done <- cmd.Wait() }()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			<-p.done
		}
	})
	return p
}

func waitForWindow(t *testing.T, display string, app *appProcess) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		out, err := onDisplay(display, "xdotool", "search", "--onlyvisible", "--name", windowName).Output()
		if err == nil && strings.TrimSpace(string(out)) != "" {
			return
		}
		select {
		case err := <-app.done:
			t.Fatalf("daumoi exited before showing its window: %v\n%s", err, app.log)
		case <-time.After(300 * time.Millisecond):
		}
	}
	t.Fatalf("no window named %q within 30 s\n%s", windowName, app.log)
}

// onDisplay prepares an X client command on the test's display.
func onDisplay(display, name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	return cmd
}

func screenshot(t *testing.T, display, path string) {
	t.Helper()
	if out, err := onDisplay(display, "import", "-window", "root", path).CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	t.Logf("screenshot: %s", path)
}

// assertNotBlank fails unless the screenshot shows a rendered interface:
// text and icons give many distinct colours, a blank or black screen few.
func assertNotBlank(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("decoding %s: %v", path, err)
	}
	if n := distinctColours(img); n < 50 {
		t.Errorf("%s looks blank: only %d distinct colours", path, n)
	}
}

// assertSidebar fails unless the screenshot shows the main window's
// sidebar: the unlock and first-run screens leave the left strip blank.
func assertSidebar(t *testing.T, path string) {
	t.Helper()
	if !hasSidebar(t, path) {
		t.Errorf("%s shows no sidebar (still locked?)", path)
	}
}

// hasSidebar tells whether the screenshot shows the main window's sidebar.
func hasSidebar(t *testing.T, path string) bool {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("decoding %s: %v", path, err)
	}
	strip := image.Rect(0, 120, 240, 640)
	if n := distinctColours(img.(interface {
		SubImage(image.Rectangle) image.Image
	}).SubImage(strip)); n < 20 {
		return false
	}
	return true
}

func distinctColours(img image.Image) int {
	seen := map[[4]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, bl, a}] = true
		}
	}
	return len(seen)
}

// stopApp asks the app to quit as a desktop session would (SIGTERM) and
// checks it exits cleanly.
func stopApp(t *testing.T, app *appProcess) {
	t.Helper()
	if err := app.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	select {
	case err := <-app.done:
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			t.Fatalf("daumoi exited with %v\n%s", err, app.log)
		} else if err != nil {
			t.Fatal(err)
		}
	case <-ctx.Done():
		t.Fatalf("daumoi did not quit within 15 s of SIGTERM\n%s", app.log)
	}
}

func prefsPath(home string) string {
	return filepath.Join(home, ".config", "fyne", appID, "preferences.json")
}

func writePreferences(t *testing.T, home string, values map[string]any) {
	t.Helper()
	prefs := map[string]any{}
	if raw, err := os.ReadFile(prefsPath(home)); err == nil {
		_ = json.Unmarshal(raw, &prefs)
	}
	for k, v := range values {
		prefs[k] = v
	}
	raw, err := json.Marshal(prefs)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(prefsPath(home)), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(prefsPath(home), raw, 0o600); err != nil {
		t.Fatal(err)
	}
}

func readPreferences(t *testing.T, home string) map[string]any {
	t.Helper()
	raw, err := os.ReadFile(prefsPath(home))
	if err != nil {
		t.Fatalf("reading preferences: %v", err)
	}
	prefs := map[string]any{}
	if err := json.Unmarshal(raw, &prefs); err != nil {
		t.Fatal(fmt.Errorf("preferences.json: %w", err))
	}
	return prefs
}
