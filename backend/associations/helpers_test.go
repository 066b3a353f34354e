package associations

import (
	"testing"

	"github.com/stretchr/testify/require"

	"fieldbook/backend/changelog"
	"fieldbook/backend/errs"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
	"fieldbook/backend/store"
)

var ann = changelog.Meta{Actor: changelog.Actor{ID: "u-ann", Name: "Ann"}, Source: changelog.SourceUser}

type fixture struct {
	st     *store.Store
	log    *changelog.Log
	schema *schema.Service
	recs   *records.Service
	links  *Service
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	st, err := store.OpenInMemory()
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	f := open(t, st)
	t.Cleanup(func() { f.requireConsistent(t) })
	return f
}

// open builds the services over a store, as main.go does.
func open(t testing.TB, st *store.Store) *fixture {
	t.Helper()
	lg := changelog.New(st)
	sch, err := schema.New(lg)
	require.NoError(t, err)
	recs, err := records.New(lg, sch)
	require.NoError(t, err)
	links, err := New(lg, sch, recs)
	require.NoError(t, err)
	return &fixture{st: st, log: lg, schema: sch, recs: recs, links: links}
}

// requireConsistent runs both invariant checkers.
func (f *fixture) requireConsistent(t testing.TB) {
	t.Helper()
	problems, err := f.links.Check()
	require.NoError(t, err)
	require.Empty(t, problems)
	problems, err = f.recs.Check()
	require.NoError(t, err)
	require.Empty(t, problems)
}

func (f *fixture) create(t testing.TB, object string, props map[string]any) string {
	t.Helper()
	r, err := f.recs.Create(ann, object, props)
	require.NoError(t, err)
	return r.ID
}

func (f *fixture) contact(t testing.TB, first string) string {
	return f.create(t, schema.Contacts, map[string]any{"firstname": first, "lastname": "Test"})
}

func (f *fixture) company(t testing.TB, name string) string {
	return f.create(t, schema.Companies, map[string]any{"name": name})
}

func (f *fixture) deal(t testing.TB, name string) string {
	return f.create(t, schema.Deals, map[string]any{"name": name})
}

func (f *fixture) associate(t testing.TB, rec string, targets ...string) Result {
	t.Helper()
	res, err := f.links.Associate(ann, Edit{Record: rec, Targets: targets})
	require.NoError(t, err)
	return res
}

// group returns a record's card for one object (empty when none).
func (f *fixture) group(t testing.TB, rec, object string) Group {
	t.Helper()
	g, err := f.links.Page(rec, object, 0, MaxPage)
	require.NoError(t, err)
	return g
}

// primaryOf is the ID of a record's primary company ("" for none).
func (f *fixture) primaryOf(t testing.TB, rec string) string {
	t.Helper()
	primary := ""
	for _, a := range f.group(t, rec, schema.Companies).Items {
		if a.Primary {
			require.Empty(t, primary, "two primary companies")
			primary = a.ID
		}
	}
	return primary
}

func ids(g Group) []string {
	out := make([]string, len(g.Items))
	for i, a := range g.Items {
		out[i] = a.ID
	}
	return out
}

func labelsOf(g Group, id string) []string {
	for _, a := range g.Items {
		if a.ID == id {
			out := []string{}
			for _, l := range a.Labels {
				out = append(out, l.Name)
			}
			return out
		}
	}
	return nil
}

func requireCode(t testing.TB, err error, code errs.Code, field string) {
	t.Helper()
	require.Error(t, err)
	e := errs.As(err)
	require.Equal(t, code, e.Code, e.Message)
	if field != "" {
		require.Equal(t, field, e.Field, e.Message)
	}
	require.NotEmpty(t, e.Message)
}
