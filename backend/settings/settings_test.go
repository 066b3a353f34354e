package settings

import (
	"testing"

	"github.com/stretchr/testify/require"

	"fieldbook/backend/changelog"
	"fieldbook/backend/errs"
	"fieldbook/backend/store"
)

func TestDefaultsWhenNothingSaved(t *testing.T) {
	st, err := store.OpenInMemory()
	require.NoError(t, err)
	defer st.Close()
	got, err := New(changelog.New(st)).Get()
	require.NoError(t, err)
	require.Equal(t, Defaults(), got)
}

func TestSavedThemeSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	st, err := store.Open(dir)
	require.NoError(t, err)
	saved, err := New(changelog.New(st)).Save(changelog.Meta{}, Settings{Theme: ThemeDark})
	require.NoError(t, err)
	require.Equal(t, ThemeDark, saved.Theme)
	require.NoError(t, st.Close())

	st, err = store.Open(dir)
	require.NoError(t, err)
	defer st.Close()
	got, err := New(changelog.New(st)).Get()
	require.NoError(t, err)
	require.Equal(t, ThemeDark, got.Theme)
}

func TestInvalidThemeNamesTheFieldAndKeepsTheOldValue(t *testing.T) {
	st, err := store.OpenInMemory()
	require.NoError(t, err)
	defer st.Close()
	svc := New(changelog.New(st))
	_, err = svc.Save(changelog.Meta{}, Settings{Theme: ThemeLight})
	require.NoError(t, err)

	for _, bad := range []Theme{"", "purple", "<script>alert(1)</script>", "dark\x00"} {
		_, err = svc.Save(changelog.Meta{}, Settings{Theme: bad})
		require.True(t, errs.HasCode(err, errs.CodeInvalid), "theme %q: %v", bad, err)
		require.Equal(t, "theme", errs.As(err).Field)
	}
	got, err := svc.Get()
	require.NoError(t, err)
	require.Equal(t, ThemeLight, got.Theme)
}

func TestProfileIsAskedOnceAndKeepsItsID(t *testing.T) {
	st, err := store.OpenInMemory()
	require.NoError(t, err)
	defer st.Close()
	svc := New(changelog.New(st))
	_, ok, err := svc.Profile()
	require.NoError(t, err)
	require.False(t, ok, "a new data folder has no profile yet")

	for _, bad := range []string{"", "   ", "a\x00b", "\xff\xfe", string(make([]byte, 200))} {
		_, err := svc.SaveProfile(bad)
		require.True(t, errs.HasCode(err, errs.CodeInvalid), "name %q", bad)
		require.Equal(t, "name", errs.As(err).Field)
	}
	first, err := svc.SaveProfile("  Ann Andersen ")
	require.NoError(t, err)
	require.Equal(t, "Ann Andersen", first.Name)
	renamed, err := svc.SaveProfile("Ann B. Andersen")
	require.NoError(t, err)
	require.Equal(t, first.ID, renamed.ID, "renaming keeps the user ID")
	got, ok, err := svc.Profile()
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, renamed, got)
}

func TestPreferencesAreJSONAndRemembered(t *testing.T) {
	st, err := store.OpenInMemory()
	require.NoError(t, err)
	defer st.Close()
	svc := New(changelog.New(st))
	v, err := svc.Preference("columns:contacts")
	require.NoError(t, err)
	require.Equal(t, "", v)
	require.NoError(t, svc.SavePreference(changelog.Meta{}, "columns:contacts", `["email","firstname"]`))
	v, err = svc.Preference("columns:contacts")
	require.NoError(t, err)
	require.Equal(t, `["email","firstname"]`, v)
	require.Equal(t, "value", errs.As(svc.SavePreference(changelog.Meta{}, "x", "{not json")).Field)
	require.Equal(t, "key", errs.As(svc.SavePreference(changelog.Meta{}, "", "1")).Field)
}

func TestWindowSizeIsRememberedWithinLimits(t *testing.T) {
	st, err := store.OpenInMemory()
	require.NoError(t, err)
	defer st.Close()
	svc := New(changelog.New(st))
	_, ok, err := svc.Window()
	require.NoError(t, err)
	require.False(t, ok)

	require.NoError(t, svc.SaveWindow(changelog.Meta{}, Window{Width: 1440, Height: 900, Maximised: true}))
	w, ok, err := svc.Window()
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, Window{Width: 1440, Height: 900, Maximised: true}, w)

	require.NoError(t, svc.SaveWindow(changelog.Meta{}, Window{Width: 10, Height: 1 << 30}))
	w, _, err = svc.Window()
	require.NoError(t, err)
	require.Equal(t, Window{Width: MinWindowWidth, Height: 16384}, w)
}
