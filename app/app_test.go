package app

import (
	"encoding/json"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fieldbook/backend/changelog"
	"fieldbook/backend/errs"
	"fieldbook/backend/settings"
	"fieldbook/backend/store"
)

func TestParseLaunch(t *testing.T) {
	env := map[string]string{"HOME": "/home/ann"}
	getenv := func(k string) string { return env[k] }

	l, err := ParseLaunch([]string{"--data-dir=/tmp/a", "fieldbook://contact/1"}, getenv)
	require.NoError(t, err)
	require.Equal(t, "/tmp/a", l.DataDir)
	require.Equal(t, []string{"fieldbook://contact/1"}, l.Args)

	l, err = ParseLaunch([]string{"-loglevel", "-data-dir", "/tmp/b"}, getenv)
	require.NoError(t, err)
	require.Equal(t, "/tmp/b", l.DataDir, "unknown flags are ignored, not fatal")

	env[DataDirEnv] = "/tmp/from-env"
	l, err = ParseLaunch(nil, getenv)
	require.NoError(t, err)
	require.Equal(t, "/tmp/from-env", l.DataDir)

	l, err = ParseLaunch([]string{"-data-dir=/tmp/flag-wins"}, getenv)
	require.NoError(t, err)
	require.Equal(t, "/tmp/flag-wins", l.DataDir)

	delete(env, DataDirEnv)
	l, err = ParseLaunch([]string{"-data-dir", "relative"}, getenv)
	require.NoError(t, err)
	require.True(t, filepath.IsAbs(l.DataDir))
}

func TestFormatErrorGivesCodeMessageField(t *testing.T) {
	decode := func(v any) (out map[string]string) {
		require.NoError(t, json.Unmarshal([]byte(v.(string)), &out))
		return out
	}
	got := decode(FormatError(errs.Invalid("theme", "Theme must be light or dark.")))
	require.Equal(t, map[string]string{"code": "invalid", "message": "Theme must be light or dark.", "field": "theme"}, got)

	got = decode(FormatError(errors.New("low-level detail")))
	require.Equal(t, "internal", got["code"]) // the value on the wire
	require.NotContains(t, got["message"], "low-level")
	require.NotContains(t, got, "field")
}

func TestGuardTurnsPanicIntoInternalError(t *testing.T) {
	call := func() (err error) {
		defer guard(&err)
		var m map[string]int
		//lint:ignore SA5000 the test needs a panic
		m["x"] = 1
		return nil
	}
	err := call()
	require.True(t, errs.HasCode(err, errs.CodeInternal), "got %v", err)
}

func TestServicesReportStoreProblem(t *testing.T) {
	openErr := errs.New(errs.CodeStoreLocked, "Fieldbook is already open with the data folder /x.")
	life := NewLifecycle(nil, openErr, nil)

	info, err := NewShell(life, "/x").Info()
	require.NoError(t, err)
	require.NotNil(t, info.Problem)
	require.Equal(t, errs.CodeStoreLocked, info.Problem.Code)

	_, err = NewSettings(life, settings.New(nil)).Get()
	require.True(t, errs.HasCode(err, errs.CodeStoreLocked))
	_, err = NewSettings(life, settings.New(nil)).Save(settings.Defaults())
	require.True(t, errs.HasCode(err, errs.CodeStoreLocked))
}

func TestSettingsServiceRoundTrip(t *testing.T) {
	st, err := store.OpenInMemory()
	require.NoError(t, err)
	prefs := settings.New(changelog.New(st))
	life := NewLifecycle(st, nil, prefs)
	defer life.Shutdown(t.Context())
	svc := NewSettings(life, prefs)

	_, err = svc.Save(settings.Settings{Theme: "neon"})
	require.Equal(t, "theme", errs.As(err).Field)
	saved, err := svc.Save(settings.Settings{Theme: settings.ThemeDark})
	require.NoError(t, err)
	got, err := svc.Get()
	require.NoError(t, err)
	require.Equal(t, saved, got)

	info, err := NewShell(life, "/data").Info()
	require.NoError(t, err)
	require.Nil(t, info.Problem)
	require.Equal(t, Version, info.Version)
}

// Every method the frontend can call must recover from panics, or a bug
// would leave the UI waiting forever. Lifecycle is Wails' hooks, not bound.
func TestEveryBoundMethodIsGuarded(t *testing.T) {
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		require.NoError(t, err)
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || !fn.Name.IsExported() || receiverName(fn) == "Lifecycle" {
				continue
			}
			checked++
			require.True(t, startsWithGuard(fn),
				"%s.%s (%s) must start with `defer guard(&err)`", receiverName(fn), fn.Name.Name, name)
		}
	}
	require.GreaterOrEqual(t, checked, 4, "the check must have found the bound methods")
}

func receiverName(fn *ast.FuncDecl) string {
	typ := fn.Recv.List[0].Type
	if star, ok := typ.(*ast.StarExpr); ok {
		typ = star.X
	}
	if id, ok := typ.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

func startsWithGuard(fn *ast.FuncDecl) bool {
	if len(fn.Body.List) == 0 {
		return false
	}
	def, ok := fn.Body.List[0].(*ast.DeferStmt)
	if !ok {
		return false
	}
	id, ok := def.Call.Fun.(*ast.Ident)
	return ok && id.Name == "guard"
}
