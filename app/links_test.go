package app

import (
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/wailsapp/wails/v2/pkg/menu"
	"github.com/wailsapp/wails/v2/pkg/menu/keys"
	"github.com/wailsapp/wails/v2/pkg/options"

	"fieldbook/backend/store"
)

const testLink = "fieldbook://contacts/0190a0b2-1c3d-7e4f-8a5b-6c7d8e9f0a1b"

// fakeWindow records what the lifecycle asks of the window.
type fakeWindow struct {
	raised int
	events []event
}

type event struct {
	name string
	data []any
}

func (w *fakeWindow) raise()                        { w.raised++ }
func (w *fakeWindow) emit(name string, data ...any) { w.events = append(w.events, event{name, data}) }

func withWindow(l *Lifecycle) *fakeWindow {
	w := &fakeWindow{}
	l.win = w
	return w
}

func TestFindLink(t *testing.T) {
	require.Equal(t, testLink, FindLink([]string{"-loglevel", "Warning", testLink, "fieldbook://deals/x"}), "the first link wins")
	require.Equal(t, "FIELDBOOK://contacts/1", FindLink([]string{" FIELDBOOK://contacts/1\n"}), "the scheme is case-insensitive, spaces go")
	// Only links: the frontend says what is wrong with a malformed one.
	require.Equal(t, "fieldbook://oops", FindLink([]string{"fieldbook://oops"}))
	for _, args := range [][]string{nil, {""}, {"fieldbook://"}, {"fieldbook:contacts/1"}, {"https://example.com"}, {"/home/ann/fieldbook://x"}} {
		require.Empty(t, FindLink(args), "%q", args)
	}
}

func TestParseLaunchFindsTheLink(t *testing.T) {
	getenv := func(k string) string { return map[string]string{"HOME": "/home/ann"}[k] }

	// As the desktop starts it for a clicked link (Exec=fieldbook %u).
	l, err := ParseLaunch([]string{testLink}, getenv)
	require.NoError(t, err)
	require.Equal(t, testLink, l.Link)
	def, err := store.DefaultDir(getenv)
	require.NoError(t, err)
	require.Equal(t, def, l.DataDir, "the link is not a data folder")

	// After flags, and with flags after it.
	l, err = ParseLaunch([]string{"-data-dir", "/tmp/d", testLink, "--loglevel=debug"}, getenv)
	require.NoError(t, err)
	require.Equal(t, "/tmp/d", l.DataDir)
	require.Equal(t, testLink, l.Link)

	// A data folder is never taken for a link, nor the other way round.
	l, err = ParseLaunch([]string{"--data-dir", "/tmp/fieldbook:/x"}, getenv)
	require.NoError(t, err)
	require.Empty(t, l.Link)

	l, err = ParseLaunch([]string{"-loglevel", "Warning"}, getenv)
	require.NoError(t, err)
	require.Empty(t, l.Link)
}

func TestLaunchLinkWaitsForTheUI(t *testing.T) {
	life := NewLifecycle(nil, nil, nil)
	shell := NewShell(life, "/d")

	none, err := shell.PendingLink()
	require.NoError(t, err)
	require.Equal(t, LinkRequest{}, none, "no link: ID 0")

	life.OpenLink("") // no link on the command line changes nothing
	none, err = shell.PendingLink()
	require.NoError(t, err)
	require.Zero(t, none.ID)

	life.OpenLink(testLink) // main, before the window exists
	got, err := shell.PendingLink()
	require.NoError(t, err)
	require.Equal(t, testLink, got.Link)
	require.NotZero(t, got.ID)
	again, err := shell.PendingLink()
	require.NoError(t, err)
	require.Equal(t, got, again, "asking again (a reload, a second window) gives the same link and ID")
}

func TestSecondInstanceHandsOverALink(t *testing.T) {
	life := NewLifecycle(nil, nil, nil)
	shell := NewShell(life, "/d")
	life.OpenLink("fieldbook://contacts/first")
	first, _ := shell.PendingLink()

	// Before the window exists (the app is still starting): the link is kept
	// for the UI to ask for, nothing is sent.
	life.SecondInstance(options.SecondInstanceData{Args: []string{testLink}})
	early, err := shell.PendingLink()
	require.NoError(t, err)
	require.Equal(t, testLink, early.Link)
	require.Greater(t, early.ID, first.ID)

	// Running: the window comes forward and gets the arguments; the new
	// link has a new ID, even when it is the same text as before.
	w := withWindow(life)
	life.SecondInstance(options.SecondInstanceData{Args: []string{"-data-dir", "/d", testLink}})
	require.Equal(t, 1, w.raised)
	require.Equal(t, []event{{EventSecondInstance, []any{[]string{"-data-dir", "/d", testLink}}}}, w.events)
	later, err := shell.PendingLink()
	require.NoError(t, err)
	require.Equal(t, testLink, later.Link)
	require.Greater(t, later.ID, early.ID, "opening the same link again opens it again")

	// A launch without a link only brings the window forward.
	w.events = nil
	life.SecondInstance(options.SecondInstanceData{Args: nil})
	require.Equal(t, 2, w.raised)
	require.Len(t, w.events, 1)
	unchanged, _ := shell.PendingLink()
	require.Equal(t, later, unchanged)
}

func TestMenuOpenLink(t *testing.T) {
	life := NewLifecycle(nil, nil, nil)
	item := findMenuItem(Menu(life), "Open Link…")
	require.NotNil(t, item, "File → Open Link…")
	require.Equal(t, keys.CmdOrCtrl("l"), item.Accelerator)

	item.Click(&menu.CallbackData{MenuItem: item}) // before the window: ignored
	w := withWindow(life)
	item.Click(&menu.CallbackData{MenuItem: item})
	require.Equal(t, []event{{EventMenu, []any{"open-link"}}}, w.events)
}

func findMenuItem(m *menu.Menu, label string) *menu.MenuItem {
	for _, item := range m.Items {
		if item.Label == label {
			return item
		}
		if item.SubMenu != nil {
			if found := findMenuItem(item.SubMenu, label); found != nil {
				return found
			}
		}
	}
	return nil
}
