package app

import (
	"context"
	"fieldbook/backend/activities"
	"fieldbook/backend/autodomain"
	"fieldbook/backend/domains"
	"fmt"
	"log"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"fieldbook/backend/associations"
	"fieldbook/backend/changelog"
	"fieldbook/backend/duplicates"
	"fieldbook/backend/errs"
	"fieldbook/backend/importer"
	"fieldbook/backend/records"
	"fieldbook/backend/settings"
	"fieldbook/backend/store"
)

// UniqueID identifies Fieldbook to the OS for the single-instance lock.
const UniqueID = "app.fieldbook.desktop"

// EventSecondInstance carries a second launch's arguments to the frontend.
const EventSecondInstance = "app:second-instance"

// Lifecycle owns what lives as long as the window: the Wails context, the
// store, and who the user is. It is not bound to the frontend.
type Lifecycle struct {
	ctx      context.Context
	uiReady  chan struct{} // closed once the window's page has loaded
	readyOne sync.Once
	store    *store.Store // nil when it could not be opened
	openErr  error
	settings *settings.Service
	jobs     []func()         // run in the background once the window is up
	stopping []func()         // run on shutdown, before the store closes
	loaded   chan struct{}    // closed once the services are built, or could not be
	attach   []func(Services) // hand the built services to the bound structs

	mu         sync.Mutex
	win        window      // set by Startup; nil until the window exists
	link       LinkRequest // see OpenLink
	lastLinkID int64
}

// window is what the lifecycle asks of the app's window: Wails' runtime in
// the app, a fake in tests (which have no GTK).
type window interface {
	raise()                         // unminimise, show and bring to the front
	emit(event string, data ...any) // send an event to the frontend
}

type wailsWindow struct{ ctx context.Context }

// raise: on Linux WindowUnminimise is gtk_window_present, which also brings
// the window to the front (as far as the window manager allows).
func (w wailsWindow) raise() {
	runtime.WindowUnminimise(w.ctx)
	runtime.WindowShow(w.ctx)
}

func (w wailsWindow) emit(event string, data ...any) { runtime.EventsEmit(w.ctx, event, data...) }

// window returns the app's window, or nil before Startup.
func (l *Lifecycle) window() window {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.win
}

// NewLifecycle takes the store main opened (or the reason it could not) and
// the settings that hold the user profile.
func NewLifecycle(st *store.Store, openErr error, set *settings.Service) *Lifecycle {
	loaded := make(chan struct{})
	close(loaded) // services given to the constructors; see LoadInBackground
	return &Lifecycle{store: st, openErr: openErr, settings: set, uiReady: make(chan struct{}), loaded: loaded}
}

// Services are the domain services that index every record and association
// when they start: seconds with a large data folder, so they are built
// while the window opens.
type Services struct {
	Records    *records.Service
	Links      *associations.Service
	Activities *activities.Service
	Importer   *importer.Service
	Domains    *domains.Service
	AutoDomain *autodomain.Service
	Duplicates *duplicates.Service
}

// LoadInBackground builds the services on a goroutine; call it before the
// window opens. Every bound method waits for it (see ready), so the window
// shows at once and fills in when the data is read. A failure is reported
// like a store that could not be opened.
func (l *Lifecycle) LoadInBackground(build func() (Services, error)) {
	l.loaded = make(chan struct{})
	go func() {
		defer close(l.loaded)
		if l.store == nil {
			return
		}
		svc, err := build()
		if err != nil {
			dir := l.store.Dir()
			_ = l.store.Close()
			l.store, l.openErr = nil, UnreadableData(dir, err)
			return
		}
		for _, fn := range l.attach {
			fn(svc)
		}
	}()
}

// DomReady is Wails' OnDomReady: the window's page has loaded, so the GUI
// main loop runs and can be asked to quit.
func (l *Lifecycle) DomReady(context.Context) { l.readyOne.Do(func() { close(l.uiReady) }) }

// quit closes the app. Asked too early (before the GUI main loop runs, as
// GTK allows), a quit would be lost, so it waits for the page first.
func (l *Lifecycle) quit() {
	select {
	case <-l.uiReady:
	case <-time.After(15 * time.Second):
	}
	l.rememberWindow()
	runtime.Quit(l.ctx)
}

// Startup is Wails' OnStartup. A termination signal (logout, shutdown,
// Ctrl+C in a terminal) quits like File → Quit, so the database closes cleanly.
func (l *Lifecycle) Startup(ctx context.Context) {
	l.ctx = ctx
	l.mu.Lock()
	l.win = wailsWindow{ctx}
	l.mu.Unlock()
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, os.Interrupt)
	go func() {
		<-signals
		l.quit()
	}()
	go func() { // once the data is read, without holding up the window
		if l.ready() == nil {
			for _, job := range l.jobs {
				go job()
			}
		}
	}()
}

// Shutdown is Wails' OnShutdown: it closes the database cleanly.
func (l *Lifecycle) Shutdown(context.Context) {
	<-l.loaded // a build still reading would find the store closed under it
	if l.store == nil {
		return
	}
	for _, fn := range l.stopping {
		fn()
	}
	if err := l.store.Close(); err != nil {
		log.Printf("closing the database: %v", err)
	}
}

// SecondInstance is called when Fieldbook is launched again while running:
// bring this window forward and hand the frontend the new launch's
// arguments. A record link among them is kept for the frontend to open (it
// asks for it on this event, and when it starts if the event came too early).
func (l *Lifecycle) SecondInstance(data options.SecondInstanceData) {
	l.OpenLink(FindLink(data.Args))
	w := l.window()
	if w == nil {
		return
	}
	w.raise()
	w.emit(EventSecondInstance, data.Args)
}

// UnreadableData is the problem shown when the data folder opened but its
// contents could not be read.
func UnreadableData(dir string, err error) error {
	return errs.Wrap(err, errs.CodeUnavailable, fmt.Sprintf("Fieldbook could not read the data in %s: %v", dir, err))
}

// ready is checked first by every method that needs the database; it waits
// for the services while they are being built.
func (l *Lifecycle) ready() error {
	<-l.loaded
	if l.store == nil {
		return errs.As(l.openErr)
	}
	return nil
}

// userMeta is the change-log metadata of an action the user takes in the UI.
func (l *Lifecycle) userMeta() changelog.Meta {
	meta := changelog.Meta{Source: changelog.SourceUser}
	if p, ok, err := l.settings.Profile(); err == nil && ok {
		meta.Actor = changelog.Actor{ID: p.ID, Name: p.Name}
	}
	return meta
}
