// Command daumoi is Đầu mối ATTT, the information-security focal point's
// desktop application. Without arguments it opens the GUI; with arguments it
// runs the command line (see `daumoi help`).
package main

import (
	"os"

	"daumoi/app/cli"
	_ "daumoi/app/clocale" // before Fyne: see the package comment
	"daumoi/app/gui"
)

func main() {
	if len(os.Args) > 1 {
		os.Exit(cli.Main(os.Args[1:]))
	}
	// The vault folder: $DAUMOI_VAULT as for the command line, else the
	// folder the GUI remembers, else the per-user default.
	os.Exit(gui.Run(gui.Options{VaultDir: os.Getenv("DAUMOI_VAULT")}))
}
