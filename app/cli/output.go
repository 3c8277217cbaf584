package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"daumoi/assets/i18n"
	"daumoi/data/tabular"
)

// formatOption is the --format flag of listings.
type formatOption struct{ format string }

func (f *formatOption) register(r *runner, fs *flag.FlagSet) {
	fs.StringVar(&f.format, "format", "text", r.cat.T("cli.flag.format"))
}

// table is a listing: column keys (used in JSON and CSV) and titles (used in
// text), and rows of cells.
type table struct {
	keys   []string
	titles []string
	rows   [][]string
}

// print writes t as text (aligned columns), json (an array of objects keyed
// by column key) or csv (UTF-8 with BOM, formula-safe).
func (r *runner) print(w io.Writer, format string, t table) error {
	switch format {
	case "text", "":
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, strings.Join(t.titles, "\t"))
		for _, row := range t.rows {
			fmt.Fprintln(tw, strings.Join(row, "\t"))
		}
		return tw.Flush()
	case "json":
		out := make([]map[string]string, 0, len(t.rows))
		for _, row := range t.rows {
			obj := map[string]string{}
			for i, k := range t.keys {
				obj[k] = row[i]
			}
			out = append(out, obj)
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	case "csv":
		return tabular.WriteCSV(w, t.keys, t.rows)
	}
	return usageErrorf(r.cat.T("cli.err.bad_format", format))
}

func itoa(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

// detailedError is a message already in the user's language, with the
// exact problem; it is printed as it is.
type detailedError struct{ msg string }

func (e *detailedError) Error() string { return e.msg }

func isText(format string) bool { return format == "text" || format == "" }

// shorten cuts s to n runes with an ellipsis, for aligned text tables.
func shorten(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n-1]) + "…"
}

// yesNo renders a flag: translated words in text, true/false otherwise.
func (r *runner) yesNo(text, b bool) string {
	if !text {
		return strconv.FormatBool(b)
	}
	if b {
		return r.cat.T("value.yes")
	}
	return r.cat.T("value.no")
}

// title is a rule's title in the output language: English when chosen and
// the pack gives it, else Vietnamese.
func (r *runner) title(vi, en string) string {
	if r.cat.Lang() == i18n.English && en != "" {
		return en
	}
	return vi
}

func writeAll(data []byte) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}
}
