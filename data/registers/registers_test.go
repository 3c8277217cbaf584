package registers

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"daumoi/data/tabular"
)

func TestNormalizeIPs(t *testing.T) {
	cases := []struct {
		in   string
		want []string
		err  error
	}{
		{"", nil, nil},
		{"10.70.1.1", []string{"10.70.1.1"}, nil},
		{" 10.0.0.1, 10.0.0.2;10.0.0.1 ", []string{"10.0.0.1", "10.0.0.2"}, nil},
		{"FE80::0001", []string{"fe80::1"}, nil},
		{"::ffff:10.0.0.1", []string{"10.0.0.1"}, nil},
		{"10.0.0.256", nil, ErrBadIP},
		{"192.168.001.010", nil, ErrBadIP},
		{"fe80::1%eth0", nil, ErrBadIP},
		{"10.0.0.0/24", nil, ErrBadIP},
		{"máy chủ", nil, ErrBadIP},
	}
	for _, c := range cases {
		got, err := NormalizeIPs(c.in)
		if !errors.Is(err, c.err) || (c.err == nil && !slices.Equal(got, c.want)) {
			t.Errorf("NormalizeIPs(%q) = %v, %v; want %v, %v", c.in, got, err, c.want, c.err)
		}
	}
}

func TestNormalizeMACs(t *testing.T) {
	cases := []struct {
		in   string
		want []string
		err  error
	}{
		{"aa:bb:cc:dd:ee:ff", []string{"AA:BB:CC:DD:EE:FF"}, nil},
		{"AA-BB-CC-DD-EE-FF", []string{"AA:BB:CC:DD:EE:FF"}, nil},
		{"aabb.ccdd.eeff", []string{"AA:BB:CC:DD:EE:FF"}, nil},
		{"aabbccddeeff 001122334455", []string{"AA:BB:CC:DD:EE:FF", "00:11:22:33:44:55"}, nil},
		{"aa:bb:cc:dd:ee", nil, ErrBadMAC},
		{"00:00:00:00:fe:80:00:00:00:00:00:00:02:00:5e:10:00:00:00:01", nil, ErrBadMAC},
		{"gg:bb:cc:dd:ee:ff", nil, ErrBadMAC},
	}
	for _, c := range cases {
		got, err := NormalizeMACs(c.in)
		if !errors.Is(err, c.err) || (c.err == nil && !slices.Equal(got, c.want)) {
			t.Errorf("NormalizeMACs(%q) = %v, %v; want %v, %v", c.in, got, err, c.want, c.err)
		}
	}
}

func TestShapes(t *testing.T) {
	cases := []struct {
		name string
		fn   func(string) (string, error)
		in   string
		want string
		err  error
	}{
		{"hostname", NormalizeHostname, "PC-KETOAN-01", "PC-KETOAN-01", nil},
		{"hostname fqdn", NormalizeHostname, "srv01.snv.vinhlong.gov.vn.", "srv01.snv.vinhlong.gov.vn", nil},
		{"hostname underscore", NormalizeHostname, "PC_KT_01", "PC_KT_01", nil},
		{"hostname space", NormalizeHostname, "PC KT", "", ErrBadHostname},
		{"hostname diacritics", NormalizeHostname, "máy-01", "", ErrBadHostname},
		{"hostname dash", NormalizeHostname, "-pc", "", ErrBadHostname},
		{"hostname empty label", NormalizeHostname, "a..b", "", ErrBadHostname},
		{"email", NormalizeEmail, " huong@example.vn ", "huong@example.vn", nil},
		{"email display name", NormalizeEmail, "Hương <huong@example.vn>", "", ErrBadEmail},
		{"email no domain dot", NormalizeEmail, "huong@localhost", "", ErrBadEmail},
		{"email no at", NormalizeEmail, "huong.example.vn", "", ErrBadEmail},
		{"phone", NormalizePhone, "0270  3822 999", "0270 3822 999", nil},
		{"phone intl", NormalizePhone, "+84 (912) 345-678", "+84 (912) 345-678", nil},
		{"phone short", NormalizePhone, "113", "113", nil},
		{"phone letters", NormalizePhone, "0912 abc", "", ErrBadPhone},
		{"phone too long", NormalizePhone, "0123456789012345678", "", ErrBadPhone},
		{"phone plus inside", NormalizePhone, "09+12", "", ErrBadPhone},
		{"url", NormalizeURL, "https://sonoivu.vinhlong.gov.vn/lien-he", "https://sonoivu.vinhlong.gov.vn/lien-he", nil},
		{"url scheme", NormalizeURL, "ftp://example.vn", "", ErrBadURL},
		{"url javascript", NormalizeURL, "javascript:alert(1)", "", ErrBadURL},
		{"url no host", NormalizeURL, "https://", "", ErrBadURL},
		{"date vn", NormalizeDate, "25/11/2026", "2026-11-25", nil},
		{"date iso", NormalizeDate, "2026-11-25", "2026-11-25", nil},
		{"date impossible", NormalizeDate, "31/02/2026", "", ErrBadDate},
		{"date words", NormalizeDate, "hôm qua", "", ErrBadDate},
	}
	for _, c := range cases {
		got, err := c.fn(c.in)
		if !errors.Is(err, c.err) || (c.err == nil && got != c.want) {
			t.Errorf("%s(%q) = %q, %v; want %q, %v", c.name, c.in, got, err, c.want, c.err)
		}
	}
}

func TestParseWords(t *testing.T) {
	yes := []string{"có", "Có", "CO", "x", "X", "yes", "Y", "true", "1", "✓", "đúng"}
	no := []string{"", "không", "KHÔNG", "khong", "no", "n", "false", "0", "-", "sai"}
	for _, s := range yes {
		if b, err := ParseYesNo(s); !b || err != nil {
			t.Errorf("ParseYesNo(%q) = %v, %v", s, b, err)
		}
	}
	for _, s := range no {
		if b, err := ParseYesNo(s); b || err != nil {
			t.Errorf("ParseYesNo(%q) = %v, %v", s, b, err)
		}
	}
	if _, err := ParseYesNo("có lẽ"); !errors.Is(err, ErrBadYesNo) {
		t.Errorf("ParseYesNo(có lẽ) = %v", err)
	}
	types := map[string]AssetType{"Máy chủ": AssetServer, "may chu": AssetServer, "server": AssetServer, "Tường lửa": AssetSecurityDevice,
		"MÁY TÍNH XÁCH TAY": AssetLaptop, "network_device": AssetNetworkDevice, "CSDL": AssetDataSet}
	for in, want := range types {
		if got, err := ParseAssetType(in); got != want || err != nil {
			t.Errorf("ParseAssetType(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseAssetType("Máy pha cà phê"); !errors.Is(err, ErrUnknownAssetType) {
		t.Errorf("unknown type = %v", err)
	}
	for _, st := range AssetStatuses() {
		if got, err := ParseAssetStatus(st.Label()); got != st || err != nil {
			t.Errorf("ParseAssetStatus(%q) = %q, %v", st.Label(), got, err)
		}
	}
	levels := map[string]int{"": 0, "3": 3, "Cấp độ 2": 2, "level 5": 5}
	for in, want := range levels {
		if got, err := ParseLevel(in); got != want || err != nil {
			t.Errorf("ParseLevel(%q) = %d, %v", in, got, err)
		}
	}
	for _, in := range []string{"6", "0", "ba", "-1"} {
		if _, err := ParseLevel(in); !errors.Is(err, ErrBadLevel) {
			t.Errorf("ParseLevel(%q) = %v", in, err)
		}
	}
	infos, err := ParseInfoTypes("Bí mật nhà nước; công cộng, cá nhân")
	if err != nil || !slices.Equal(infos, []InfoType{InfoPublic, InfoPersonal, InfoStateSecret}) {
		t.Errorf("ParseInfoTypes = %v, %v", infos, err)
	}
	if _, err := ParseInfoTypes("tối mật hơn"); !errors.Is(err, ErrUnknownInfoType) {
		t.Errorf("unknown info type = %v", err)
	}
	if n, err := ParseCount("1.200"); n != 1200 || err != nil {
		t.Errorf("ParseCount = %d, %v", n, err)
	}
	if _, err := ParseCount("nhiều"); !errors.Is(err, ErrBadNumber) {
		t.Errorf("ParseCount(nhiều) = %v", err)
	}
}

func TestDossierTransitions(t *testing.T) {
	all := DossierStates()
	allowed := map[[2]DossierState]bool{
		{DossierDrafting, DossierSubmitted}: true, {DossierSubmitted, DossierAppraised}: true,
		{DossierSubmitted, DossierDrafting}: true, {DossierAppraised, DossierApproved}: true,
		{DossierAppraised, DossierDrafting}: true, {DossierApproved, DossierDrafting}: true,
	}
	for _, from := range all {
		for _, to := range all {
			if got := CanAdvance(from, to); got != allowed[[2]DossierState{from, to}] {
				t.Errorf("CanAdvance(%s, %s) = %v", from, to, got)
			}
		}
	}
	s := System{Name: "x"}
	if _, err := Advance(s, DossierStep{To: DossierSubmitted, Date: "2026-01-01"}, "u"); !errors.Is(err, ErrLevelRequired) {
		t.Errorf("submit without level = %v", err)
	}
	if _, err := Advance(s, DossierStep{To: "archived", Date: "2026-01-01"}, "u"); !errors.Is(err, ErrInvalidTransition) {
		t.Errorf("unknown state = %v", err)
	}
}

func TestStatusChanges(t *testing.T) {
	allowed := map[[2]AssetStatus]bool{
		{StatusInUse, StatusUnderRepair}: true, {StatusInUse, StatusRepurposed}: true, {StatusInUse, StatusDisposed}: true,
		{StatusUnderRepair, StatusInUse}: true, {StatusUnderRepair, StatusRepurposed}: true, {StatusUnderRepair, StatusDisposed}: true,
		{StatusRepurposed, StatusInUse}: true, {StatusRepurposed, StatusUnderRepair}: true, {StatusRepurposed, StatusDisposed}: true,
	}
	for _, from := range AssetStatuses() {
		for _, to := range AssetStatuses() {
			if got := CanChangeStatus(from, to); got != allowed[[2]AssetStatus{from, to}] {
				t.Errorf("CanChangeStatus(%s, %s) = %v", from, to, got)
			}
		}
	}
}

func TestViolation(t *testing.T) {
	cases := []struct {
		internet, lan, secret, want bool
	}{
		{false, false, true, false}, {true, false, true, true}, {false, true, true, true}, {true, true, false, false},
	}
	for _, c := range cases {
		a := Asset{Internet: c.internet, LAN: c.lan, StateSecret: c.secret}
		if a.Violation() != c.want {
			t.Errorf("%+v: Violation = %v", c, !c.want)
		}
	}
}

func TestAssetFromRecordSanitisation(t *testing.T) {
	rec := func(v map[string]string) tabular.Record { return tabular.Record{Row: 2, Values: v} }
	base := map[string]string{"type": "máy trạm", "name": "PC", "status": "Đã thanh lý"}
	if _, probs := AssetFromRecord(rec(base), nil); len(probs) != 1 || !errors.Is(probs[0], ErrSanitisationRequired) {
		t.Errorf("disposed without sanitisation: %v", probs)
	}
	full := map[string]string{"type": "máy trạm", "name": "PC", "status": "Đã thanh lý", "sanitisation_method": "hủy vật lý",
		"sanitisation_date": "01/10/2026", "sanitisation_performer": "Đức"}
	a, probs := AssetFromRecord(rec(full), nil)
	if len(probs) != 0 || len(a.Sanitisations) != 1 || a.Sanitisations[0].Method != MethodDestroy || a.Sanitisations[0].Date != "2026-10-01" {
		t.Errorf("disposed with sanitisation: %+v, %v", a, probs)
	}
	computed := tabular.Record{Row: 3, Values: map[string]string{"type": "máy chủ", "name": "Tổng"}, Computed: []string{"name"}}
	if _, probs := AssetFromRecord(computed, nil); len(probs) != 1 || !errors.Is(probs[0], ErrFormula) {
		t.Errorf("computed cell: %v", probs)
	}
}

func TestProfileDescribeChanges(t *testing.T) {
	a := Profile{Name: "A", FocalPoints: []FocalPoint{{Name: "Hương"}}}
	b := a
	b.OwnerAuthority = "UBND tỉnh"
	b.FocalPoints = []FocalPoint{{Name: "Hương", Phone: "0912345678"}}
	got := a.DescribeChanges(b)
	if len(got) != 2 {
		t.Errorf("changes = %q", got)
	}
	if len(a.DescribeChanges(a)) != 0 {
		t.Error("no change reported as a change")
	}
}

func TestSignatureLines(t *testing.T) {
	g := Signing{HeadTitle: "Giám đốc", CollectiveBody: "Ủy ban nhân dân"}
	tests := []struct {
		as       SignAs
		position string
		want     []string
		wantPos  string
	}{
		{SignAsHead, "Giám đốc", nil, "Giám đốc"},
		{"", "", nil, "Giám đốc"},
		{SignAsDeputy, "Phó Giám đốc", []string{"KT. GIÁM ĐỐC"}, "Phó Giám đốc"},
		{SignAsDelegated, "Chánh Văn phòng", []string{"TL. GIÁM ĐỐC"}, "Chánh Văn phòng"},
		{SignAsAuthorized, "Trưởng phòng", []string{"TUQ. GIÁM ĐỐC"}, "Trưởng phòng"},
		{SignAsCollective, "", []string{"TM. ỦY BAN NHÂN DÂN"}, "Giám đốc"},
		{SignAsCollectiveDeputy, "Phó Giám đốc", []string{"TM. ỦY BAN NHÂN DÂN", "KT. GIÁM ĐỐC"}, "Phó Giám đốc"},
	}
	for _, tt := range tests {
		g.SignAs = tt.as
		got, pos := g.SignatureLines(tt.position)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") || pos != tt.wantPos {
			t.Errorf("%s: %q, %q; want %q, %q", tt.as, got, pos, tt.want, tt.wantPos)
		}
	}
	if got, _ := (Signing{SignAs: SignAsDeputy}).SignatureLines("Phó Giám đốc"); len(got) != 0 {
		t.Errorf("no head title: %q", got)
	}
}

func TestSigningInProfile(t *testing.T) {
	p, err := NormalizeProfile(Profile{Name: "Sở Nội vụ", Signing: Signing{Abbreviation: " SNV ", SignAs: "Cấp phó ký thay (KT.)"}})
	if err != nil {
		t.Fatal(err)
	}
	if p.Signing.Abbreviation != "SNV" || p.Signing.SignAs != SignAsDeputy || p.Signing.Symbol("BC") != "BC-SNV" {
		t.Errorf("normalised: %+v", p.Signing)
	}
	if (Signing{}).Symbol("BC") != "BC" {
		t.Error("no abbreviation should give the type alone")
	}
	if _, err := NormalizeProfile(Profile{Name: "Sở", Signing: Signing{SignAs: "boss"}}); !errors.Is(err, ErrUnknownSignAs) {
		t.Errorf("unknown sign_as: %v", err)
	}
	changes := Profile{Name: "A"}.DescribeChanges(Profile{Name: "A", Signing: Signing{SignAs: SignAsDelegated}})
	if len(changes) != 1 || !strings.Contains(changes[0], "TL.") {
		t.Errorf("changes: %q", changes)
	}
}
