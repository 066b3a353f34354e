package store

import (
	"os"
	"runtime/debug"
)

// DesktopMemoryLimit is the soft heap target Fieldbook runs with: above it
// the Go garbage collector works harder instead of letting the heap double,
// which keeps a laptop's memory for the user. It is not a cap: a larger
// data set still works, at some extra GC cost.
const DesktopMemoryLimit = 320 << 20

// UseDesktopMemoryLimit applies DesktopMemoryLimit unless GOMEMLIMIT is set.
// main calls it, and so do the benchmarks, so both measure the same thing.
func UseDesktopMemoryLimit() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(DesktopMemoryLimit)
	}
}
