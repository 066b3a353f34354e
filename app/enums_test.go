package app

import (
	"reflect"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"fieldbook/backend/changelog"
)

// Every bound enum has distinct values and distinct TypeScript names that
// are identifiers.
func TestEnumsBindEveryValueUnderItsOwnName(t *testing.T) {
	ident := regexp.MustCompile(`^[A-Z][A-Za-z0-9]*$`)
	for _, e := range Enums() {
		list := reflect.ValueOf(e)
		require.Positive(t, list.Len())
		names, values := map[string]bool{}, map[string]bool{}
		for i := range list.Len() {
			name, value := list.Index(i).FieldByName("TSName").String(), list.Index(i).FieldByName("Value").String()
			require.Regexp(t, ident, name, "%T", e)
			require.False(t, names[name], "%T names %s twice", e, name)
			require.False(t, values[value], "%T binds %q twice", e, value)
			names[name], values[value] = true, true
		}
	}
	require.Equal(t, []enumValue[changelog.Kind]{{changelog.RecordMergedInto, "RecordMergedInto"}}, enum([]changelog.Kind{changelog.RecordMergedInto}))
	require.Equal(t, "AutoAssociationByDomain", enum([]changelog.Source{changelog.SourceAutoDomain})[0].TSName)
}
