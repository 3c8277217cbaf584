package session

import (
	"bytes"
	"context"
	"daumoi/data/fsx/fsxtest"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"daumoi/data/audit"
	"daumoi/data/office"
	"daumoi/data/registers"
	"daumoi/data/tabular"
	"daumoi/data/users"
)

// permFixture prepares a vault for the calls of the permission table: seed
// makes it as the focal point and returns its folder and an evidence id
// (or ""), open signs in as a user added by addReady.
type permFixture struct {
	seed func(t *testing.T) (dir string, focal *Session, ev string)
	open func(t *testing.T, dir, name string) *Session
}

// permCall is one entry of the permission table: the permission the method
// needs (anyUser: every enabled user) and how to call it. A nil call is for
// a method no role can be refused (anyUser, or a permission every role
// holds), whose entry only documents it.
type permCall struct {
	perm users.Permission
	fix  *permFixture
	call func(s *Session, ev string) error
}

// The fixtures of the permission table.
var (
	// fixUsers: focal "huong" and user "spare" (IT).
	fixUsers = &permFixture{seed: func(t *testing.T) (string, *Session, string) {
		dir, focal, _ := newVault(t)
		addReady(t, dir, focal, "spare", users.RoleIT)
		return dir, focal, ""
	}, open: openReady}
	// fixRegisters: system 1 and assets 1 and 2, asset 1 with repair 1.
	fixRegisters = &permFixture{seed: func(t *testing.T) (string, *Session, string) {
		dir, focal, _ := newVault(t)
		seedRegisters(t, focal)
		return dir, focal, ""
	}, open: openReady}
	// fixComply: see seedComply.
	fixComply = &permFixture{seed: func(t *testing.T) (string, *Session, string) {
		dir, focal := newVaultAt(t, time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC))
		return dir, focal, seedComply(t, focal)
	}, open: openReadyAt}
	// fixIncidents: see seedIncidents.
	fixIncidents = &permFixture{seed: func(t *testing.T) (string, *Session, string) {
		dir, focal, _ := seedScanVault(t)
		return dir, focal, seedIncidents(t, focal, permScanReport)
	}, open: openReadyAt}
)

// permScanReport is the scan report of fixIncidents.
var permScanReport = nessusReport(nessusHost{"192.168.10.5", "srv-web01", []nessusItem{medWeb}}, nessusHost{"10.9.9.9", "la-may", []nessusItem{lowOdd}})

// permissionTable names every exported method of *Session (a key may add
// "/variant" for a second call of the same method) with the permission it
// needs. TestPermissionTable fails when a method has no entry.
func permissionTable(t *testing.T) map[string]permCall {
	csv := "Loại tài sản,Tên thiết bị,Hostname\nMáy chủ,Máy chủ mới,SRV-NEW\n"
	sheet, err := tabular.ReadCSV(bytes.NewReader([]byte(csv)), tabular.ReadOptions{})
	must(t, err)
	assetMap, err := tabular.DetectHeader(sheet, registers.AssetFields())
	must(t, err)
	sysSheet, err := tabular.ReadCSV(bytes.NewReader([]byte("Tên hệ thống\nHệ thống mới\n")), tabular.ReadOptions{})
	must(t, err)
	sysMap, err := tabular.DetectHeader(sysSheet, registers.SystemFields())
	must(t, err)
	noSigningKey := func(err error) error {
		if errors.Is(err, ErrNoSigningKey) {
			return nil // allowed to sign, but has no key (the bundle tests sign)
		}
		return err
	}
	return map[string]permCall{
		// The session itself, and the acting user's own account.
		"Dir":               {perm: anyUser},
		"VaultID":           {perm: anyUser},
		"Close":             {perm: anyUser},
		"Me":                {perm: anyUser},
		"IntegrityProblems": {perm: anyUser},
		"RegisterTemp":      {perm: anyUser},
		"ChangePassphrase":  {perm: anyUser}, // every open* of the fixtures calls it
		"Remember":          {perm: anyUser}, // keyring_test.go
		"Forget":            {perm: anyUser},
		"Kind":              {perm: anyUser},

		// The receiving office (an agency's roles hold none of PermReceive;
		// office roles: TestOfficeRolesPermissions).
		"Agencies":           {perm: users.PermRead},
		"Agency":             {perm: users.PermRead},
		"ReceivedBundles":    {perm: users.PermRead},
		"ReceivedBundleByID": {perm: users.PermRead},
		"OpenReceivedBundle": {perm: users.PermRead},
		"AddAgency":          {users.PermReceive, fixUsers, func(s *Session, _ string) error { return s.AddAgency(office.Agency{Code: "X", Name: "Y"}) }},
		"UpdateAgency":       {users.PermReceive, fixUsers, func(s *Session, _ string) error { return s.UpdateAgency(office.Agency{Code: "X", Name: "Y"}) }},
		"AddAgencyKey": {users.PermReceive, fixUsers, func(s *Session, _ string) error {
			_, err := s.AddAgencyKey("X", newPublicKey(t), vnDay("2026-01-01"))
			return err
		}},
		"RevokeAgencyKey": {users.PermReceive, fixUsers, func(s *Session, _ string) error {
			return s.RevokeAgencyKey("X", "AAAAAAAAAAAAAAAA", vnDay("2026-01-01"), "")
		}},
		"OfficeWarnings": {perm: users.PermRead},
		"OfficeWarning":  {perm: users.PermRead},
		"AddOfficeWarning": {users.PermReceive, fixUsers, func(s *Session, _ string) error {
			_, err := s.AddOfficeWarning(office.Warning{Received: vnDay("2026-01-05"), Source: "NCSC", Subject: "Lỗ hổng"})
			return err
		}},
		"UpdateOfficeWarning": {users.PermReceive, fixUsers, func(s *Session, _ string) error {
			return s.UpdateOfficeWarning(office.Warning{ID: 1, Received: vnDay("2026-01-05"), Source: "NCSC", Subject: "Lỗ hổng"})
		}},
		"RemoveOfficeWarning":   {users.PermReceive, fixUsers, func(s *Session, _ string) error { return s.RemoveOfficeWarning(1, "") }},
		"ReceiptFor":            {perm: users.PermRead},
		"OfficeKey":             {perm: users.PermRead},
		"ImportedReceipts":      {perm: users.PermRead},
		"ProvinceSummary":       {perm: users.PermRead},
		"RenderProvinceSummary": {perm: users.PermRead},
		"BuildProvinceBundle": {users.PermOfficeSign, fixUsers, func(s *Session, _ string) error {
			_, err := s.BuildProvinceBundle(SummaryRequest{Kind: SummaryAnnual, Year: 2026}, []byte("x"), &MemOutput{})
			return noSigningKey(err)
		}},
		"IssueReceipt": {users.PermOfficeSign, fixUsers, func(s *Session, _ string) error {
			_, err := s.IssueReceipt(1, []byte("mật khẩu ký"))
			return err
		}},
		"SetOfficeKey": {users.PermEditProfile, fixUsers, func(s *Session, _ string) error { return s.SetOfficeKey(newPublicKey(t)) }},
		"ImportReceipt": {users.PermEditRegisters, fixUsers, func(s *Session, _ string) error {
			if _, err := s.ImportReceipt("khong-co.json"); !errors.Is(err, ErrReceiptUnreadable) {
				return err
			}
			return nil
		}},
		"ImportAgencies": {users.PermReceive, fixUsers, func(s *Session, _ string) error {
			sheet, m := loadAgencyList(t, agencyList)
			_, err := s.ImportAgencies(sheet, m, ImportOptions{DryRun: true})
			return err
		}},
		"ImportAgencyKeys": {users.PermReceive, fixUsers, func(s *Session, _ string) error {
			_, err := s.ImportAgencyKeys(fsxtest.TempDir(t), vnDay("2026-01-01"), true)
			return err
		}},
		"IssueReceipts": {users.PermOfficeSign, fixUsers, func(s *Session, _ string) error {
			return s.IssueReceipts([]int64{1}, []byte("mật khẩu ký"), func(int, IssuedReceipt, error) error { return nil })
		}},
		"OpenBundleView":         {perm: users.PermRead},
		"ProvinceStatus":         {perm: users.PermRead},
		"ReceivedIncidentClocks": {perm: users.PermRead},
		"RequireKind":            {perm: anyUser},
		"TrustedRoots":           {perm: users.PermRead},
		"ProvinceTrend":          {perm: users.PermRead},
		"ReportSignatures":       {perm: users.PermRead},
		"SetTrustedRoots":        {users.PermReceive, fixUsers, func(s *Session, _ string) error { return s.SetTrustedRoots(nil) }},
		"IntakeFile": {users.PermReceive, fixUsers, func(s *Session, _ string) error {
			_, err := s.IntakeFile(context.Background(), "khong-co.zip", nil)
			return err
		}},
		"ProvinceItems":       {perm: users.PermRead},
		"ProvinceItemsByYear": {perm: users.PermRead},
		"ProvinceReminders":   {perm: users.PermRead},
		"FillReceivedItems": {users.PermReceive, fixUsers, func(s *Session, _ string) error {
			_, err := s.FillReceivedItems()
			return err
		}},
		"IntakeFiles": {users.PermReceive, fixUsers, func(s *Session, _ string) error {
			_, err := s.IntakeFiles(context.Background(), []string{"khong-co.zip"}, nil)
			return err
		}},

		// Users, history, evidence files, backup, keys.
		"ListUsers": {users.PermRead, fixUsers, func(s *Session, _ string) error { _, err := s.ListUsers(); return err }},
		"AddUser": {users.PermManageUsers, fixUsers, func(s *Session, _ string) error {
			return s.AddUser(users.User{Name: "moi", Roles: []users.Role{users.RoleIT}}, []byte("mật khẩu người mới"))
		}},
		"UpdateUser": {users.PermManageUsers, fixUsers, func(s *Session, _ string) error {
			return s.UpdateUser(users.User{Name: "huong", FullName: "Nguyễn Thị Thu Hương", Position: "Chuyên viên", Roles: []users.Role{users.RoleFocal}})
		}},
		"SetDisabled": {users.PermManageUsers, fixUsers, func(s *Session, _ string) error { return s.SetDisabled("spare", true) }},
		"ResetPassphrase": {users.PermManageUsers, fixUsers, func(s *Session, _ string) error {
			return s.ResetPassphrase("spare", []byte("mật khẩu đặt lại"))
		}},
		"History":       {users.PermViewHistory, fixUsers, func(s *Session, _ string) error { _, err := s.History(audit.Filter{}); return err }},
		"VerifyHistory": {users.PermRead, fixUsers, func(s *Session, _ string) error { _, err := s.VerifyHistory(); return err }},
		"AddEvidence": {users.PermAddEvidence, fixUsers, func(s *Session, _ string) error {
			_, err := s.AddEvidence(context.Background(), strings.NewReader("biên bản"), EvidenceMeta{FileName: "bb.txt"}, nil)
			return err
		}},
		"ListEvidence":    {users.PermRead, fixUsers, func(s *Session, _ string) error { _, err := s.ListEvidence(); return err }},
		"OpenEvidence":    {perm: users.PermExportEvidence},
		"CopyEvidence":    {perm: users.PermExportEvidence},
		"Backup":          {users.PermBackup, fixUsers, func(s *Session, _ string) error { return s.Backup(&bytes.Buffer{}) }},
		"RotateKey":       {users.PermManageKeys, fixUsers, func(s *Session, _ string) error { return s.RotateKey() }},
		"NewRecoveryCode": {users.PermManageKeys, fixUsers, func(s *Session, _ string) error { _, err := s.NewRecoveryCode(); return err }},

		// Signing keys, reports and bundles.
		"CreateSigningKey": {users.PermSign, fixUsers, func(s *Session, _ string) error {
			_, err := s.CreateSigningKey([]byte("chỉ lãnh đạo biết 2026"))
			return err
		}},
		"Dashboard":         {perm: users.PermRead},
		"SigningKey":        {perm: users.PermRead},
		"SigningKeyHistory": {perm: users.PermRead},
		"ManagerSigningKey": {perm: users.PermRead},
		"IssuedReports":     {perm: users.PermRead},
		"PlanTasks":         {perm: users.PermRead},
		"ReportDocument":    {perm: users.PermRead},
		"RenderReport":      {perm: users.PermRead},
		"BuildBundle": {users.PermSign, fixUsers, func(s *Session, _ string) error {
			_, err := s.BuildBundle(BundleRequest{Kind: string(ReportAnnual), Year: 2026}, []byte("x"), &MemOutput{})
			return noSigningKey(err)
		}},

		// Registers.
		"Profile": {users.PermRead, fixRegisters, func(s *Session, _ string) error { _, err := s.Profile(); return err }},
		"SaveProfile": {users.PermEditProfile, fixRegisters, func(s *Session, _ string) error {
			return s.SaveProfile(registers.Profile{Name: "Sở Nội vụ", OwnerAuthority: "UBND tỉnh Vĩnh Long"})
		}},
		"SignatureImages": {users.PermRead, fixRegisters, func(s *Session, _ string) error { _, err := s.SignatureImages(); return err }},
		"SaveSignatureImages": {users.PermEditProfile, fixRegisters, func(s *Session, _ string) error {
			return s.SaveSignatureImages(SignatureImages{})
		}},
		"SaveSigning": {users.PermEditProfile, fixRegisters, func(s *Session, _ string) error {
			return s.SaveSigning(registers.Signing{Abbreviation: "SNV", HeadTitle: "Giám đốc", SignAs: registers.SignAsDeputy})
		}},
		"ListSystems": {users.PermRead, fixRegisters, func(s *Session, _ string) error { _, err := s.ListSystems(SystemFilter{}); return err }},
		"GetSystem":   {users.PermRead, fixRegisters, func(s *Session, _ string) error { _, err := s.GetSystem(1); return err }},
		"SaveSystem":  {users.PermEditRegisters, fixRegisters, func(s *Session, _ string) error { _, err := s.SaveSystem(sampleSystem("Mới")); return err }},
		"AdvanceDossier": {users.PermEditRegisters, fixRegisters, func(s *Session, _ string) error {
			_, err := s.AdvanceDossier(1, registers.DossierStep{To: registers.DossierSubmitted, Date: "2026-11-25"})
			return err
		}},
		"DeleteSystem": {users.PermEditRegisters, fixRegisters, func(s *Session, _ string) error { return s.DeleteSystem(1) }},
		"ListAssets":   {users.PermRead, fixRegisters, func(s *Session, _ string) error { _, err := s.ListAssets(AssetFilter{Text: "máy"}); return err }},
		"Violations":   {users.PermRead, fixRegisters, func(s *Session, _ string) error { _, err := s.Violations(); return err }},
		"GetAsset":     {users.PermRead, fixRegisters, func(s *Session, _ string) error { _, err := s.GetAsset(1); return err }},
		"SaveAsset":    {users.PermEditRegisters, fixRegisters, func(s *Session, _ string) error { _, err := s.SaveAsset(sampleAsset("PC-NEW")); return err }},
		"AddRepair": {users.PermEditRegisters, fixRegisters, func(s *Session, _ string) error {
			_, err := s.AddRepair(1, registers.Repair{Date: "2026-11-20", What: "Thay quạt"})
			return err
		}},
		"ReturnRepair": {users.PermEditRegisters, fixRegisters, func(s *Session, _ string) error { return s.ReturnRepair(1, 1, "2026-11-24") }},
		"ChangeAssetStatus": {users.PermEditRegisters, fixRegisters, func(s *Session, _ string) error {
			return s.ChangeAssetStatus(1, registers.StatusDisposed, &registers.Sanitisation{Method: registers.MethodDestroy, Date: "2026-11-25", Performer: "Đức"})
		}},
		"DeleteAsset": {users.PermEditRegisters, fixRegisters, func(s *Session, _ string) error { return s.DeleteAsset(2) }},
		"ImportAssets": {users.PermEditRegisters, fixRegisters, func(s *Session, _ string) error {
			_, err := s.ImportAssets(sheet, assetMap, ImportOptions{})
			return err
		}},
		"ImportAssets/dry-run": {users.PermEditRegisters, fixRegisters, func(s *Session, _ string) error {
			_, err := s.ImportAssets(sheet, assetMap, ImportOptions{DryRun: true})
			return err
		}},
		"ImportSystems": {users.PermEditRegisters, fixRegisters, func(s *Session, _ string) error {
			_, err := s.ImportSystems(sysSheet, sysMap, ImportOptions{})
			return err
		}},
		"ExportAssets":  {users.PermRead, fixRegisters, func(s *Session, _ string) error { _, err := s.ExportAssets(&bytes.Buffer{}, FormatXLSX); return err }},
		"ExportSystems": {users.PermRead, fixRegisters, func(s *Session, _ string) error { _, err := s.ExportSystems(&bytes.Buffer{}, FormatCSV); return err }},

		// Packs, levels, assessments, evidence metadata, activities, obligations.
		"ListPacks":   {users.PermRead, fixComply, func(s *Session, _ string) error { _, err := s.ListPacks(); return err }},
		"ActivePacks": {users.PermRead, fixComply, func(s *Session, _ string) error { _, err := s.ActivePacks(); return err }},
		"ImportPack": {users.PermManagePacks, fixComply, func(s *Session, _ string) error {
			_, err := s.ImportPack(mutate(`"version": 1`, `"version": 2`))
			return err
		}},
		"SetPackActive": {users.PermManagePacks, fixComply, func(s *Session, _ string) error { return s.SetPackActive("tt12-2022", false) }},
		"SuggestLevel": {users.PermRead, fixComply, func(s *Session, _ string) error {
			_, err := s.SuggestLevel(1, map[string]string{"q-secret": "yes"})
			return err
		}},
		"AcceptLevelSuggestion": {users.PermEditRegisters, fixComply, func(s *Session, _ string) error {
			_, err := s.AcceptLevelSuggestion(1, LevelSuggestion{Answers: map[string]string{"q-users": "yes"}})
			return err
		}},
		"OpenAssessment":  {users.PermAssess, fixComply, func(s *Session, _ string) error { _, err := s.OpenAssessment(1, "2027"); return err }},
		"GetAssessment":   {users.PermRead, fixComply, func(s *Session, _ string) error { _, err := s.GetAssessment(1); return err }},
		"ListAssessments": {users.PermRead, fixComply, func(s *Session, _ string) error { _, err := s.ListAssessments(0); return err }},
		"SetAssessmentItem": {users.PermAssess, fixComply, func(s *Session, _ string) error {
			return s.SetAssessmentItem(1, "it1", ItemFail, "Chưa có biên bản", nil)
		}},
		"ApproveAssessment": {users.PermApprove, fixComply, func(s *Session, _ string) error { return s.ApproveAssessment(1) }},
		"ReturnAssessment":  {users.PermApprove, fixComply, func(s *Session, _ string) error { return s.ReturnAssessment(1, "Bổ sung biên bản") }},
		"LatestAssessment": {users.PermRead, fixComply, func(s *Session, _ string) error {
			_, err := s.LatestAssessment(1, "2026")
			return err
		}},
		"NewRevision":            {users.PermAssess, fixComply, func(s *Session, _ string) error { _, err := s.NewRevision(2); return err }},
		"CopyPrevious":           {users.PermAssess, fixComply, func(s *Session, _ string) error { _, err := s.CopyPrevious(1); return err }},
		"SetEvidenceDates":       {users.PermAddEvidence, fixComply, func(s *Session, ev string) error { return s.SetEvidenceDates(ev, "2026-01-01", "2027-01-01") }},
		"SetEvidenceDescription": {users.PermAddEvidence, fixComply, func(s *Session, ev string) error { return s.SetEvidenceDescription(ev, "Mô tả") }},
		"SetEvidenceTitle":       {users.PermAddEvidence, fixComply, func(s *Session, ev string) error { return s.SetEvidenceTitle(ev, "Tiêu đề mới") }},
		"EvidenceInfo":           {users.PermRead, fixComply, func(s *Session, ev string) error { _, err := s.EvidenceInfo(ev); return err }},
		"LinkEvidence": {users.PermAddEvidence, fixComply, func(s *Session, ev string) error {
			return s.LinkEvidence(ev, EvidenceLink{LinkItem, "kiem-thu/it1"})
		}},
		"UnlinkEvidence": {users.PermAddEvidence, fixComply, func(s *Session, ev string) error {
			return s.UnlinkEvidence(ev, EvidenceLink{LinkSystem, "1"})
		}},
		"EvidenceLinks": {users.PermRead, fixComply, func(s *Session, ev string) error { _, err := s.EvidenceLinks(ev); return err }},
		"RecordActivity": {users.PermEditRegisters, fixComply, func(s *Session, _ string) error {
			_, err := s.RecordActivity(Activity{Kind: "drill", SystemID: 1, Date: "2026-11-20"})
			return err
		}},
		"ListActivities":   {users.PermRead, fixComply, func(s *Session, _ string) error { _, err := s.ListActivities(ActivityFilter{}); return err }},
		"ActivityKinds":    {users.PermRead, fixComply, func(s *Session, _ string) error { _, err := s.ActivityKinds(); return err }},
		"AgencyRoles":      {users.PermRead, fixComply, func(s *Session, _ string) error { _, err := s.AgencyRoles(); return err }},
		"KnownAgencyRoles": {users.PermRead, fixComply, func(s *Session, _ string) error { _, err := s.KnownAgencyRoles(); return err }},
		"SetAgencyRoles":   {users.PermEditProfile, fixComply, func(s *Session, _ string) error { return s.SetAgencyRoles([]string{"system_owner"}) }},
		"ObligationKinds": {users.PermRead, fixComply, func(s *Session, _ string) error {
			_, err := s.ObligationKinds("kiem-thu", "scan")
			return err
		}},
		"MarkObligationNotApplicable": {users.PermEditRegisters, fixComply, func(s *Session, _ string) error {
			list, err := s.Obligations(s.now())
			if err != nil || len(list) == 0 {
				return fmt.Errorf("no obligation to mark: %v", err)
			}
			return s.MarkObligationNotApplicable(list[0].ID, "Không có hệ thống này")
		}},
		"Obligations": {users.PermRead, fixComply, func(s *Session, _ string) error {
			_, err := s.Obligations(time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
			return err
		}},

		// Incidents, scans, findings, plans, drills, warnings, awareness.
		"AddIncident": {users.PermEditRegisters, fixIncidents, func(s *Session, _ string) error {
			_, err := s.AddIncident(Incident{Title: "Lừa đảo qua thư", Type: "phishing", Detected: detected2300})
			return err
		}},
		"UpdateIncident": {users.PermEditRegisters, fixIncidents, func(s *Session, _ string) error {
			_, err := s.UpdateIncident(Incident{ID: 1, Title: "Đổi tên", Detected: detected2300})
			return err
		}},
		"GetIncident":   {users.PermRead, fixIncidents, func(s *Session, _ string) error { _, err := s.GetIncident(1); return err }},
		"ListIncidents": {users.PermRead, fixIncidents, func(s *Session, _ string) error { _, err := s.ListIncidents(); return err }},
		"AdvanceIncident": {users.PermEditRegisters, fixIncidents, func(s *Session, _ string) error {
			_, err := s.AdvanceIncident(1, IncidentNotified, time.Time{})
			return err
		}},
		"RecordIncidentNotification": {users.PermEditRegisters, fixIncidents, func(s *Session, _ string) error {
			_, err := s.RecordIncidentNotification(1, IncidentNotification{Kind: "incident_report"})
			return err
		}},
		"AddTimelineEntry":     {users.PermEditRegisters, fixIncidents, func(s *Session, _ string) error { return s.AddTimelineEntry(1, time.Time{}, "Cách ly máy") }},
		"LinkIncidentEvidence": {users.PermAddEvidence, fixIncidents, func(s *Session, ev string) error { return s.LinkIncidentEvidence(1, ev) }},
		"IncidentDeadlines":    {users.PermRead, fixIncidents, func(s *Session, _ string) error { _, err := s.IncidentDeadlines(1, detected2300); return err }},
		"IncidentDocument":     {users.PermRead, fixIncidents, func(s *Session, _ string) error { _, err := s.IncidentDocument(1, IncidentReportInitial); return err }},
		"RenderIncidentReport": {users.PermRead, fixIncidents, func(s *Session, _ string) error {
			_, err := s.RenderIncidentReport(1, IncidentReportInitial, io.Discard)
			return err
		}},
		"IncidentEmail": {users.PermRead, fixIncidents, func(s *Session, _ string) error { _, _, err := s.IncidentEmail(1); return err }},
		"BuildIncidentBundle": {users.PermSign, fixIncidents, func(s *Session, _ string) error {
			_, err := s.BuildIncidentBundle(IncidentBundleRequest{IncidentID: 1}, []byte("x"), &MemOutput{})
			return noSigningKey(err)
		}},
		"RecordScan": {users.PermEditRegisters, fixIncidents, func(s *Session, _ string) error {
			_, err := s.RecordScan(Scan{SystemID: 1, Date: "2026-11-24", Kind: ScanThreatHunt})
			return err
		}},
		"ListScans": {users.PermRead, fixIncidents, func(s *Session, _ string) error { _, err := s.ListScans(0); return err }},
		"ImportScanReport": {users.PermEditRegisters, fixIncidents, func(s *Session, _ string) error {
			_, err := s.ImportScanReport(strings.NewReader(permScanReport), ScanImport{SystemID: 1, Date: "2026-11-24"})
			return err
		}},
		"ListFindings":       {users.PermRead, fixIncidents, func(s *Session, _ string) error { _, err := s.ListFindings(FindingFilter{}); return err }},
		"RemediationPolicy":  {users.PermRead, fixIncidents, func(s *Session, _ string) error { _, err := s.RemediationPolicy(1); return err }},
		"ListUnmatchedHosts": {users.PermRead, fixIncidents, func(s *Session, _ string) error { _, err := s.ListUnmatchedHosts(0); return err }},
		"AssignHost": {users.PermEditRegisters, fixIncidents, func(s *Session, _ string) error {
			_, err := s.AssignHost(HostAssignment{SystemID: 1, Host: "10.9.9.9", AssetID: 1, RememberAddress: true})
			return err
		}},
		"UpdateFinding": {users.PermEditRegisters, fixIncidents, func(s *Session, _ string) error {
			_, err := s.UpdateFinding(1, FindingUpdate{Status: FindingInProgress})
			return err
		}},
		"RecordResponsePlan": {users.PermEditRegisters, fixIncidents, func(s *Session, _ string) error {
			_, err := s.RecordResponsePlan(ResponsePlan{SystemID: 1, Version: "1", ApprovedOn: "2026-11-01"})
			return err
		}},
		"ListResponsePlans": {users.PermRead, fixIncidents, func(s *Session, _ string) error { _, err := s.ListResponsePlans(0); return err }},
		"RecordDrill": {users.PermEditRegisters, fixIncidents, func(s *Session, _ string) error {
			_, err := s.RecordDrill(Drill{Date: "2026-11-01", Scenario: "Mã độc", SystemIDs: []int64{1}, LiveFire: true})
			return err
		}},
		"ListDrills": {users.PermRead, fixIncidents, func(s *Session, _ string) error { _, err := s.ListDrills(); return err }},
		"RecordWarning": {users.PermEditRegisters, fixIncidents, func(s *Session, _ string) error {
			_, err := s.RecordWarning(Warning{Number: "1/CB", Date: "2026-11-01"})
			return err
		}},
		"SetWarningStatus": {users.PermEditRegisters, fixIncidents, func(s *Session, _ string) error { return s.SetWarningStatus(1, WarningClosed, "Đã vá") }},
		"ListWarnings":     {users.PermRead, fixIncidents, func(s *Session, _ string) error { _, err := s.ListWarnings(); return err }},
		"RecordAwareness": {users.PermEditRegisters, fixIncidents, func(s *Session, _ string) error {
			_, err := s.RecordAwareness(AwarenessSession{Date: "2026-11-01", Topic: "Thư lừa đảo", Attendees: 10})
			return err
		}},
		"ListAwareness": {users.PermRead, fixIncidents, func(s *Session, _ string) error { _, err := s.ListAwareness(); return err }},
	}
}

// TestPermissionTable checks that every exported method of *Session has an
// entry in permissionTable and every entry names a method, so that a new
// method cannot be added without saying what it needs.
func TestPermissionTable(t *testing.T) {
	table := permissionTable(t)
	typ := reflect.TypeFor[*Session]()
	var methods []string
	for i := range typ.NumMethod() {
		m := typ.Method(i).Name
		methods = append(methods, m)
		if _, ok := table[m]; !ok {
			t.Errorf("(*Session).%s has no entry in permissionTable", m)
		}
	}
	for key, c := range table {
		name, _, _ := strings.Cut(key, "/")
		if !slices.Contains(methods, name) {
			t.Errorf("permissionTable entry %q names no method of *Session", key)
		}
		if c.call == nil && c.perm != anyUser && len(rolesWithout(c.perm)) > 0 {
			t.Errorf("permissionTable entry %q: some role lacks %s, so it needs a call that checks the refusal", key, c.perm)
		}
		if (c.call == nil) != (c.fix == nil) {
			t.Errorf("permissionTable entry %q: a call needs a fixture and a fixture a call", key)
		}
	}
}

// rolesWithout lists the roles that do not hold p.
func rolesWithout(p users.Permission) []users.Role {
	var out []users.Role
	for _, r := range users.AllRoles() {
		if !(users.User{Roles: []users.Role{r}}).Can(p) {
			out = append(out, r)
		}
	}
	return out
}

// TestPermissions runs every call of permissionTable as each role: allowed
// roles succeed, others get ErrNotPermitted and leave the history
// unchanged.
func TestPermissions(t *testing.T) {
	table := permissionTable(t)
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range table {
			if !yield(k) {
				return
			}
		}
	})
	for _, role := range users.AllRoles() {
		for _, key := range keys {
			c := table[key]
			if c.call == nil {
				continue
			}
			t.Run(string(role)+"/"+key, func(t *testing.T) {
				dir, focal, ev := c.fix.seed(t)
				addReady(t, dir, focal, "actor", role)
				focal.Close()
				s := c.fix.open(t, dir, "actor")
				before := historyLen(t, dir, s)
				err := c.call(s, ev)
				allowed := (users.User{Roles: []users.Role{role}}).Can(c.perm)
				if allowed && err != nil {
					t.Fatalf("%s as %s: %v", key, role, err)
				}
				if !allowed {
					if !errors.Is(err, ErrNotPermitted) {
						t.Fatalf("%s as %s = %v, want ErrNotPermitted", key, role, err)
					}
					if after := historyLen(t, dir, s); after != before {
						t.Errorf("refused %s changed the history: %d → %d", key, before, after)
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

// seedComply prepares what TestComplyPermissions's calls act on and
// returns the evidence id.
func seedComply(t *testing.T, s *Session) string {
	t.Helper()
	onlyTestPack(t, s)
	sys := systemAt(t, s, "Một cửa điện tử", 3, "2025-01-01")
	ev, err := s.AddEvidence(context.Background(), strings.NewReader("biên bản"), EvidenceMeta{FileName: "bb.txt"}, nil)
	must(t, err)
	must(t, s.LinkEvidence(ev.ID, EvidenceLink{LinkSystem, "1"}))
	for _, period := range []string{"2026", "2025"} {
		a, err := s.OpenAssessment(sys.ID, period)
		must(t, err)
		for _, it := range []string{"it1", "it2", "it3"} {
			must(t, s.SetAssessmentItem(a.ID, it, ItemPass, "", nil))
		}
	}
	must(t, s.ApproveAssessment(2))
	return ev.ID
}

// seedIncidents adds what TestIncidentPermissions acts on and returns the
// evidence id.
func seedIncidents(t *testing.T, s *Session, report string) string {
	t.Helper()
	_, err := s.ImportScanReport(strings.NewReader(report), ScanImport{SystemID: 1, Date: "2026-11-20"})
	must(t, err)
	_, err = s.AddIncident(Incident{Title: "Thay đổi giao diện", Type: "defacement", Detected: detected2300, SystemID: 1})
	must(t, err)
	_, err = s.RecordWarning(Warning{Number: "99/CB", Date: "2026-11-02", CVEs: []string{"CVE-2023-48795"}})
	must(t, err)
	ev, err := s.AddEvidence(context.Background(), strings.NewReader("nhật ký"), EvidenceMeta{FileName: "log.txt"}, nil)
	must(t, err)
	return ev.ID
}
