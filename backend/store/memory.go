package store

import (
	"os"
	"runtime/debug"
)

// DesktopMemoryLimit is the soft heap limit Fieldbook runs with, and
// DesktopGCPercent how far the heap may grow past the live data before a
// collection (Go's default is 100). Together they keep a laptop's memory
// for the user: the heap stays near 1.5 times the live data, and the limit
// only steps in for data sets far beyond the ones measured in
// docs/benchmarks.md. A limit close to the live data would make the
// collector run without pause (it did, at 320 MiB, with 300,000
// associations), so the limit is not the main brake.
const (
	DesktopMemoryLimit = 512 << 20
	DesktopGCPercent   = 50
)

// UseDesktopMemoryLimit applies DesktopMemoryLimit and DesktopGCPercent
// unless GOMEMLIMIT or GOGC are set. main calls it, and so do the
// benchmarks, so both measure the same thing.
func UseDesktopMemoryLimit() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(DesktopMemoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(DesktopGCPercent)
	}
}
