package token_test

import (
	"errors"
	"os/exec"
	"regexp"
	"strconv"
	"testing"

	"daumoi/data/token"
	"daumoi/data/token/tokentest"
)

// slotOf finds the test token's slot number in softhsm2-util's listing
// (SoftHSM2 numbers slots from the token's serial).
func slotOf(t *testing.T) int {
	t.Helper()
	out, err := exec.Command("softhsm2-util", "--show-slots").CombinedOutput()
	if err != nil {
		t.Fatalf("softhsm2-util --show-slots: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`(?s)Slot (\d+)\n.*?Label:\s+` + tokentest.Label).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no slot for %s in:\n%s", tokentest.Label, out)
	}
	n, err := strconv.Atoi(string(m[1]))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestOpenBySlotAndChoice(t *testing.T) {
	tok := tokentest.New(t)
	slot := slotOf(t)
	tk, err := token.Open(token.Config{Module: tok.Module, Slot: &slot}, tokentest.PIN)
	if err != nil {
		t.Fatalf("open by slot %d: %v", slot, err)
	}
	defer tk.Close()
	keys, err := tk.Keys()
	if err != nil || len(keys) != 1 || keys[0].Label != tokentest.KeyLabel || keys[0].Certificate.Subject.CommonName != tokentest.SignerName {
		t.Fatalf("keys: %v %+v", err, keys)
	}
	if k, err := tk.Find(""); err != nil || k.Label != tokentest.KeyLabel {
		t.Errorf("the only key: %v %+v", err, k)
	}
	if _, err := tk.Find("khác"); !errors.Is(err, token.ErrNoKey) {
		t.Errorf("unknown key label: %v", err)
	}
	if _, err := token.Open(token.Config{Module: tok.Module, Slot: &slot, Label: tokentest.Label}, tokentest.PIN); !errors.Is(err, token.ErrTokenNotChosen) {
		t.Errorf("both label and slot: %v", err)
	}
	if _, err := token.Open(token.Config{Module: tok.Module}, tokentest.PIN); !errors.Is(err, token.ErrTokenNotChosen) {
		t.Errorf("neither label nor slot: %v", err)
	}
	if err := tk.Close(); err != nil {
		t.Errorf("close: %v", err)
	}
	if _, err := tk.Keys(); !errors.Is(err, token.ErrTokenRemoved) {
		t.Errorf("keys of a closed token: %v", err)
	}
}
