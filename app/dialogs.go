package app

import (
	"errors"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// dialogs are the native file dialogs; "" with no error is a cancel.
type dialogs interface {
	openCSV(title string) (string, error)
	saveCSV(title, name string) (string, error)
}

// nativeDialogs asks the OS through Wails' runtime.
type nativeDialogs struct{ life *Lifecycle }

var csvFilter = []runtime.FileFilter{{DisplayName: "CSV files (*.csv, *.txt, *.tsv)", Pattern: "*.csv;*.txt;*.tsv"}}

func (d nativeDialogs) openCSV(title string) (string, error) {
	if d.life.ctx == nil {
		return "", errors.New("there is no window to open a dialog on")
	}
	return runtime.OpenFileDialog(d.life.ctx, runtime.OpenDialogOptions{Title: title, Filters: csvFilter})
}

func (d nativeDialogs) saveCSV(title, name string) (string, error) {
	if d.life.ctx == nil {
		return "", errors.New("there is no window to open a dialog on")
	}
	return runtime.SaveFileDialog(d.life.ctx, runtime.SaveDialogOptions{Title: title, DefaultFilename: name, Filters: csvFilter})
}
