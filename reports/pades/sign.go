// Package pades signs the report PDFs with the signer's certificate (PAdES:
// a CMS signature in an incremental update, SHA-256, the certificate chain,
// the signing time, an RFC 3161 timestamp when a TSA is configured) and
// verifies such signatures. The CMS is built by github.com/digitorus/pdfsign
// (on github.com/digitorus/pkcs7); the key may live on a PKCS#11 token.
// Appearances follow Nghị định 30/2020/NĐ-CP, Phụ lục I.
package pades

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf16"

	"github.com/digitorus/pdf"
	"github.com/digitorus/pdfsign/sign"
	"golang.org/x/text/unicode/norm"
)

// Signer is a signing key with its certificate and chain.
type Signer struct {
	// Key signs SHA-256 digests (a PKCS#11 key from data/token, or any
	// crypto.Signer).
	Key crypto.Signer
	// Certificate is the signer's certificate, for Key.
	Certificate *x509.Certificate
	// Chain holds the issuing certificates, intermediate first; the root
	// may be included.
	Chain []*x509.Certificate
}

// Options describe a signature.
type Options struct {
	// Time is the signing time written in the signature dictionary and
	// shown in the appendix block; the zero value means now.
	Time time.Time
	// Reason and Location are the signature dictionary's /Reason and
	// /Location (free text, optional).
	Reason, Location string
	// TSAURL, if set, is an RFC 3161 timestamp authority asked for a
	// timestamp on the signature.
	TSAURL string
	// Appearance, if set, is the visible signature with the images.
	Appearance *Appearance
	// Appendix, if set (and Appearance not), is the text block of an
	// appendix at the top right of the first page.
	Appendix *Appendix
}

// Sign signs the PDF in and writes the signed PDF to out. Nothing is
// written to out unless signing succeeded. Errors wrap ErrBadPDF, ErrSign
// (with the key's own error: a token's sentinel), ErrAppearance and the
// image errors.
func Sign(in []byte, out io.Writer, s Signer, opts Options) error {
	if s.Key == nil || s.Certificate == nil {
		return ErrNoCertificate
	}
	rdr, err := openPDF(in)
	if err != nil {
		return err
	}
	if opts.Time.IsZero() {
		opts.Time = time.Now()
	}
	key := &recordingSigner{Signer: s.Key}
	data := sign.SignData{
		Signer:            key,
		DigestAlgorithm:   crypto.SHA256,
		Certificate:       s.Certificate,
		CertificateChains: [][]*x509.Certificate{append([]*x509.Certificate{s.Certificate}, s.Chain...)},
		TSA:               sign.TSA{URL: opts.TSAURL},
		Signature: sign.SignDataSignature{
			CertType:   sign.ApprovalSignature,
			DocMDPPerm: sign.AllowFillingExistingFormFieldsAndSignaturesPerms,
			Info: sign.SignDataSignatureInfo{Name: libraryText(s.Certificate.Subject.CommonName),
				Reason: libraryText(opts.Reason), Location: libraryText(opts.Location), Date: opts.Time},
		},
	}
	if data.Appearance, err = appearance(rdr, opts); err != nil {
		return err
	}
	keepCatalogVersion(rdr)
	signed, err := librarySign(in, rdr, data)
	if err != nil {
		if kerr := key.failure(); kerr != nil {
			return fmt.Errorf("%w: %w", ErrSign, kerr)
		}
		return fmt.Errorf("%w: %w", ErrSign, err)
	}
	_, err = out.Write(signed)
	return err
}

// keepCatalogVersion stops the library from writing /Version twice in the
// new catalog: it adds /Version /1.5 whenever the header says less, even
// when the catalog it copies (a document signed before) already has it.
func keepCatalogVersion(rdr *pdf.Reader) {
	v := rdr.Trailer().Key("Root").Key("Version").Name()
	if f, err := strconv.ParseFloat(v, 64); err == nil && f >= 1.5 {
		rdr.PDFVersion = v
	}
}

// librarySign runs the library's signing into memory, turning its panics
// on odd input into errors.
func librarySign(in []byte, rdr *pdf.Reader, data sign.SignData) (signed []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			signed, err = nil, fmt.Errorf("%w: %v", ErrBadPDF, p)
		}
	}()
	var buf bytes.Buffer
	if err := sign.Sign(bytes.NewReader(in), &buf, rdr, int64(len(in)), data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// openPDF parses in, turning the parser's panics into ErrBadPDF.
func openPDF(in []byte) (rdr *pdf.Reader, err error) {
	defer func() {
		if p := recover(); p != nil {
			rdr, err = nil, fmt.Errorf("%w: %v", ErrBadPDF, p)
		}
	}()
	rdr, err = pdf.NewReader(bytes.NewReader(in), int64(len(in)))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadPDF, err)
	}
	return rdr, nil
}

// appearance builds the library's appearance from the options.
func appearance(rdr *pdf.Reader, opts Options) (sign.Appearance, error) {
	switch {
	case opts.Appearance != nil:
		a := *opts.Appearance
		img, r, err := compose(a)
		if err != nil {
			return sign.Appearance{}, err
		}
		return visible(rdr, a.Page, r, img)
	case opts.Appendix != nil:
		w, h, err := pageSize(rdr, 1)
		if err != nil {
			return sign.Appearance{}, err
		}
		lines := appendixLines(*opts.Appendix, opts.Time)
		r := appendixRect(w, h, len(lines))
		img, err := textBlock(lines, r)
		if err != nil {
			return sign.Appearance{}, err
		}
		return visible(rdr, 1, r, img)
	}
	return sign.Appearance{}, nil
}

// visible is a visible appearance of img in r on page.
func visible(rdr *pdf.Reader, page int, r Rect, img []byte) (sign.Appearance, error) {
	if page < 1 || page > rdr.NumPage() {
		return sign.Appearance{}, fmt.Errorf("%w: page %d of %d", ErrRect, page, rdr.NumPage())
	}
	return sign.Appearance{Visible: true, Page: uint32(page), LowerLeftX: r.LLX, LowerLeftY: r.LLY,
		UpperRightX: r.URX, UpperRightY: r.URY, Image: img}, nil
}

// pageSize is the width and height of page's media box in points.
func pageSize(rdr *pdf.Reader, page int) (w, h float64, err error) {
	if page < 1 || page > rdr.NumPage() {
		return 0, 0, fmt.Errorf("%w: no page %d", ErrBadPDF, page)
	}
	box := rdr.Page(page).V.Key("MediaBox")
	for v := rdr.Page(page).V; box.Len() != 4 && !v.IsNull(); v = v.Key("Parent") {
		box = v.Key("MediaBox") // inherited from the page tree
	}
	if box.Len() != 4 {
		return 0, 0, fmt.Errorf("%w: page %d has no media box", ErrBadPDF, page)
	}
	return box.Index(2).Float64() - box.Index(0).Float64(), box.Index(3).Float64() - box.Index(1).Float64(), nil
}

// recordingSigner keeps the key's first error, so that a token's sentinel
// (wrong PIN, token removed) reaches the caller through the library, which
// does not wrap it.
type recordingSigner struct {
	crypto.Signer
	mu  sync.Mutex
	err error
}

// Sign signs with the key and records its error.
func (r *recordingSigner) Sign(rand io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	sig, err := r.Signer.Sign(rand, digest, opts)
	if err != nil {
		r.mu.Lock()
		if r.err == nil {
			r.err = err
		}
		r.mu.Unlock()
	}
	return sig, err
}

// failure is the key's first error, or nil.
func (r *recordingSigner) failure() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.err
}

// libraryText makes text safe for the library's signature dictionary: it
// writes non-ASCII text as raw UTF-16 in a literal string without escaping,
// so a letter whose UTF-16 bytes include "(", ")", "\\" or CR (ĩ is U+0129,
// whose low byte is ")") would break the PDF. Such letters are written
// decomposed (ĩ as i and a combining tilde), which viewers show the same;
// Verify gives the text back composed (NFC).
func libraryText(s string) string {
	var b strings.Builder
	for _, r := range s {
		if utf16Safe(r) {
			b.WriteRune(r)
			continue
		}
		for _, d := range norm.NFD.String(string(r)) {
			if utf16Safe(d) {
				b.WriteRune(d)
			} else {
				b.WriteRune('?')
			}
		}
	}
	return b.String()
}

// utf16Safe reports whether r's UTF-16 code units contain none of the bytes
// a PDF literal string must escape.
func utf16Safe(r rune) bool {
	for _, u := range utf16.Encode([]rune{r}) {
		for _, c := range []byte{byte(u >> 8), byte(u)} {
			if c == '(' || c == ')' || c == '\\' || c == '\r' {
				return false
			}
		}
	}
	return true
}
