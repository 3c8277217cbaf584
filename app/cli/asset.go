package cli

import (
	"daumoi/data/registers"
	"daumoi/data/session"
	"flag"
	"strconv"
	"strings"
)

// assetCommands list, import and export the asset register.
func assetCommands() []*command {
	return []*command{
		{name: "asset list", summaryKey: "cli.cmd.asset_list", bind: typed(setupAssetList, execAssetList)},
		{name: "asset import", summaryKey: "cli.cmd.asset_import", argsUsage: "FILE", minArgs: 1, maxArgs: 1, bind: typed(setupImport, execAssetImport)},
		{name: "asset export", summaryKey: "cli.cmd.asset_export", bind: typed(setupExport, execAssetExport)},
	}
}

type assetListOptions struct {
	listOptions
	typ, status, search string
	violations          bool
}

func setupAssetList(r *runner, fs *flag.FlagSet) *assetListOptions {
	o := &assetListOptions{}
	o.vaultOptions.register(r, fs)
	o.formatOption.register(r, fs)
	fs.StringVar(&o.typ, "type", "", r.cat.T("cli.flag.asset_type"))
	fs.StringVar(&o.status, "status", "", r.cat.T("cli.flag.asset_status"))
	fs.StringVar(&o.search, "search", "", r.cat.T("cli.flag.search"))
	fs.BoolVar(&o.violations, "violations", false, r.cat.T("cli.flag.violations"))
	return o
}

func execAssetList(r *runner, o *assetListOptions, _ []string) error {
	f := session.AssetFilter{Text: o.search, ViolationsOnly: o.violations}
	var err error
	if o.typ != "" {
		if f.Type, err = registers.ParseAssetType(o.typ); err != nil {
			return err
		}
	}
	if o.status != "" {
		if f.Status, err = registers.ParseAssetStatus(o.status); err != nil {
			return err
		}
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		list, err := s.ListAssets(f)
		if err != nil {
			return err
		}
		text := o.format == "text" || o.format == ""
		t := table{
			keys: []string{"id", "type", "name", "hostname", "ips", "os", "responsible", "status", "violation"},
			titles: []string{"ID", r.cat.T("col.asset_type"), r.cat.T("col.asset"), "Hostname", "IP", r.cat.T("col.os"),
				r.cat.T("col.responsible"), r.cat.T("col.status"), r.cat.T("col.violation")},
		}
		for _, a := range list {
			typ, status := string(a.Type), string(a.Status)
			if text {
				typ, status = r.cat.T("asset_type."+typ), r.cat.T("asset_status."+status)
			}
			t.rows = append(t.rows, []string{strconv.FormatInt(a.ID, 10), typ, a.Name, a.Hostname, strings.Join(a.IPs, ", "),
				strings.TrimSpace(a.OS + " " + a.OSVersion), a.Responsible, status, r.yesNo(text, a.Violation())})
		}
		return r.print(r.env.Stdout, o.format, t)
	})
}

func execAssetImport(r *runner, o *importOptions, args []string) error {
	return r.runImport(o, args, registers.AssetFields(), (*session.Session).ImportAssets)
}

func execAssetExport(r *runner, o *exportOptions, _ []string) error {
	return r.runExport(o, (*session.Session).ExportAssets)
}
