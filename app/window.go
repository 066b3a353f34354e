package app

import (
	"context"
	"log"

	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"fieldbook/backend/settings"
)

// Default window size on first launch.
const (
	DefaultWidth  = 1280
	DefaultHeight = 800
)

// StartWindow is the size and state to open the window with: as it was when
// Fieldbook last closed, else the default. set may be nil (no database).
func StartWindow(set *settings.Service) (width, height int, state options.WindowStartState) {
	if set == nil {
		return DefaultWidth, DefaultHeight, options.Normal
	}
	w, ok, err := set.Window()
	if err != nil || !ok {
		return DefaultWidth, DefaultHeight, options.Normal
	}
	if w.Maximised {
		state = options.Maximised
	}
	return w.Width, w.Height, state
}

// BeforeClose is Wails' OnBeforeClose: remember the window, then close.
func (l *Lifecycle) BeforeClose(context.Context) (prevent bool) {
	l.rememberWindow()
	return false
}

// rememberWindow saves the window's size for the next launch. A maximised
// window keeps the size it had before, to return to when unmaximised.
func (l *Lifecycle) rememberWindow() {
	if l.ctx == nil || l.ready() != nil {
		return
	}
	w, _, err := l.settings.Window()
	if err != nil {
		log.Printf("reading the window size: %v", err)
		return
	}
	w.Maximised = runtime.WindowIsMaximised(l.ctx)
	if !w.Maximised || w.Width == 0 {
		w.Width, w.Height = runtime.WindowGetSize(l.ctx)
	}
	if err := l.settings.SaveWindow(l.userMeta(), w); err != nil {
		log.Printf("saving the window size: %v", err)
	}
}
