package app

import (
	"path/filepath"
	"strings"

	"fieldbook/backend/store"
)

// DataDirEnv points Fieldbook at another data folder; the -data-dir flag wins over it.
const DataDirEnv = "FIELDBOOK_DATA_DIR"

// Launch is what Fieldbook was started with.
type Launch struct {
	DataDir string   // absolute folder of the database
	Args    []string // everything else
	Link    string   // the first record link among Args (see FindLink), or ""
}

// ParseLaunch reads -data-dir (or --data-dir, with "=" or a following value)
// and FIELDBOOK_DATA_DIR, and finds a record link (fieldbook://…, given as a
// plain argument or by the desktop for %u). It ignores flags it does not
// know, because the OS and Wails' dev mode add their own.
func ParseLaunch(args []string, getenv func(string) string) (Launch, error) {
	var l Launch
	dir := getenv(DataDirEnv)
	for i := 0; i < len(args); i++ {
		name, value, hasValue := strings.Cut(strings.TrimLeft(args[i], "-"), "=")
		if !strings.HasPrefix(args[i], "-") || name != "data-dir" {
			l.Args = append(l.Args, args[i])
			continue
		}
		if !hasValue && i+1 < len(args) {
			i++
			value = args[i]
		}
		dir = value
	}
	l.Link = FindLink(l.Args)
	if dir == "" {
		var err error
		if dir, err = store.DefaultDir(getenv); err != nil {
			return l, err
		}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return l, err
	}
	l.DataDir = abs
	return l, nil
}
