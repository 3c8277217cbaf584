package tabular

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Magic numbers of files that are not CSV but are often given a .csv name.
var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// csvDelimiters are the separators ReadCSV recognises, in order of preference.
var csvDelimiters = []rune{',', ';', '\t', '|'}

// ReadCSV reads delimited text. It accepts UTF-8 (with or without BOM),
// UTF-16 with a BOM (Excel's "Unicode text"), and falls back to Windows-1258
// (Excel's "CSV" on Vietnamese Windows) for bytes that are not UTF-8. The
// separator (comma, semicolon, tab or bar) is detected, or taken from an Excel
// "sep=X" first line. Quoted fields may span lines. Row numbers are those
// Excel shows when it opens the file. A leading apostrophe added by
// Neutralize ("'=...") is removed again, so exported files read back
// unchanged; check such cells with LooksLikeFormula.
func ReadCSV(r io.Reader, opts ReadOptions) (Sheet, error) {
	opts = opts.withDefaults()
	data, err := io.ReadAll(io.LimitReader(r, opts.MaxBytes+1))
	if err != nil {
		return Sheet{}, fmt.Errorf("tabular: reading CSV: %w", err)
	}
	if int64(len(data)) > opts.MaxBytes {
		return Sheet{}, fmt.Errorf("%w: over %d bytes", ErrTooLarge, opts.MaxBytes)
	}
	if len(data) == 0 {
		return Sheet{}, ErrEmpty
	}
	text, encoding, err := decodeText(data)
	if err != nil {
		return Sheet{}, err
	}
	text, delim := splitSepLine(text)
	if delim == 0 {
		delim = detectDelimiter(text)
	}
	b := sheetBuilder{opts: opts, sheet: Sheet{Encoding: encoding, Delimiter: delim}}
	if err := parseCSV(text, delim, &b); err != nil {
		return Sheet{}, err
	}
	return b.result()
}

// decodeText turns file bytes into UTF-8 text and names the source encoding.
func decodeText(data []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, zipMagic):
		return "", "", fmt.Errorf("%w: this is a ZIP file (an .xlsx workbook?)", ErrNotCSV)
	case bytes.HasPrefix(data, oleMagic):
		return "", "", fmt.Errorf("%w: %w", ErrNotCSV, ErrLegacyOrEncrypted)
	}
	text, encoding, err := transcode(data)
	if err != nil {
		return "", "", err
	}
	if looksBinary(text) {
		return "", "", fmt.Errorf("%w: binary data", ErrNotCSV)
	}
	return text, encoding, nil
}

// transcode decodes by byte-order mark, then UTF-8, then Windows-1258.
func transcode(data []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return string(data[3:]), "utf-8", nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeUTF16(data, unicode.LittleEndian, "utf-16le")
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(data, unicode.BigEndian, "utf-16be")
	case utf8.Valid(data):
		return string(data), "utf-8", nil
	case bytes.IndexByte(data, 0) >= 0:
		return "", "", fmt.Errorf("%w: binary data", ErrNotCSV)
	}
	out, err := charmap.Windows1258.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", fmt.Errorf("%w: undecodable text: %w", ErrNotCSV, err)
	}
	return string(out), "windows-1258", nil
}

func decodeUTF16(data []byte, order unicode.Endianness, name string) (string, string, error) {
	out, err := unicode.UTF16(order, unicode.ExpectBOM).NewDecoder().Bytes(data)
	if err != nil {
		return "", "", fmt.Errorf("%w: bad %s text: %w", ErrNotCSV, name, err)
	}
	return string(out), name, nil
}

// looksBinary reports NUL bytes or more than 1% control characters (other
// than tab, CR, LF) in the first 64 KiB: not something a person typed.
func looksBinary(text string) bool {
	sample := text[:min(len(text), 64<<10)]
	controls, total := 0, 0
	for _, r := range sample {
		total++
		switch {
		case r == 0:
			return true
		case r == '\t' || r == '\n' || r == '\r':
		case r < 0x20 || r == 0x7f:
			controls++
		}
	}
	return controls*100 > total
}

// splitSepLine honours Excel's "sep=;" hint line and removes it.
func splitSepLine(text string) (string, rune) {
	line, rest, _ := strings.Cut(text, "\n")
	line = strings.TrimRight(line, "\r")
	if len(line) == 5 && strings.EqualFold(line[:4], "sep=") {
		return rest, rune(line[4])
	}
	return text, 0
}

// detectDelimiter picks the separator that splits the most sample lines into
// the same number of fields (more than one). Quotes are honoured.
func detectDelimiter(text string) rune {
	lines := sampleLines(text, 100)
	best, bestLines, bestFields := ',', 0, 0
	for _, d := range csvDelimiters {
		fields, count := modalCount(lines, d)
		if fields == 0 {
			continue
		}
		if count > bestLines || (count == bestLines && fields > bestFields) {
			best, bestLines, bestFields = d, count, fields
		}
	}
	return best
}

// sampleLines returns up to n non-blank logical lines (quoted newlines kept
// inside their line) from the first 64 KiB.
func sampleLines(text string, n int) []string {
	text = text[:min(len(text), 64<<10)]
	var lines []string
	inQuotes, start := false, 0
	for i := 0; i < len(text) && len(lines) < n; i++ {
		switch text[i] {
		case '"':
			inQuotes = !inQuotes
		case '\n':
			if !inQuotes {
				lines = appendNonBlank(lines, text[start:i])
				start = i + 1
			}
		}
	}
	if len(lines) < n && start < len(text) {
		lines = appendNonBlank(lines, text[start:])
	}
	return lines
}

func appendNonBlank(lines []string, line string) []string {
	if strings.TrimSpace(line) == "" {
		return lines
	}
	return append(lines, line)
}

// modalCount returns the most frequent number of delimiters per line (outside
// quotes) and how many lines have it; ties go to the larger number.
func modalCount(lines []string, d rune) (int, int) {
	freq := map[int]int{}
	for _, line := range lines {
		freq[countOutsideQuotes(line, d)]++
	}
	mode, count := 0, 0
	for k, v := range freq {
		if v > count || (v == count && k > mode) {
			mode, count = k, v
		}
	}
	return mode, count
}

func countOutsideQuotes(line string, d rune) int {
	n, inQuotes := 0, false
	for _, r := range line {
		switch {
		case r == '"':
			inQuotes = !inQuotes
		case r == d && !inQuotes:
			n++
		}
	}
	return n
}

// parseCSV feeds every record to b with the row number Excel would show:
// the record's first line, less the extra lines taken by earlier multi-line
// cells.
func parseCSV(text string, delim rune, b *sheetBuilder) error {
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = delim
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	extraLines := 0
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%w: %w", ErrNotCSV, err)
		}
		line, _ := cr.FieldPos(0)
		row := line - extraLines
		for i, f := range rec {
			extraLines += strings.Count(f, "\n")
			rec[i] = unescapeNeutralized(f)
		}
		if err := b.add(row, rec); err != nil {
			return err
		}
	}
}

// unescapeNeutralized removes the apostrophe Neutralize puts before a
// formula trigger character.
func unescapeNeutralized(s string) string {
	t := trimCell(s)
	if len(t) >= 2 && t[0] == '\'' && strings.IndexByte(formulaTriggers, t[1]) >= 0 {
		return t[1:]
	}
	return s
}
