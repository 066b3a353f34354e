package app

import (
	goruntime "runtime"

	"github.com/wailsapp/wails/v2/pkg/menu"
	"github.com/wailsapp/wails/v2/pkg/menu/keys"
	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// EventMenu carries a menu command ("search", "settings") to the frontend,
// which owns navigation.
const EventMenu = "app:menu"

// Menu is the native menu bar.
func Menu(l *Lifecycle) *menu.Menu {
	m := menu.NewMenu()
	if goruntime.GOOS == "darwin" {
		m.Append(menu.AppMenu())
	}
	file := m.AddSubmenu("File")
	file.AddText("Settings", keys.CmdOrCtrl(","), l.emitMenu("settings"))
	file.AddSeparator()
	file.AddText("Quit Fieldbook", keys.CmdOrCtrl("q"), func(*menu.CallbackData) {
		if l.ctx != nil {
			l.quit()
		}
	})
	m.Append(menu.EditMenu())
	view := m.AddSubmenu("View")
	view.AddText("Search", keys.CmdOrCtrl("k"), l.emitMenu("search"))
	return m
}

func (l *Lifecycle) emitMenu(command string) menu.Callback {
	return func(*menu.CallbackData) {
		if l.ctx != nil {
			runtime.EventsEmit(l.ctx, EventMenu, command)
		}
	}
}
