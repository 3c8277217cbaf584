// Package smoke holds the real-window smoke test: it builds the daumoi
// binary, starts it under a private Xvfb display, waits for its window,
// takes screenshots of its screens and stops it cleanly. The screenshots are
// kept in the git-ignored artifacts/ folder at the top of the repository for
// people to look at.
package smoke
