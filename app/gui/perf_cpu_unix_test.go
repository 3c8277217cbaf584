//go:build unix

package gui

import (
	"syscall"
	"time"
)

// processCPU is the processor time the test process has used so far, in
// user and system mode, on all its threads; ok is false where it is not
// known.
func processCPU() (d time.Duration, ok bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
