package assessments

import "testing"

// The case of issue 14: 45 of 130 applicable items assessed, 35 met, 6
// partly met, 4 not met, 10 not applicable.
func TestComplianceOf45Of130(t *testing.T) {
	c := FromCounts(map[string]int{Pass: 35, Partial: 6, Fail: 4, NotApplicable: 10, NotAssessed: 85})
	if c.Assessed() != 45 || c.Applicable() != 130 {
		t.Fatalf("assessed %d applicable %d, want 45 and 130", c.Assessed(), c.Applicable())
	}
	if got := c.TextVI(); got != "đạt 35/45 mục đã đánh giá (77,8%); đã đánh giá 45/130 mục" {
		t.Errorf("TextVI = %q", got)
	}
	var d Compliance
	for st, n := range map[string]int{Pass: 35, Partial: 6, Fail: 4, NotApplicable: 10, NotAssessed: 85} {
		for range n {
			d.Add(st)
		}
	}
	if d != c {
		t.Errorf("Add gives %+v, FromCounts %+v", d, c)
	}
}

func TestComplianceEmpty(t *testing.T) {
	var c Compliance
	if c.Percent() != 0 || c.Coverage() != 0 {
		t.Errorf("empty: %v %v", c.Percent(), c.Coverage())
	}
	if got := c.TextVI(); got != "đạt 0/0 mục đã đánh giá (0%); đã đánh giá 0/0 mục" {
		t.Errorf("TextVI = %q", got)
	}
}
