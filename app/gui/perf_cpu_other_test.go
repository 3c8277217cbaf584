//go:build !unix

package gui

import "time"

// processCPU is not known here: the speed checks fall back to the time
// on the clock.
func processCPU() (time.Duration, bool) { return 0, false }
