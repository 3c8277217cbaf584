package gui

import (
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// autoLockChoices are the inactivity delays, in minutes, offered in
// Settings; defaultAutoLock is the one used until the user chooses.
func autoLockChoices() []int { return []int{5, 10, 15, 30, 60} }

const defaultAutoLock = 10

// autoLockMinutes returns the stored delay in minutes.
func (s *Shell) autoLockMinutes() int {
	m := s.app.Preferences().IntWithFallback(prefAutoLock, defaultAutoLock)
	for _, c := range autoLockChoices() {
		if c == m {
			return m
		}
	}
	return defaultAutoLock
}

// autoLockDelay is the inactivity after which the session locks: the
// option's value when set (tests), else the stored choice.
func (s *Shell) autoLockDelay() time.Duration {
	if s.opts.AutoLock > 0 {
		return s.opts.AutoLock
	}
	return time.Duration(s.autoLockMinutes()) * time.Minute
}

// setAutoLockMinutes stores the delay and applies it to the open session.
func (s *Shell) setAutoLockMinutes(m int) {
	s.app.Preferences().SetInt(prefAutoLock, m)
	if s.monitor != nil && s.opts.AutoLock == 0 {
		s.monitor.setDelay(time.Duration(m) * time.Minute)
	}
}

// activityMonitor calls onIdle once when the user has done nothing in the
// window for the delay.
//
// Fyne has no window-wide input hook, so activity is seen three ways:
//   - the mouse: the window's content is wrapped in an [activityLayer],
//     whose Cursor method the desktop driver calls on every mouse move over
//     the window (it asks every [desktop.Cursorable] under the pointer; the
//     deepest one's cursor wins, so the widgets keep theirs);
//   - keys typed while nothing has the focus: the canvas's key-down hook;
//   - keys typed into a focused widget (which the canvas never sees): a
//     poll, on every tick, of which object has the focus and, for an entry,
//     its text and cursor — typing, Tab and clicking into fields all change it.
//
// Each tick runs on the UI thread through fyne.Do.
type activityMonitor struct {
	win    fyne.Window
	onIdle func()
	now    func() time.Time

	mu    sync.Mutex
	delay time.Duration
	last  time.Time
	focus string
	done  chan struct{}
	once  sync.Once
}

// newActivityMonitor starts watching win. A nil clock means time.Now and
// a ticker of the monitor's own; with a clock (tests) the monitor looks
// only when check is called.
func newActivityMonitor(win fyne.Window, delay time.Duration, clock func() time.Time, onIdle func()) *activityMonitor {
	now := clock
	if now == nil {
		now = time.Now
	}
	m := &activityMonitor{win: win, onIdle: onIdle, now: now, delay: delay, last: now(), done: make(chan struct{})}
	if dc, ok := win.Canvas().(desktop.Canvas); ok {
		dc.SetOnKeyDown(func(*fyne.KeyEvent) { m.touch() })
	}
	if clock == nil {
		go m.run(tickFor(delay))
	}
	return m
}

// tickFor is how often the monitor looks: a quarter of the delay, at most
// once a second.
func tickFor(delay time.Duration) time.Duration {
	return min(max(delay/4, 10*time.Millisecond), time.Second)
}

func (m *activityMonitor) run(tick time.Duration) {
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		select {
		case <-m.done:
			return
		case <-t.C:
			fyne.Do(m.check)
		}
	}
}

// touch records activity now.
func (m *activityMonitor) touch() {
	m.mu.Lock()
	m.last = m.now()
	m.mu.Unlock()
}

// setDelay changes the inactivity delay.
func (m *activityMonitor) setDelay(d time.Duration) {
	m.mu.Lock()
	m.delay = d
	m.mu.Unlock()
}

// check notes a change of focus or of the focused entry and locks when the
// delay has passed.
func (m *activityMonitor) check() {
	select {
	case <-m.done:
		return
	default:
	}
	sig := focusSignature(m.win.Canvas().Focused())
	m.mu.Lock()
	if sig != m.focus {
		m.focus = sig
		m.last = m.now()
	}
	idle := m.now().Sub(m.last) >= m.delay
	m.mu.Unlock()
	if idle {
		m.stop()
		m.onIdle()
	}
}

// focusSignature identifies the focused object and, for an entry, its
// content and cursor.
func focusSignature(f fyne.Focusable) string {
	switch e := f.(type) {
	case nil:
		return ""
	case *widget.Entry:
		return fmt.Sprintf("%p %d %d %d", e, e.CursorRow, e.CursorColumn, len(e.Text))
	}
	return fmt.Sprintf("%p", f)
}

// stop ends the monitoring; onIdle is not called afterwards.
func (m *activityMonitor) stop() {
	m.once.Do(func() {
		close(m.done)
		if dc, ok := m.win.Canvas().(desktop.Canvas); ok {
			dc.SetOnKeyDown(nil)
		}
	})
}

// wrap puts o inside an activity layer of m.
func (m *activityMonitor) wrap(o fyne.CanvasObject) fyne.CanvasObject {
	l := &activityLayer{content: o, monitor: m}
	l.ExtendBaseWidget(l)
	return l
}

// activityLayer is a transparent widget around the window's content that
// reports mouse activity to its monitor (see [activityMonitor]).
type activityLayer struct {
	widget.BaseWidget
	content fyne.CanvasObject
	monitor *activityMonitor
}

// CreateRenderer shows the content.
func (l *activityLayer) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(l.content)
}

// Cursor records activity: the driver asks on every mouse move.
func (l *activityLayer) Cursor() desktop.Cursor {
	l.monitor.touch()
	return desktop.DefaultCursor
}

// MouseIn records activity.
func (l *activityLayer) MouseIn(*desktop.MouseEvent) { l.monitor.touch() }

// MouseMoved records activity.
func (l *activityLayer) MouseMoved(*desktop.MouseEvent) { l.monitor.touch() }

// MouseOut records activity.
func (l *activityLayer) MouseOut() { l.monitor.touch() }
