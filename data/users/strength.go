package users

import (
	"math"
	"unicode"
)

// Strength estimates how hard a passphrase is to guess, from 0 (very weak)
// to 4 (strong), for the meter shown while typing. It is a rough estimate
// from length and character variety (about log2 of the search space); the
// rule enforced is [CheckPassphrase].
func Strength(pass string) int {
	bits := EntropyBits(pass)
	switch {
	case bits < 40:
		return 0
	case bits < 55:
		return 1
	case bits < 70:
		return 2
	case bits < 90:
		return 3
	}
	return 4
}

// EntropyBits returns length × log2(size of the character pool used),
// counting each distinct character once more than it repeats.
func EntropyBits(pass string) float64 {
	var lower, upper, digit, other bool
	seen := map[rune]int{}
	n := 0
	for _, r := range pass {
		switch {
		case unicode.IsLower(r) && r < 128:
			lower = true
		case unicode.IsUpper(r) && r < 128:
			upper = true
		case unicode.IsDigit(r):
			digit = true
		default:
			other = true
		}
		seen[r]++
		if seen[r] <= 2 { // long runs of one character add little
			n++
		}
	}
	pool := 0
	for _, c := range []struct {
		used bool
		size int
	}{{lower, 26}, {upper, 26}, {digit, 10}, {other, 40}} {
		if c.used {
			pool += c.size
		}
	}
	if pool == 0 {
		return 0
	}
	return float64(n) * math.Log2(float64(pool))
}
