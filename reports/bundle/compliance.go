package bundle

import (
	"strconv"

	"daumoi/data/assessments"
	"daumoi/data/textnorm"
)

// compliance counts a system's items by the one definition of compliance
// (package assessments), the same as the PDF and data.json.
func compliance(items []AssessmentItem) assessments.Compliance {
	var c assessments.Compliance
	for _, it := range items {
		switch ItemStatus(textnorm.NFC(string(it.Status))) {
		case StatusMet:
			c.Add(assessments.Pass)
		case StatusPartlyMet:
			c.Add(assessments.Partial)
		case StatusNotMet:
			c.Add(assessments.Fail)
		case StatusNotApplicable:
			c.Add(assessments.NotApplicable)
		default:
			c.Add(assessments.NotAssessed)
		}
	}
	return c
}

// complianceProps are a result's compliance figures as daumoi properties:
// items met (x), assessed (y) and applicable (z), and x/y as a percentage.
func complianceProps(c assessments.Compliance) []arProp {
	return []arProp{
		prop("items-met", strconv.Itoa(c.Met)),
		prop("items-assessed", strconv.Itoa(c.Assessed())),
		prop("items-applicable", strconv.Itoa(c.Applicable())),
		prop("compliance-percent", strconv.FormatFloat(c.Percent(), 'f', 1, 64)),
	}
}
