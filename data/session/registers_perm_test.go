package session

import (
	"bytes"
	"errors"
	"testing"

	"daumoi/data/registers"
	"daumoi/data/tabular"
	"daumoi/data/users"
)

// TestRegisterPermissions runs every register service method as each role:
// allowed roles succeed, others get ErrNotPermitted and leave the history
// unchanged. The vault holds one system (id 1) and two assets (1, 2) made
// by the focal point.
func TestRegisterPermissions(t *testing.T) {
	csv := "Loại tài sản,Tên thiết bị,Hostname\nMáy chủ,Máy chủ mới,SRV-NEW\n"
	sheet, err := tabular.ReadCSV(bytes.NewReader([]byte(csv)), tabular.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	assetMap, err := tabular.DetectHeader(sheet, registers.AssetFields())
	if err != nil {
		t.Fatal(err)
	}
	sysSheet, err := tabular.ReadCSV(bytes.NewReader([]byte("Tên hệ thống\nHệ thống mới\n")), tabular.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	sysMap, err := tabular.DetectHeader(sysSheet, registers.SystemFields())
	if err != nil {
		t.Fatal(err)
	}
	calls := []struct {
		name string
		perm users.Permission
		call func(s *Session) error
	}{
		{"Profile", users.PermRead, func(s *Session) error { _, err := s.Profile(); return err }},
		{"SaveProfile", users.PermEditProfile, func(s *Session) error {
			return s.SaveProfile(registers.Profile{Name: "Sở Nội vụ", OwnerAuthority: "UBND tỉnh Vĩnh Long"})
		}},
		{"ListSystems", users.PermRead, func(s *Session) error { _, err := s.ListSystems(SystemFilter{}); return err }},
		{"GetSystem", users.PermRead, func(s *Session) error { _, err := s.GetSystem(1); return err }},
		{"SaveSystem", users.PermEditRegisters, func(s *Session) error { _, err := s.SaveSystem(sampleSystem("Mới")); return err }},
		{"AdvanceDossier", users.PermEditRegisters, func(s *Session) error {
			_, err := s.AdvanceDossier(1, registers.DossierStep{To: registers.DossierSubmitted, Date: "2026-11-25"})
			return err
		}},
		{"DeleteSystem", users.PermEditRegisters, func(s *Session) error { return s.DeleteSystem(1) }},
		{"ListAssets", users.PermRead, func(s *Session) error { _, err := s.ListAssets(AssetFilter{Text: "máy"}); return err }},
		{"Violations", users.PermRead, func(s *Session) error { _, err := s.Violations(); return err }},
		{"GetAsset", users.PermRead, func(s *Session) error { _, err := s.GetAsset(1); return err }},
		{"SaveAsset", users.PermEditRegisters, func(s *Session) error { _, err := s.SaveAsset(sampleAsset("PC-NEW")); return err }},
		{"AddRepair", users.PermEditRegisters, func(s *Session) error {
			_, err := s.AddRepair(1, registers.Repair{Date: "2026-11-20", What: "Thay quạt"})
			return err
		}},
		{"ReturnRepair", users.PermEditRegisters, func(s *Session) error { return s.ReturnRepair(1, 1, "2026-11-24") }},
		{"ChangeAssetStatus", users.PermEditRegisters, func(s *Session) error {
			return s.ChangeAssetStatus(1, registers.StatusDisposed, &registers.Sanitisation{Method: registers.MethodDestroy, Date: "2026-11-25", Performer: "Đức"})
		}},
		{"DeleteAsset", users.PermEditRegisters, func(s *Session) error { return s.DeleteAsset(2) }},
		{"ImportAssets", users.PermEditRegisters, func(s *Session) error {
			_, err := s.ImportAssets(sheet, assetMap, ImportOptions{})
			return err
		}},
		{"ImportAssets/dry-run", users.PermEditRegisters, func(s *Session) error {
			_, err := s.ImportAssets(sheet, assetMap, ImportOptions{DryRun: true})
			return err
		}},
		{"ImportSystems", users.PermEditRegisters, func(s *Session) error {
			_, err := s.ImportSystems(sysSheet, sysMap, ImportOptions{})
			return err
		}},
		{"ExportAssets", users.PermRead, func(s *Session) error { _, err := s.ExportAssets(&bytes.Buffer{}, FormatXLSX); return err }},
		{"ExportSystems", users.PermRead, func(s *Session) error { _, err := s.ExportSystems(&bytes.Buffer{}, FormatCSV); return err }},
	}
	for _, role := range users.AllRoles() {
		for _, c := range calls {
			t.Run(string(role)+"/"+c.name, func(t *testing.T) {
				dir, focal, _ := newVault(t)
				seedRegisters(t, focal)
				addReady(t, dir, focal, "actor", role)
				focal.Close()
				s := openReady(t, dir, "actor")
				before := historyLen(t, dir, s)
				err := c.call(s)
				allowed := (users.User{Roles: []users.Role{role}}).Can(c.perm)
				if allowed && err != nil {
					t.Fatalf("%s as %s: %v", c.name, role, err)
				}
				if !allowed {
					if !errors.Is(err, ErrNotPermitted) {
						t.Fatalf("%s as %s = %v, want ErrNotPermitted", c.name, role, err)
					}
					if after := historyLen(t, dir, s); after != before {
						t.Errorf("refused %s changed the history: %d → %d", c.name, before, after)
					}
				}
			})
		}
	}
}

// seedRegisters gives the vault system 1 and assets 1 and 2, asset 1 with
// repair 1.
func seedRegisters(t *testing.T, s *Session) {
	t.Helper()
	if _, err := s.SaveSystem(sampleSystem("Cổng thông tin")); err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{"PC-01", "PC-02"} {
		if _, err := s.SaveAsset(sampleAsset(h)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.AddRepair(1, registers.Repair{Date: "2026-11-01", What: "Thay ổ cứng"}); err != nil {
		t.Fatal(err)
	}
}
