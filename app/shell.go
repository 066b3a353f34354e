package app

import "fieldbook/backend/errs"

// Version is Fieldbook's release version.
const Version = "0.1.0"

// Shell answers the frontend's questions about the app itself.
type Shell struct {
	life    *Lifecycle
	dataDir string
}

// NewShell builds the shell service.
func NewShell(life *Lifecycle, dataDir string) *Shell {
	return &Shell{life: life, dataDir: dataDir}
}

// Info describes the running app. Problem is set when the database could not
// be opened; the frontend then shows it instead of the workspace.
type Info struct {
	Version string      `json:"version"`
	DataDir string      `json:"dataDir"`
	Problem *errs.Error `json:"problem"`
}

// Info returns version, data folder and any start-up problem.
func (s *Shell) Info() (info Info, err error) {
	defer guard(&err)
	info = Info{Version: Version, DataDir: s.dataDir}
	if e := s.life.ready(); e != nil {
		info.Problem = errs.As(e)
	}
	return info, nil
}

// Quit closes the window and the app.
func (s *Shell) Quit() (err error) {
	defer guard(&err)
	if s.life.ctx != nil {
		go s.life.quit() // answer the call first: the window goes away after
	}
	return nil
}
