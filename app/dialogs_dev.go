//go:build dev

package app

import (
	"os"
	"strings"
)

// DialogAnswerEnv names a file whose content answers the next file dialog
// in the dev binary: browser tests cannot click a GTK dialog, so they write
// the path they want picked there first. Production builds never read it.
const DialogAnswerEnv = "FIELDBOOK_DIALOG_ANSWER"

type answeredDialogs struct{ native dialogs }

func (d answeredDialogs) answer() (string, bool) {
	name := os.Getenv(DialogAnswerEnv)
	if name == "" {
		return "", false
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return "", false
	}
	return strings.TrimSpace(string(b)), true
}

func (d answeredDialogs) openCSV(title string) (string, error) {
	if path, ok := d.answer(); ok {
		return path, nil
	}
	return d.native.openCSV(title)
}

func (d answeredDialogs) saveCSV(title, name string) (string, error) {
	if path, ok := d.answer(); ok {
		return path, nil
	}
	return d.native.saveCSV(title, name)
}

func newDialogs(life *Lifecycle) dialogs { return answeredDialogs{nativeDialogs{life}} }
