//go:build !linux

package app

// HandOver is Wails' own single-instance lock on macOS and Windows, which
// exits cleanly after handing a launch's arguments over.
func HandOver([]string) bool { return false }
