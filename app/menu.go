package app

import (
	goruntime "runtime"

	"github.com/wailsapp/wails/v2/pkg/menu"
	"github.com/wailsapp/wails/v2/pkg/menu/keys"
)

// EventMenu carries a menu command ("open-link", "import", "export",
// "search", "settings") to the frontend, which owns navigation.
const EventMenu = "app:menu"

// Menu is the native menu bar.
func Menu(l *Lifecycle) *menu.Menu {
	m := menu.NewMenu()
	if goruntime.GOOS == "darwin" {
		m.Append(menu.AppMenu())
	}
	file := m.AddSubmenu("File")
	file.AddText("Open Link…", keys.CmdOrCtrl("l"), l.emitMenu("open-link"))
	file.AddSeparator()
	file.AddText("Import…", keys.CmdOrCtrl("i"), l.emitMenu("import"))
	file.AddText("Export…", keys.CmdOrCtrl("e"), l.emitMenu("export"))
	file.AddSeparator()
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
		if w := l.window(); w != nil {
			w.emit(EventMenu, command)
		}
	}
}
