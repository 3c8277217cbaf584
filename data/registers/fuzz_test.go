package registers

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"daumoi/data/tabular"
)

// FuzzNormalizeIPs checks that any input either fails with ErrBadIP or
// gives addresses that normalise to themselves.
func FuzzNormalizeIPs(f *testing.F) {
	for _, s := range []string{"10.0.0.1", "10.0.0.1, fe80::1", "::ffff:1.2.3.4", "1.2.3.4/24", "", "10.0.0.256;;", "fe80::1%eth0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ips, err := NormalizeIPs(s)
		if err != nil {
			if !errors.Is(err, ErrBadIP) {
				t.Fatalf("NormalizeIPs(%q) = %v, not ErrBadIP", s, err)
			}
			return
		}
		again, err := NormalizeIPs(strings.Join(ips, " "))
		if err != nil || !reflect.DeepEqual(again, ips) {
			t.Fatalf("not idempotent: %q → %v → %v, %v", s, ips, again, err)
		}
	})
}

// FuzzNormalizeMACs is FuzzNormalizeIPs for MAC addresses.
func FuzzNormalizeMACs(f *testing.F) {
	for _, s := range []string{"aa:bb:cc:dd:ee:ff", "AA-BB-CC-DD-EE-FF", "aabb.ccdd.eeff", "aabbccddeeff", "", "zz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		macs, err := NormalizeMACs(s)
		if err != nil {
			if !errors.Is(err, ErrBadMAC) {
				t.Fatalf("NormalizeMACs(%q) = %v, not ErrBadMAC", s, err)
			}
			return
		}
		again, err := NormalizeMACs(strings.Join(macs, " "))
		if err != nil || !reflect.DeepEqual(again, macs) {
			t.Fatalf("not idempotent: %q → %v → %v, %v", s, macs, again, err)
		}
	})
}

// FuzzParseCells runs the cell parsers on any text: they fail only with
// their sentinel, and a parsed value's label parses back to it.
func FuzzParseCells(f *testing.F) {
	for _, s := range []string{"có", "Không", "x", "Máy chủ", "tường lửa", "Đã thanh lý", "cấp độ 3", "Bí mật nhà nước; cá nhân", "1.200", "\x00", "ǅ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if _, err := ParseYesNo(s); err != nil && !errors.Is(err, ErrBadYesNo) {
			t.Fatal(err)
		}
		if typ, err := ParseAssetType(s); err == nil {
			if back, err := ParseAssetType(typ.Label()); err != nil || back != typ {
				t.Fatalf("type %q → %q → %q, %v", s, typ, back, err)
			}
		} else if !errors.Is(err, ErrUnknownAssetType) {
			t.Fatal(err)
		}
		if st, err := ParseAssetStatus(s); err == nil {
			if back, err := ParseAssetStatus(st.Label()); err != nil || back != st {
				t.Fatalf("status %q → %q → %q, %v", s, st, back, err)
			}
		} else if !errors.Is(err, ErrUnknownStatus) {
			t.Fatal(err)
		}
		if _, err := ParseLevel(s); err != nil && !errors.Is(err, ErrBadLevel) {
			t.Fatal(err)
		}
		if _, err := ParseInfoTypes(s); err != nil && !errors.Is(err, ErrUnknownInfoType) {
			t.Fatal(err)
		}
		if _, err := NormalizeHostname(s); err != nil && !errors.Is(err, ErrBadHostname) {
			t.Fatal(err)
		}
		if y, err := ParseYear(s); err == nil {
			if y != 0 && (y < MinYear || y > MaxYear) {
				t.Fatalf("year %q → %d", s, y)
			}
		} else if !errors.Is(err, ErrBadYear) {
			t.Fatal(err)
		}
		if tag, id, err := ParseAssetCode(s); err == nil {
			if id != 0 {
				if back, bid, err := ParseAssetCode(AssetCode(tag, id)); err != nil || back != tag || bid != id {
					t.Fatalf("code %q → %q %d → %q %d, %v", s, tag, id, back, bid, err)
				}
			}
		} else if !errors.Is(err, ErrBadAssetCode) {
			t.Fatal(err)
		}
		if m, err := ParseMethod(s); err == nil && m != "" {
			if back, err := ParseMethod(m.Label()); err != nil || back != m {
				t.Fatalf("method %q → %q → %q, %v", s, m, back, err)
			}
		} else if err != nil && !errors.Is(err, ErrUnknownMethod) {
			t.Fatal(err)
		}
	})
}

// FuzzAssetSheet runs a whole CSV through the import path: reading,
// header detection and row conversion never panic, every refusal names a
// sentinel, and an accepted asset is already normal and exports to a row
// that imports back to the same asset.
func FuzzAssetSheet(f *testing.F) {
	f.Add([]byte("Loại tài sản,Tên thiết bị,Hostname,Địa chỉ IP\nMáy chủ,SRV 1,srv-1,10.0.0.1\n"))
	f.Add([]byte("Type;Name;IP;Internet\nlaptop;=HYPERLINK(\"x\");1.2.3.4;yes\n"))
	f.Add([]byte("Loại,Tên,Tình trạng,Phương pháp xóa dữ liệu,Ngày xóa dữ liệu,Người thực hiện xóa dữ liệu\nMáy trạm,PC,Đã thanh lý,hủy,01/10/2026,Đức\n"))
	f.Add([]byte("\xef\xbb\xbfLoại tài sản,Tên thiết bị,Hệ thống thông tin\nPhần mềm,BKAV,Cổng; LAN\n"))
	f.Add([]byte("STT,Mã trong sổ,Tên tài sản,Loại thiết bị,Số serial,Năm sản xuất,Ngày đưa vào sử dụng,Đơn vị quản lý\n1,TS-000003-ABC123,Máy in HP,Máy in,VNB3K1,2020,15/03/2020,Văn phòng\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sheet, err := tabular.ReadCSV(bytes.NewReader(data), tabular.ReadOptions{MaxBytes: 1 << 16})
		if err != nil {
			return
		}
		m, err := tabular.DetectHeader(sheet, AssetFields())
		if err != nil {
			return
		}
		systems := map[string]int64{"cong": 1, "lan": 2}
		resolve := func(name string) (int64, bool) { id, ok := systems[SystemKey(name)]; return id, ok }
		for _, rec := range tabular.Records(sheet, m) {
			a, probs := AssetFromRecord(rec, resolve)
			for _, p := range probs {
				if !isSentinel(p.Err) {
					t.Fatalf("row %d: %v is no sentinel", rec.Row, p)
				}
			}
			if len(probs) > 0 {
				continue
			}
			norm, err := NormalizeAsset(a)
			if err != nil || !reflect.DeepEqual(norm, a) {
				t.Fatalf("accepted asset not normal: %+v → %+v, %v", a, norm, err)
			}
		}
	})
}

func isSentinel(err error) bool {
	for _, s := range []error{ErrRequired, ErrTooLong, ErrBadIP, ErrBadMAC, ErrBadHostname, ErrBadYesNo, ErrUnknownAssetType,
		ErrUnknownStatus, ErrUnknownMethod, ErrUnknownSystem, ErrFormula, ErrSanitisationRequired, ErrBadDate, ErrBadYear} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// FuzzParseSignAs checks that any text either fails with ErrUnknownSignAs
// or gives a way of signing whose label and value both parse back to it.
func FuzzParseSignAs(f *testing.F) {
	for _, s := range []string{"", "deputy", "Cấp phó ký thay (KT.)", " COLLECTIVE ", "boss", "TM."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseSignAs(s)
		if err != nil {
			if !errors.Is(err, ErrUnknownSignAs) {
				t.Fatalf("ParseSignAs(%q) = %v, not ErrUnknownSignAs", s, err)
			}
			return
		}
		for _, back := range []string{string(a), a.Label()} {
			if again, err := ParseSignAs(back); err != nil || again != a {
				t.Fatalf("%q → %q → %q, %v", s, a, again, err)
			}
		}
		lines, _ := Signing{HeadTitle: s, CollectiveBody: s, SignAs: a}.SignatureLines(s)
		if len(lines) > 2 {
			t.Fatalf("%d authority lines", len(lines))
		}
	})
}
