// Package assessments holds the one definition of an assessment's
// compliance, used everywhere a figure is shown: the dashboard, the
// assessment screen's header, the assessment and annual reports, the
// annual bundle's data.json and its OSCAL results. It does no storage:
// package session stores the assessments.
//
// The definition, in the words the documents print: "đạt x/y mục đã đánh
// giá; đã đánh giá y/z mục" — x items met (Đạt) of the y items assessed
// (Đạt, Đạt một phần, Không đạt), y of the z applicable items (every item
// but Không áp dụng). A partly met item is assessed but not met. The
// percentage is x/y; the coverage is y/z; both are always shown together.
package assessments

import (
	"fmt"
	"strconv"
	"strings"
)

// Item statuses, as the session layer stores them.
const (
	Pass          = "pass"
	Partial       = "partial"
	Fail          = "fail"
	NotApplicable = "not_applicable"
	NotAssessed   = "not_assessed"
)

// Compliance counts the items of an assessment (or of a group of it) per
// status.
type Compliance struct {
	Met, Partial, Failed, NotApplicable, NotAssessed int
}

// FromCounts builds a Compliance from counts per status (the status
// constants; unknown statuses count as not assessed).
func FromCounts[S ~string](counts map[S]int) Compliance {
	var c Compliance
	for st, n := range counts {
		switch string(st) {
		case Pass:
			c.Met += n
		case Partial:
			c.Partial += n
		case Fail:
			c.Failed += n
		case NotApplicable:
			c.NotApplicable += n
		default:
			c.NotAssessed += n
		}
	}
	return c
}

// Add counts one more item of status st.
func (c *Compliance) Add(st string) {
	switch st {
	case Pass:
		c.Met++
	case Partial:
		c.Partial++
	case Fail:
		c.Failed++
	case NotApplicable:
		c.NotApplicable++
	default:
		c.NotAssessed++
	}
}

// Assessed is y: the applicable items that have a result (met, partly met
// or not met).
func (c Compliance) Assessed() int { return c.Met + c.Partial + c.Failed }

// Applicable is z: every item but those that do not apply.
func (c Compliance) Applicable() int { return c.Assessed() + c.NotAssessed }

// Percent is 100·x/y, the share of assessed items that are met (0 when
// nothing is assessed).
func (c Compliance) Percent() float64 {
	if c.Assessed() == 0 {
		return 0
	}
	return 100 * float64(c.Met) / float64(c.Assessed())
}

// Coverage is 100·y/z, the share of applicable items assessed (0 when
// nothing applies).
func (c Compliance) Coverage() float64 {
	if c.Applicable() == 0 {
		return 0
	}
	return 100 * float64(c.Assessed()) / float64(c.Applicable())
}

// TextVI states the figures in the documents' words: "đạt 35/45 mục đã
// đánh giá (77,8%); đã đánh giá 45/130 mục".
func (c Compliance) TextVI() string {
	return fmt.Sprintf("đạt %d/%d mục đã đánh giá (%s%%); đã đánh giá %d/%d mục",
		c.Met, c.Assessed(), PercentVI(c.Percent()), c.Assessed(), c.Applicable())
}

// PercentVI prints a percentage with at most one decimal and a comma as
// the decimal separator ("77,8", "100").
func PercentVI(p float64) string {
	s := strconv.FormatFloat(p, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	return strings.Replace(s, ".", ",", 1)
}
