package gui

import (
	"errors"
	"runtime"
	"testing"
	"time"

	"daumoi/data/session"
	"daumoi/data/vault"
)

// TestRaisedOtherLeavesTheVaultFree: checking for another instance must not
// keep the vault locked (the start that follows opens it), and with no
// other window (the command line holds the lock, or not Windows) the start
// goes on to explain.
func TestRaisedOtherLeavesTheVaultFree(t *testing.T) {
	dir, _ := newTestVault(t)
	if raisedOther(dir) {
		t.Fatal("a free vault was taken as open elsewhere")
	}
	l, err := session.OpenLocked(dir, time.Now)
	if err != nil {
		t.Fatalf("after the check the vault is not free: %v", err)
	}
	defer l.Close()
	if runtime.GOOS != "windows" && raisedOther(dir) {
		t.Fatal("no window to bring forward outside Windows, yet the start would end")
	}
	if _, err := session.OpenLocked(dir, time.Now); !errors.Is(err, vault.ErrLocked) {
		t.Fatalf("the check released the other holder's lock: %v", err)
	}
	if raisedOther(t.TempDir()) {
		t.Fatal("a folder with no vault was taken as open elsewhere")
	}
}
