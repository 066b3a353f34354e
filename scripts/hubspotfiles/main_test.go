package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestCommittedFilesAreGenerated regenerates the test files and compares
// them with the ones in the repository: nobody edited them by hand, and
// the generator still makes them.
func TestCommittedFilesAreGenerated(t *testing.T) {
	out := t.TempDir()
	if err := run(out); err != nil {
		t.Fatal(err)
	}
	committed := filepath.Join("..", "..", "backend", "importer", "testdata", "hubspot")
	made, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(made) < 5 {
		t.Fatalf("the generator wrote %d files", len(made))
	}
	for _, f := range made {
		want, err := os.ReadFile(filepath.Join(out, f.Name()))
		if err != nil {
			t.Fatal(err)
		}
		have, err := os.ReadFile(filepath.Join(committed, f.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if string(have) != string(want) {
			t.Errorf("%s differs from what the generator writes: run go run ./scripts/hubspotfiles", f.Name())
		}
	}
}
