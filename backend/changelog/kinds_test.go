package changelog

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

// Kinds is what the frontend is bound to: every declared kind is in it.
func TestKindsListsEveryDeclaredKind(t *testing.T) {
	file, err := parser.ParseFile(token.NewFileSet(), "kinds.go", nil, 0)
	require.NoError(t, err)
	declared := 0
	for _, decl := range file.Decls {
		g, ok := decl.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, spec := range g.Specs {
			v := spec.(*ast.ValueSpec)
			if id, ok := v.Type.(*ast.Ident); !ok || id.Name != "Kind" {
				continue
			}
			value, err := strconv.Unquote(v.Values[0].(*ast.BasicLit).Value)
			require.NoError(t, err)
			require.Contains(t, Kinds, Kind(value), "%s is declared but not in Kinds", v.Names[0].Name)
			declared++
		}
	}
	require.Len(t, Kinds, declared, "Kinds holds a kind twice")
}

// A change kind written as a literal anywhere in the Go code (instead of a
// constant) must still be one the frontend knows.
func TestEveryKindLiteralIsBound(t *testing.T) {
	literal := regexp.MustCompile(`"((?:record|object|property|setting|association)\.[a-z_]+)"`)
	found := 0
	for _, dir := range []string{"..", filepath.Join("..", "..", "app")} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || filepath.Ext(path) != ".go" || filepath.Base(path) == "kinds.go" {
				return err
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, m := range literal.FindAllSubmatch(src, -1) {
				found++
				require.True(t, slices.Contains(Kinds, Kind(m[1])), "%s writes the change kind %q, which is not in Kinds", path, m[1])
			}
			return nil
		})
		require.NoError(t, err)
	}
	t.Logf("%d kind literals outside kinds.go", found)
}
