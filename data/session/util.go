package session

import (
	"context"
	"fmt"
	"io"
	"time"
)

// ctxReader stops a copy when its context is cancelled.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

func readerWithContext(ctx context.Context, r io.Reader) io.Reader { return ctxReader{ctx, r} }

// parseDay checks a civil date "YYYY-MM-DD"; "" is allowed when optional.
func parseDay(s string, optional bool) (time.Time, error) {
	if s == "" && optional {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return t, fmt.Errorf("%w: %q", ErrBadDate, s)
	}
	return t, nil
}

// checkPastDay checks a YYYY-MM-DD date that is not after now's date.
func checkPastDay(day string, now time.Time) error {
	if _, err := parseDay(day, false); err != nil {
		return err
	}
	if day > now.Format(time.DateOnly) {
		return fmt.Errorf("%w: %s is in the future", ErrBadDate, day)
	}
	return nil
}
