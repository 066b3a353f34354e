package app

import (
	"encoding/json"
	"os"
	"strings"

	"github.com/godbus/dbus/v5"
	"github.com/wailsapp/wails/v2/pkg/options"
)

// HandOver gives a launch's arguments to the Fieldbook already running in
// this session and reports whether one took them; the caller then exits.
// Wails' single-instance lock does the same when it starts, through the
// same D-Bus name and message (Wails v2.15.0), but exits with status 1,
// which xdg-open reports as a failure (status 4) although the link opened.
func HandOver(args []string) bool {
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		return false // no session bus: Wails will not find the other instance either
	}
	defer conn.Close()
	id := "wails_app_" + strings.NewReplacer("-", "_", ".", "_").Replace(UniqueID)
	name := "org." + id + ".SingleInstance"
	var running bool
	if err := conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, name).Store(&running); err != nil || !running {
		return false
	}
	wd, _ := os.Getwd()
	msg, err := json.Marshal(options.SecondInstanceData{Args: args, WorkingDirectory: wd})
	if err != nil {
		return false
	}
	return conn.Object(name, dbus.ObjectPath("/org/"+id+"/SingleInstance")).Call(name+".SendMessage", 0, string(msg)).Err == nil
}
