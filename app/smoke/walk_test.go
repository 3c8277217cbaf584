package smoke

import (
	"encoding/json"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// bigChange is how many pixels (of every other row and column) a click
// changes at least: a dialog opening or closing, another area; more than
// a button's hover or press.
const bigChange = 5000

// walkScreen is the agency laptop's screen the walks run on.
const walkScreen = "1366x768x24"

// The demo's users, in the order the unlock screen's list shows them.
var demoUsers = []string{"demo-focal", "demo-it", "demo-manager"}

// TestMainWindowWalks walks the real window at 1366×768 as three people of
// the demo agency would: the manager approves the assessment waiting for
// approval, IT staff record an overdue obligation as done with a new
// evidence file typed into the file chooser, the focal point imports an
// inventory of printers. Each step's screenshot goes to artifacts/smoke/;
// after each walk the command line, on the same vault, shows what the
// window did.
//
// The buttons are found by their place in the 1366×768 layout of the demo
// vault (the window fills the screen); text is typed where a field has the
// focus (user list, passphrase, the chooser's path box, the search box).
func TestMainWindowWalks(t *testing.T) {
	requireTools(t, "Xvfb", "xdotool", "import")
	root := moduleRoot(t)
	bin := buildBinary(t, root, "daumoi_insecure_fast_kdf")
	home := t.TempDir()
	vaultDir := filepath.Join(home, "vault")
	passFile := filepath.Join(home, "pass")
	if err := os.WriteFile(passFile, []byte(smokePass+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := cli(bin, vaultDir, "", "demo", "--vault", vaultDir, "--passphrase-file", passFile).CombinedOutput(); err != nil {
		t.Fatalf("daumoi demo: %v\n%s", err, out)
	}
	out := filepath.Join(root, "artifacts", "smoke")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	w := &walker{t: t, bin: bin, home: home, vault: vaultDir, out: out}

	t.Run("manager approves", func(t *testing.T) {
		w.t = t
		waiting := w.assessment("demo-manager", "2026")
		if waiting["state"] != "open" || waiting["assessed"] != waiting["total"] {
			t.Fatalf("the demo has no assessment waiting for approval: %v", waiting)
		}
		w.start("demo-manager")
		w.shot("manager-1-dashboard") // "Chờ phê duyệt" card and list
		w.click(1310, 218)            // the list's "Mở phiếu"
		w.shot("manager-2-assessment")
		w.click(1303, 195) // "Phê duyệt"
		w.shot("manager-3-confirm")
		w.click(727, 421) // "Có"
		w.shot("manager-4-approved")
		w.stop()
		if a := w.assessment("demo-manager", "2026"); a["state"] != "approved" || a["approved_by"] != "demo-manager" {
			t.Errorf("after the walk the assessment is %v", a)
		}
	})

	t.Run("IT records an obligation", func(t *testing.T) {
		w.t = t
		file := filepath.Join(home, "bao-cao-giam-sat-6-thang.txt")
		if err := os.WriteFile(file, []byte("Báo cáo kết quả giám sát an toàn hệ thống thông tin 6 tháng"), 0o600); err != nil {
			t.Fatal(err)
		}
		before := len(w.list("demo-it", "activity"))
		w.start("demo-it")
		w.shot("it-1-dashboard")
		w.click(800, 465) // "Xem" of the first overdue line: the 6-monthly monitoring report, two systems
		w.shot("it-2-systems")
		w.click(620, 391) // the first system
		w.shot("it-3-obligation")
		w.click(602, 468) // "Ghi nhận đã thực hiện…"
		w.shot("it-4-record")
		w.click(962, 470) // "Thêm tệp…": the in-app chooser, the focus in its path box
		w.keys("ctrl+a")
		w.typeAndWait(file)
		w.shot("it-5-chooser")
		w.pressAndWait("Return") // the file is encrypted into the vault, the chooser closes
		w.shot("it-6-file-added")
		w.click(718, 586) // "Lưu"
		w.shot("it-7-done")
		w.stop()
		acts := w.list("demo-it", "activity")
		if len(acts) != before+1 {
			t.Fatalf("%d activities after the walk, %d before", len(acts), before)
		}
		ev := w.evidenceNamed(filepath.Base(file))
		var got map[string]string
		for _, a := range acts {
			if a["evidence"] != "" && a["evidence"] == ev["id"] {
				got = a
			}
		}
		if ev == nil || got == nil || got["kind"] != "monitoring_report" || got["recorded_by"] != "demo-it" {
			t.Errorf("no monitoring report recorded with the new file: evidence %v, activities %v", ev, acts)
		}
	})

	t.Run("focal point imports printers", func(t *testing.T) {
		w.t = t
		inventory := filepath.Join(home, "kiem-ke-may-in.csv")
		csv := "\ufeffLoại tài sản,Tên thiết bị,Hostname,Địa chỉ IP,Vị trí,Người phụ trách,Tình trạng\n" +
			"Máy in,Máy in laser HP LaserJet M404dn phòng Văn thư,PRN-VT-01,10.70.2.21,Phòng Văn thư,Nguyễn Thị Thu Hương,Đang sử dụng\n" +
			"Máy in,Máy in màu Canon LBP623Cdw phòng Tổ chức,PRN-TC-02,10.70.2.22,Phòng Tổ chức cán bộ,Nguyễn Thị Thu Hương,Đang sử dụng\n" +
			"Máy photocopy,Máy photocopy Ricoh MP 2014 tầng 2,PRN-T2-03,,Hành lang tầng 2,Nguyễn Thị Thu Hương,Đang sử dụng\n"
		if err := os.WriteFile(inventory, []byte(csv), 0o600); err != nil {
			t.Fatal(err)
		}
		before := len(w.list("demo-focal", "asset"))
		w.start("demo-focal")
		w.click(58, 263) // "Tài sản" in the sidebar
		w.shot("focal-1-assets")
		w.click(1197, 154) // "Nhập từ Excel/CSV": the chooser, the focus in its path box
		w.keys("ctrl+a")
		w.typeAndWait(inventory)
		w.shot("focal-2-chooser")
		w.pressAndWait("Return")
		w.shot("focal-3-columns")
		w.click(734, 626) // "Kiểm tra"
		w.shot("focal-4-preview")
		w.click(765, 646) // "Nhập 3 dòng mới"
		w.shot("focal-5-imported")
		w.click(682, 431)                   // "Đóng"
		w.xdotool("mousemove", "700", "76") // the search box
		w.xdotool("mousedown", "1")
		w.xdotool("mouseup", "1")
		w.typeAndWait("may in") // the list shrinks as the words are typed
		w.shot("focal-6-printers")
		w.stop()
		if n := len(w.list("demo-focal", "asset")); n != before+3 {
			t.Errorf("%d assets after the import, %d before", n, before)
		}
		var hosts []string
		for _, a := range w.list("demo-focal", "asset", "--type", "printer") {
			hosts = append(hosts, a["hostname"])
		}
		if strings.Join(hosts, " ") != "PRN-VT-01 PRN-TC-02 PRN-T2-03" {
			t.Errorf("printers after the import: %v", hosts)
		}
	})
}

// walker drives the app on the walks' vault.
type walker struct {
	t       *testing.T
	bin     string
	home    string
	vault   string
	out     string
	display string
	app     *appProcess
}

// start opens the app on a fresh 1366×768 X server, the window filling it,
// and signs user in through the unlock screen.
func (w *walker) start(user string) {
	w.t.Helper()
	w.display = startXvfbSized(w.t, walkScreen)
	writePreferences(w.t, w.home, map[string]any{"vault.dir": w.vault, "ui.lastArea": "dashboard",
		"ui.window.width": 1366, "ui.window.height": 768})
	w.app = startApp(w.t, w.bin, w.display, w.home)
	waitForWindow(w.t, w.display, w.app)
	w.waitStill()
	// The passphrase box has the focus; the user list is before it. Its
	// menu opens on space; each Down moves one name (the first Down
	// reaches the first name).
	w.keys("shift+Tab")
	w.pressAndWait("space")
	for i, name := range demoUsers {
		w.keys("Down")
		if name == user {
			break
		}
		if i == len(demoUsers)-1 {
			w.t.Fatalf("no demo user %s", user)
		}
	}
	w.keys("Return", "Tab")
	w.typeText(smokePass)
	w.keys("Return")
	w.waitUnlocked()
}

// waitUnlocked waits until the main window's sidebar shows.
func (w *walker) waitUnlocked() {
	w.t.Helper()
	path := filepath.Join(w.t.TempDir(), "unlock.png")
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		screenshot(w.t, w.display, path)
		if hasSidebar(w.t, path) {
			w.waitStill()
			return
		}
		time.Sleep(500 * time.Millisecond)
	}
	w.t.Fatalf("not signed in within 30 s\n%s", w.app.log)
}

func (w *walker) stop() {
	w.t.Helper()
	stopApp(w.t, w.app)
}

// waitStill waits up to 20 s until two looks at the screen half a second
// apart agree: the window has drawn everything it was asked to.
func (w *walker) waitStill() {
	w.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	prev := w.capture()
	for time.Now().Before(deadline) {
		time.Sleep(500 * time.Millisecond)
		now := w.capture()
		if differing(prev, now) == 0 {
			return
		}
		prev = now
	}
	w.t.Fatalf("the screen did not settle within 20 s\n%s", w.app.log)
}

func (w *walker) keys(names ...string) {
	w.t.Helper()
	keys(w.t, w.display, names...)
}

func (w *walker) typeText(text string) {
	w.t.Helper()
	typeText(w.t, w.display, text)
}

// click presses the left button at x, y and waits for the screen to
// change (a dialog opens or closes, an area is shown) and settle. GLFW
// takes a click only after the pointer moved into place, so it is moved
// there in two steps first, and the screen is taken once it hovers.
func (w *walker) click(x, y int) {
	w.t.Helper()
	w.xdotool("mousemove", strconv.Itoa(x-8), strconv.Itoa(y+2))
	w.xdotool("mousemove", strconv.Itoa(x), strconv.Itoa(y))
	w.waitStill() // a hovered button is drawn highlighted
	before := w.capture()
	w.xdotool("mousedown", "1")
	w.xdotool("mouseup", "1")
	w.waitChange(before, bigChange)
}

// pressAndWait presses keys and waits for the screen to change and settle.
func (w *walker) pressAndWait(names ...string) {
	w.t.Helper()
	before := w.capture()
	w.keys(names...)
	w.waitChange(before, bigChange)
}

// typeAndWait types text and waits until the window has drawn it.
func (w *walker) typeAndWait(text string) {
	w.t.Helper()
	before := w.capture()
	w.typeText(text)
	w.waitChange(before, 20)
}

func (w *walker) xdotool(args ...string) {
	w.t.Helper()
	if out, err := onDisplay(w.display, "xdotool", args...).CombinedOutput(); err != nil {
		w.t.Fatalf("xdotool %v: %v\n%s", args, err, out)
	}
	// A pause between synthetic events, not a wait for the app: GLFW
	// drops a press that follows a motion within the same few
	// milliseconds. What the app does is waited for by waitChange.
	time.Sleep(100 * time.Millisecond)
}

// capture is the screen now.
func (w *walker) capture() image.Image {
	w.t.Helper()
	path := filepath.Join(w.t.TempDir(), "now.png")
	if out, err := onDisplay(w.display, "import", "-window", "root", path).CombinedOutput(); err != nil {
		w.t.Fatalf("import: %v\n%s", err, out)
	}
	f, err := os.Open(path)
	if err != nil {
		w.t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		w.t.Fatal(err)
	}
	return img
}

// waitChange waits up to 20 s until the screen differs from before in at
// least least pixels (of every other row and column), then until two
// looks half a second apart agree: the window has drawn what was done.
func (w *walker) waitChange(before image.Image, least int) {
	w.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	prev := before
	changed := false
	for time.Now().Before(deadline) {
		time.Sleep(500 * time.Millisecond)
		now := w.capture()
		if !changed {
			changed = differing(before, now) >= least
		} else if differing(prev, now) == 0 {
			return
		}
		prev = now
	}
	w.t.Fatalf("the screen did not change (or did not settle) within 20 s of the action\n%s", w.app.log)
}

// differing counts the pixels (of every other row and column) that a and
// b do not share.
func differing(a, b image.Image) int {
	n := 0
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y += 2 {
		for x := r.Min.X; x < r.Max.X; x += 2 {
			if a.At(x, y) != b.At(x, y) {
				n++
			}
		}
	}
	return n
}

// shot saves the screen as artifacts/smoke/<name>.png.
func (w *walker) shot(name string) {
	w.t.Helper()
	path := filepath.Join(w.out, name+".png")
	screenshot(w.t, w.display, path)
	assertNotBlank(w.t, path)
}

// list runs "daumoi <what> list --format json" as user on the vault.
func (w *walker) list(user, what string, args ...string) []map[string]string {
	w.t.Helper()
	args = append([]string{what, "list", "--format", "json"}, args...)
	out, err := cli(w.bin, w.vault, user, args...).Output()
	if err != nil {
		w.t.Fatalf("daumoi %v: %v\n%s", args, err, out)
	}
	var rows []map[string]string
	if err := json.Unmarshal(out, &rows); err != nil {
		w.t.Fatalf("daumoi %v: %v\n%s", args, err, out)
	}
	return rows
}

// assessment is the demo portal's assessment of period, as the command
// line lists it.
func (w *walker) assessment(user, period string) map[string]string {
	w.t.Helper()
	for _, a := range w.list(user, "assessment") {
		if a["period"] == period && a["system_id"] == "1" {
			return a
		}
	}
	w.t.Fatalf("no assessment of %s", period)
	return nil
}

// evidenceNamed is the library's file named name, or nil.
func (w *walker) evidenceNamed(name string) map[string]string {
	w.t.Helper()
	for _, e := range w.list("demo-it", "evidence") {
		if e["file_name"] == name {
			return e
		}
	}
	return nil
}

// cli prepares a command-line run of bin on vault as user.
func cli(bin, vault, user string, args ...string) *exec.Cmd {
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "DAUMOI_VAULT="+vault, "DAUMOI_USER="+user, "DAUMOI_PASSPHRASE="+smokePass,
		"DAUMOI_INSECURE_FAST_KDF=1", "LANG=C.UTF-8")
	return cmd
}
