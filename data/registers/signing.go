package registers

import (
	"fmt"
	"strings"
	"unicode"
)

// Signing is what the agency's documents need from the profile by Nghị
// định 30/2020/NĐ-CP: the abbreviation of the agency's name in document
// symbols ("BC-SNV", Phụ lục III), and the authority line of the signature
// block (Điều 13), built from the head's title, the collective body and
// how the signer signs relative to the head.
type Signing struct {
	// Abbreviation is the agency's name abbreviated for the symbol after
	// the document type: "SNV" gives "…/BC-SNV".
	Abbreviation string `json:"abbreviation"`
	// HeadTitle is the title of the agency's head ("Giám đốc", "Chủ
	// tịch").
	HeadTitle string `json:"head_title"`
	// CollectiveBody is the collective leadership the head signs for with
	// TM. ("Ủy ban nhân dân"); only for the collective ways of signing.
	CollectiveBody string `json:"collective_body"`
	// SignAs is how the signer signs relative to the head.
	SignAs SignAs `json:"sign_as"`
	// Place is the place name of the documents' date line ("Vĩnh Long");
	// empty: docs.DefaultPlace.
	Place string `json:"place,omitempty"`
}

// SignAs is the signer's relation to the head of the agency (Nghị định
// 30/2020/NĐ-CP, Điều 13).
type SignAs string

// The ways of signing. The empty value counts as SignAsHead.
const (
	SignAsHead             SignAs = "head"              // the head signs: no authority line
	SignAsDeputy           SignAs = "deputy"            // "KT. GIÁM ĐỐC" above the deputy's title
	SignAsDelegated        SignAs = "delegated"         // "TL. GIÁM ĐỐC" above the signer's title
	SignAsAuthorized       SignAs = "authorized"        // "TUQ. GIÁM ĐỐC" above the signer's title
	SignAsCollective       SignAs = "collective"        // "TM. ỦY BAN NHÂN DÂN" above the head's title
	SignAsCollectiveDeputy SignAs = "collective_deputy" // "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH" above the deputy's title
)

// SignAsValues lists the ways of signing in menu order.
func SignAsValues() []SignAs {
	return []SignAs{SignAsHead, SignAsDeputy, SignAsDelegated, SignAsAuthorized, SignAsCollective, SignAsCollectiveDeputy}
}

// Label is the Vietnamese name of the way of signing.
func (a SignAs) Label() string {
	switch a {
	case SignAsHead, "":
		return "Người đứng đầu ký"
	case SignAsDeputy:
		return "Cấp phó ký thay (KT.)"
	case SignAsDelegated:
		return "Ký thừa lệnh (TL.)"
	case SignAsAuthorized:
		return "Ký thừa ủy quyền (TUQ.)"
	case SignAsCollective:
		return "Thay mặt tập thể (TM.)"
	case SignAsCollectiveDeputy:
		return "Thay mặt tập thể, cấp phó ký thay (TM. KT.)"
	}
	return string(a)
}

// ParseSignAs reads a way of signing by its value or its Vietnamese label;
// "" is SignAsHead.
func ParseSignAs(s string) (SignAs, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return SignAsHead, nil
	}
	for _, a := range SignAsValues() {
		if strings.EqualFold(s, string(a)) || s == a.Label() {
			return a, nil
		}
	}
	return "", fmt.Errorf("%w: %q", ErrUnknownSignAs, s)
}

func normalizeSigning(g Signing) (Signing, error) {
	var err error
	if g.Abbreviation, err = clean("signing.abbreviation", g.Abbreviation, MaxShort); err != nil {
		return g, err
	}
	if g.HeadTitle, err = clean("signing.head_title", g.HeadTitle, MaxShort); err != nil {
		return g, err
	}
	if g.CollectiveBody, err = clean("signing.collective_body", g.CollectiveBody, MaxShort); err != nil {
		return g, err
	}
	if g.Place, err = clean("signing.place", g.Place, MaxShort); err != nil {
		return g, err
	}
	if g.SignAs, err = ParseSignAs(string(g.SignAs)); err != nil {
		return g, err
	}
	return g, nil
}

// Symbol is the document symbol for a document type's abbreviation
// ("BC"): "BC-SNV" with the agency's abbreviation, else the type alone.
func (g Signing) Symbol(kind string) string {
	if g.Abbreviation == "" {
		return kind
	}
	return kind + "-" + g.Abbreviation
}

// SignatureLines returns the authority lines and the position printed in
// the signature block for a signer whose own title is position. An unset
// head title leaves out the lines that name it; an unset collective body
// leaves out the TM. line. When the head signs (alone or for the
// collective) and position is empty, the head's title is the position.
func (g Signing) SignatureLines(position string) (authority []string, pos string) {
	add := func(prefix, name string) {
		if name != "" {
			authority = append(authority, prefix+" "+upperVI(name))
		}
	}
	head := g.SignAs == SignAsHead || g.SignAs == "" || g.SignAs == SignAsCollective
	if head && position == "" {
		position = g.HeadTitle
	}
	switch g.SignAs {
	case SignAsDeputy:
		add("KT.", g.HeadTitle)
	case SignAsDelegated:
		add("TL.", g.HeadTitle)
	case SignAsAuthorized:
		add("TUQ.", g.HeadTitle)
	case SignAsCollective:
		add("TM.", g.CollectiveBody)
	case SignAsCollectiveDeputy:
		add("TM.", g.CollectiveBody)
		add("KT.", g.HeadTitle)
	}
	return authority, position
}

// upperVI upper-cases s (Vietnamese letters included).
func upperVI(s string) string {
	return strings.Map(unicode.ToUpper, s)
}
