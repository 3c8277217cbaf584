package session

import (
	"fmt"
	"time"

	"daumoi/data/audit"
	"daumoi/data/vault"
)

// History actions of journal recovery.
const (
	// ActionTailDropped: the vault dropped an incomplete last change at open.
	ActionTailDropped = "journal.tail_dropped"
	// ActionRepaired: a person confirmed dropping damaged last changes.
	ActionRepaired = "journal.repaired"
)

// SetRepair makes the next Unlock ask confirm before dropping damaged
// journal records (vault.ErrJournalDamaged); confirm returns true to drop
// exactly what the plan describes. Nil: never repair (the default).
func (l *Locked) SetRepair(confirm func(vault.RepairPlan) bool) {
	l.l.SetOpenOptions(vault.OpenOptions{Repair: confirm})
}

// recordDropped writes one history entry for each dropped journal tail the
// history does not mention yet (identified by the kept file's name), so an
// entry lost to a crash during unlock is written at the next one.
func recordDropped(tx *vault.Tx, drops []vault.DroppedTail, user string, now time.Time) error {
	for _, d := range drops {
		var n int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM audit WHERE action IN (?, ?) AND entity_id = ?`,
			ActionTailDropped, ActionRepaired, d.File).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			continue
		}
		if _, err := audit.Record(tx, droppedEntry(d, user, now)); err != nil {
			return err
		}
	}
	return nil
}

// droppedEntry is the history entry of a dropped tail. An automatic drop
// has no actor (the system did it); a repair is the unlocking user's.
func droppedEntry(d vault.DroppedTail, user string, now time.Time) audit.Entry {
	when := d.Modified.Local().Format("02/01/2006 15:04")
	e := audit.Entry{At: now, Action: ActionTailDropped, EntityType: "vault", EntityID: d.File,
		Summary: fmt.Sprintf("thay đổi cuối chưa ghi xong lúc %s đã bị bỏ (%d byte từ vị trí %d, giữ trong %s)",
			when, d.Bytes, d.Offset, d.File)}
	if d.Repaired {
		e.Actor, e.Action = user, ActionRepaired
		e.Summary = fmt.Sprintf("sổ ghi bị hỏng từ vị trí %d (ghi lần cuối lúc %s): đã bỏ %d byte, %d bản ghi, theo xác nhận khi mở khóa; giữ trong %s",
			d.Offset, when, d.Bytes, d.Records, d.File)
	}
	return e
}
