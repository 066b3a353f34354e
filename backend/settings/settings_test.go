package settings

import (
	"testing"

	"github.com/stretchr/testify/require"

	"fieldbook/backend/errs"
	"fieldbook/backend/store"
)

func TestDefaultsWhenNothingSaved(t *testing.T) {
	st, err := store.OpenInMemory()
	require.NoError(t, err)
	defer st.Close()
	got, err := New(st).Get()
	require.NoError(t, err)
	require.Equal(t, Defaults(), got)
}

func TestSavedThemeSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	st, err := store.Open(dir)
	require.NoError(t, err)
	saved, err := New(st).Save(Settings{Theme: ThemeDark})
	require.NoError(t, err)
	require.Equal(t, ThemeDark, saved.Theme)
	require.NoError(t, st.Close())

	st, err = store.Open(dir)
	require.NoError(t, err)
	defer st.Close()
	got, err := New(st).Get()
	require.NoError(t, err)
	require.Equal(t, ThemeDark, got.Theme)
}

func TestInvalidThemeNamesTheFieldAndKeepsTheOldValue(t *testing.T) {
	st, err := store.OpenInMemory()
	require.NoError(t, err)
	defer st.Close()
	svc := New(st)
	_, err = svc.Save(Settings{Theme: ThemeLight})
	require.NoError(t, err)

	for _, bad := range []Theme{"", "purple", "<script>alert(1)</script>", "dark\x00"} {
		_, err = svc.Save(Settings{Theme: bad})
		require.True(t, errs.HasCode(err, errs.CodeInvalid), "theme %q: %v", bad, err)
		require.Equal(t, "theme", errs.As(err).Field)
	}
	got, err := svc.Get()
	require.NoError(t, err)
	require.Equal(t, ThemeLight, got.Theme)
}
