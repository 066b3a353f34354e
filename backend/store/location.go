package store

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
)

// AppFolder is the name of Fieldbook's folder inside the OS data folder.
const AppFolder = "fieldbook"

// DefaultDir is where Fieldbook keeps its data unless told otherwise:
// Linux $XDG_DATA_HOME/fieldbook (~/.local/share/fieldbook), macOS
// ~/Library/Application Support/fieldbook, Windows %AppData%\fieldbook.
func DefaultDir(getenv func(string) string) (string, error) {
	if runtime.GOOS != "linux" {
		base, err := os.UserConfigDir() // Application Support on macOS, %AppData% on Windows
		if err != nil {
			return "", err
		}
		return filepath.Join(base, AppFolder), nil
	}
	if xdg := getenv("XDG_DATA_HOME"); filepath.IsAbs(xdg) {
		return filepath.Join(xdg, AppFolder), nil
	}
	home := getenv("HOME")
	if home == "" {
		return "", errors.New("neither XDG_DATA_HOME nor HOME is set")
	}
	return filepath.Join(home, ".local", "share", AppFolder), nil
}
