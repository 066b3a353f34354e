//go:build !bindings

package app

// GeneratingBindings is true only in the binary Wails builds to generate the
// frontend bindings; main then leaves the user's data folder alone.
const GeneratingBindings = false
