package errtext

import (
	"daumoi/assets/i18n"
	"daumoi/data/vault"
)

// RepairPlan says exactly what a journal repair would drop, in cat's
// language: the command line and the GUI show the same text.
func RepairPlan(cat *i18n.Catalog, p vault.RepairPlan) string {
	return cat.T("repair.plan", p.Offset, p.Bytes, p.Records, p.KeptRecords, p.Modified.Local().Format("02/01/2006 15:04"))
}
