// Fieldbook: a desktop CRM built around associations.
// main only wires things together: open the store, build the services, run Wails.
package main

import (
	"context"
	"embed"
	"errors"
	"log"
	"os"
	"path/filepath"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	"github.com/wailsapp/wails/v2/pkg/options/mac"

	"fieldbook/app"
	"fieldbook/backend/activities"
	"fieldbook/backend/associations"
	"fieldbook/backend/autodomain"
	"fieldbook/backend/changelog"
	"fieldbook/backend/domains"
	"fieldbook/backend/duplicates"
	"fieldbook/backend/importer"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
	"fieldbook/backend/settings"
	"fieldbook/backend/store"
)

//go:embed all:frontend/dist
var assets embed.FS

//go:embed build/appicon.png
var icon []byte

func main() {
	store.UseDesktopMemoryLimit()
	launch, err := app.ParseLaunch(os.Args[1:], os.Getenv)
	if err != nil {
		log.Fatalf("fieldbook: cannot find a data folder: %v (set %s or pass -data-dir)", err, app.DataDirEnv)
	}

	if !app.GeneratingBindings && app.HandOver(os.Args[1:]) {
		return // the window already open took the launch (a link, or just to come forward)
	}

	var st *store.Store
	openErr := errors.New("the database is not opened while generating bindings")
	if !app.GeneratingBindings {
		st, openErr = store.Open(launch.DataDir)
	}

	// The domain services exist only when the store opened; otherwise every
	// bound method answers with the reason and the UI shows it. Records and
	// associations index the whole data folder when they start, so they are
	// built while the window opens (bound methods wait for them).
	var (
		changes = changelog.New(st)
		prefs   *settings.Service
		objects *schema.Service
	)
	if st != nil {
		prefs = settings.New(changes)
		if objects, err = schema.New(changes); err != nil {
			st.Close()
			st, openErr = nil, app.UnreadableData(launch.DataDir, err)
		}
	}
	life := app.NewLifecycle(st, openErr, prefs)
	life.OpenLink(launch.Link) // the window opens it once the UI is up
	bound := []any{
		app.NewShell(life, launch.DataDir),
		app.NewSettings(life, prefs),
		app.NewSchema(life, objects),
		app.NewRecords(life, nil, nil, changes),
		app.NewAssociations(life, nil),
		app.NewActivities(life, nil),
		app.NewImports(life, objects),
		app.NewCompanies(life),
		app.NewDuplicates(life, nil),
	}
	life.LoadInBackground(func() (app.Services, error) {
		recs, err := records.New(changes, objects)
		if err != nil {
			return app.Services{}, err
		}
		links, err := associations.New(changes, objects, recs)
		if err != nil {
			return app.Services{}, err
		}
		imports, err := importer.New(changes, objects, recs, links, filepath.Join(launch.DataDir, "imports"))
		if err != nil {
			return app.Services{}, err
		}
		doms, err := domains.New(changes)
		if err != nil {
			return app.Services{}, err
		}
		dups, err := duplicates.New(changes, objects, recs, links, doms)
		if err != nil {
			return app.Services{}, err
		}
		return app.Services{Records: recs, Links: links, Activities: activities.New(changes, objects, recs, links), Importer: imports,
			Domains: doms, AutoDomain: autodomain.New(changes, objects, recs, links, doms), Duplicates: dups}, nil
	})

	width, height, startState := app.StartWindow(prefs)
	err = wails.Run(&options.App{
		Title:            "Fieldbook",
		Width:            width,
		Height:           height,
		WindowStartState: startState,
		MinWidth:         settings.MinWindowWidth,
		MinHeight:        settings.MinWindowHeight,
		AssetServer:      &assetserver.Options{Assets: assets},
		Menu:             app.Menu(life),
		OnStartup:        life.Startup,
		OnDomReady:       life.DomReady,
		OnBeforeClose:    life.BeforeClose,
		OnShutdown:       life.Shutdown,
		SingleInstanceLock: &options.SingleInstanceLock{
			UniqueId:               app.UniqueID,
			OnSecondInstanceLaunch: life.SecondInstance,
		},
		ErrorFormatter: app.FormatError,
		Bind:           bound,
		EnumBind:       app.Enums(),
		Linux:          &linux.Options{Icon: icon, ProgramName: "fieldbook"},
		Mac: &mac.Options{
			About: &mac.AboutInfo{
				Title: "Fieldbook " + app.Version, Message: "A desktop CRM built around associations.", Icon: icon,
			},
			// macOS hands a clicked fieldbook:// link (registered by wails.json's
			// protocols) to the running app as an event, not as arguments.
			OnUrlOpen: func(url string) { life.SecondInstance(options.SecondInstanceData{Args: []string{url}}) },
		},
	})
	if err != nil {
		life.Shutdown(context.Background())
		log.Fatalf("fieldbook: %v", err)
	}
}
