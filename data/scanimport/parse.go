package scanimport

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// handler receives the events of one report format. The parser keeps the
// element path; handlers read it through the parser they hold.
type handler interface {
	start(el xml.StartElement) error
	end(name string) error
}

// parser is the format-independent streaming loop shared by both formats.
type parser struct {
	opts      Options
	in        *guardedReader
	dec       *xml.Decoder
	path      []string
	h         handler
	text      textBuf
	capDepth  int // depth whose character data is captured; 0 = none
	sum       Summary
	onHost    func(Host) error
	onFinding func(Finding) error
	cves      cveSet
	starts    scanStarts
}

// Parse reads a Nessus v2 or OpenVAS XML report from r as a stream, calling
// onHost for each host and onFinding for each finding as soon as each is
// complete, so the caller can store them without the whole report in memory.
// Either callback may be nil; an error from a callback stops the import and
// is returned wrapped. The Summary counts what was delivered, also when an
// error is returned. Invalid hosts and findings are skipped and described in
// Summary.Problems rather than failing the import.
func Parse(r io.Reader, opts Options, onHost func(Host) error, onFinding func(Finding) error) (Summary, error) {
	opts = opts.withDefaults()
	p := &parser{
		opts:      opts,
		in:        newGuardedReader(r, opts),
		onHost:    onHost,
		onFinding: onFinding,
		sum:       Summary{BySeverity: map[Severity]int{}},
		text:      textBuf{base: opts.MaxTextLen},
	}
	p.dec = xml.NewDecoder(p.in)
	p.dec.CharsetReader = charsetReader
	err := p.run()
	p.sum.BytesRead = p.in.offset()
	p.sum.Started = p.starts.started()
	p.in.report(true)
	return p.sum, err
}

// charsetReader accepts only US-ASCII (a subset of UTF-8) besides UTF-8,
// which the decoder handles itself.
func charsetReader(charset string, input io.Reader) (io.Reader, error) {
	switch strings.ToLower(charset) {
	case "us-ascii", "ascii", "utf8":
		return input, nil
	}
	return nil, fmt.Errorf("%w: %q", ErrEncoding, charset)
}

// run pulls tokens until the root element closes.
func (p *parser) run() error {
	for {
		tok, err := p.dec.Token()
		tokenBytes := p.in.offset() - p.in.mark
		p.in.markToken()
		if err != nil {
			return p.classify(err)
		}
		if _, isStart := tok.(xml.StartElement); isStart && tokenBytes > maxTagBytes {
			// The decoder keeps the names and namespaces of open elements.
			return fmt.Errorf("%w: start tag of %d bytes at byte %d", ErrTokenTooLarge, tokenBytes, p.in.mark)
		}
		done, err := p.dispatch(tok)
		if err != nil || done {
			return err
		}
	}
}

// dispatch handles one token; done is true once the root element closed.
func (p *parser) dispatch(tok xml.Token) (done bool, err error) {
	switch t := tok.(type) {
	case xml.StartElement:
		return false, p.startElement(t)
	case xml.EndElement:
		if p.h != nil {
			if err := p.h.end(t.Name.Local); err != nil {
				return false, err
			}
		}
		if len(p.path) == p.capDepth {
			p.capDepth = 0
		}
		p.path = p.path[:len(p.path)-1]
		return len(p.path) == 0, nil
	case xml.CharData:
		if p.capDepth != 0 && len(p.path) == p.capDepth {
			p.text.add(t)
		}
	case xml.Directive:
		return false, fmt.Errorf("%w (at byte %d)", ErrDoctype, p.in.mark)
	}
	return false, nil
}

func (p *parser) startElement(t xml.StartElement) error {
	if len(p.path) >= MaxDepth {
		return fmt.Errorf("%w: more than %d levels at byte %d", ErrTooDeep, MaxDepth, p.in.mark)
	}
	p.path = append(p.path, t.Name.Local)
	if p.h == nil {
		if err := p.chooseHandler(t.Name.Local); err != nil {
			return err
		}
	}
	return p.h.start(t)
}

// chooseHandler picks the format from the root element.
func (p *parser) chooseHandler(root string) error {
	f, err := formatOfRoot(root)
	if err != nil {
		return err
	}
	p.sum.Format = f
	if f == FormatNessus {
		p.h = &nessusHandler{p: p}
	} else {
		p.h = &openvasHandler{p: p}
	}
	return nil
}

// formatOfRoot tells the format from the name of the root element.
func formatOfRoot(root string) (Format, error) {
	switch root {
	case "NessusClientData_v2":
		return FormatNessus, nil
	case "report", "get_reports_response":
		return FormatOpenVAS, nil
	}
	return "", fmt.Errorf("%w: root element <%s>", ErrNotScanReport, truncate(root, 64))
}

// classify maps a decoder error to the package's sentinels.
func (p *parser) classify(err error) error {
	switch {
	case errors.Is(err, ErrTokenTooLarge), errors.Is(err, ErrEncoding):
		return err
	case p.in.sawEOF && p.h == nil && err == io.EOF:
		return fmt.Errorf("%w: no root element", ErrNotScanReport)
	case p.in.err != nil && p.in.err != io.EOF:
		return err // read error or cancellation, already wrapped
	case p.h == nil:
		return fmt.Errorf("%w: %w", ErrNotScanReport, err)
	case p.in.sawEOF:
		return fmt.Errorf("%w: ends inside <%s> after %d bytes", ErrTruncated, p.path[len(p.path)-1], p.in.offset())
	}
	return fmt.Errorf("%w: %w", ErrMalformed, err)
}

// capture starts collecting the character data of the current element.
func (p *parser) capture(limit int) {
	p.capDepth = len(p.path)
	p.text.reset(limit)
}

// captured returns the cleaned text collected since capture.
func (p *parser) captured() string {
	return p.text.String()
}

// rel returns the path below depth d (the element at depth d excluded).
func (p *parser) rel(d int) []string {
	if d > len(p.path) {
		return nil
	}
	return p.path[d:]
}

// problem records why something was skipped.
func (p *parser) problem(format string, args ...any) {
	if len(p.sum.Problems) < maxProblems {
		p.sum.Problems = append(p.sum.Problems, truncate(fmt.Sprintf(format, args...), 300))
		return
	}
	p.sum.ProblemsLeftOut++
}

// emitHost delivers a host.
func (p *parser) emitHost(h Host) error {
	p.sum.Hosts++
	if p.onHost == nil {
		return nil
	}
	if err := p.onHost(h); err != nil {
		return fmt.Errorf("scan import stopped by the host handler: %w", err)
	}
	return nil
}

// emitFinding validates and delivers a finding; invalid ones are skipped.
func (p *parser) emitFinding(f Finding) error {
	if f.Host == "" {
		p.sum.Skipped++
		p.problem("finding %q skipped: no host", f.Name)
		return nil
	}
	if f.Name == "" && f.PluginID == "" {
		p.sum.Skipped++
		p.problem("finding on %s skipped: no name or plugin ID", f.Host)
		return nil
	}
	if p.sum.Findings >= p.opts.MaxFindings {
		return fmt.Errorf("%w: more than %d", ErrTooManyFindings, p.opts.MaxFindings)
	}
	if f.Name == "" {
		f.Name = f.PluginID
	}
	p.sum.Findings++
	p.sum.BySeverity[f.Severity]++
	if p.onFinding == nil {
		return nil
	}
	if err := p.onFinding(f); err != nil {
		return fmt.Errorf("scan import stopped by the finding handler: %w", err)
	}
	return nil
}
