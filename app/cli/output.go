package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

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
