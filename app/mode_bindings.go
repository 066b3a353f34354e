//go:build bindings

package app

// GeneratingBindings: see mode.go.
const GeneratingBindings = true
