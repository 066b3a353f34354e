package importer

import (
	"os"
	osexec "os/exec"
	"path/filepath"
	"testing"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"fieldbook/backend/associations"
	"fieldbook/backend/changelog"
	"fieldbook/backend/keys"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
	"fieldbook/backend/store"
)

type fixture struct {
	st    *store.Store
	log   *changelog.Log
	sch   *schema.Service
	recs  *records.Service
	links *associations.Service
	imp   *Service
	dir   string
}

var user = changelog.Meta{Actor: changelog.Actor{ID: "u1", Name: "Ann"}, Source: changelog.SourceUser}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	st, err := store.OpenInMemory()
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	f := &fixture{st: st, dir: t.TempDir()}
	f.open(t)
	t.Cleanup(func() { f.requireConsistent(t) })
	return f
}

// open builds the services over the fixture's store, as the app does when
// it starts.
func (f *fixture) open(t *testing.T) {
	t.Helper()
	f.log = changelog.New(f.st)
	var err error
	f.sch, err = schema.New(f.log)
	require.NoError(t, err)
	f.recs, err = records.New(f.log, f.sch)
	require.NoError(t, err)
	f.links, err = associations.New(f.log, f.sch, f.recs)
	require.NoError(t, err)
	f.imp, err = New(f.log, f.sch, f.recs, f.links, filepath.Join(f.dir, "imports"))
	require.NoError(t, err)
}

// requireConsistent runs the records' and the associations' checkers.
func (f *fixture) requireConsistent(t *testing.T) {
	t.Helper()
	problems, err := f.recs.Check()
	require.NoError(t, err)
	more, err := f.links.Check()
	require.NoError(t, err)
	require.Empty(t, append(problems, more...))
}

// file writes content to a CSV file in the fixture's folder.
func (f *fixture) file(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(f.dir, name)
	require.NoError(t, os.WriteFile(path, []byte(content), 0o600))
	return path
}

// inspect suggests a setup for a file holding objects.
func (f *fixture) inspect(t *testing.T, path string, objects ...string) Setup {
	t.Helper()
	file, err := f.imp.Inspect(path, objects)
	require.NoError(t, err)
	return file.Setup
}

// check, run and undo start a job, wait for it to end in the state it
// should, and (a write) run the checkers.
func (f *fixture) check(t *testing.T, setup Setup) Job {
	t.Helper()
	j, err := f.imp.Check(user, setup)
	return f.wait(t, j, err, Checked)
}

func (f *fixture) run(t *testing.T, setup Setup) Job {
	t.Helper()
	j, err := f.imp.Start(user, setup)
	return f.wait(t, j, err, Done)
}

func (f *fixture) undo(t *testing.T, importID string) Job {
	t.Helper()
	j, err := f.imp.Undo(user, importID)
	return f.wait(t, j, err, Undone)
}

func (f *fixture) wait(t *testing.T, j Job, err error, want State) Job {
	t.Helper()
	require.NoError(t, err)
	done, err := f.imp.Wait(j.ID)
	require.NoError(t, err)
	require.Nil(t, done.Error)
	require.Equal(t, want, done.State)
	if want != Checked {
		f.requireConsistent(t)
	}
	return done
}

// all lists an object's live records by display name.
func (f *fixture) all(t *testing.T, object string) map[string]records.RecordView {
	t.Helper()
	page, err := f.recs.List(records.ListQuery{Object: object, Limit: 200})
	require.NoError(t, err)
	out := map[string]records.RecordView{}
	for _, r := range page.Records {
		out[r.DisplayName] = r
	}
	return out
}

// companiesOf lists a record's associated companies by name, the primary
// marked with a star.
func (f *fixture) companiesOf(t *testing.T, id string) []string {
	t.Helper()
	g, err := f.links.Page(id, schema.Companies, 0, 50)
	require.NoError(t, err)
	var out []string
	for _, it := range g.Items {
		name := it.Name
		if it.Primary {
			name += "*"
		}
		out = append(out, name)
	}
	return out
}

type badgerTxn = badger.Txn

func mustID(t *testing.T, s string) uuid.UUID {
	t.Helper()
	id, err := uuid.Parse(s)
	require.NoError(t, err)
	return id
}

// testExternal reads the record another system's ID maps to ("" for none).
func (s *Service) testExternal(t *testing.T, system string, num uint16, ext string) string {
	t.Helper()
	var out string
	require.NoError(t, s.log.Store().View(func(txn *badger.Txn) error {
		item, err := txn.Get(keys.External(system, num, ext))
		if err == badger.ErrKeyNotFound {
			return nil
		}
		if err != nil {
			return err
		}
		return item.Value(func(v []byte) error {
			out = uuid.UUID(v).String()
			return nil
		})
	}))
	return out
}

// exec runs this test binary's test named by run in a child process with
// one more environment variable.
func exec(t *testing.T, run, env string) *osexec.Cmd {
	t.Helper()
	cmd := osexec.Command(os.Args[0], "-test.run", run)
	cmd.Env = append(os.Environ(), env)
	out, err := os.CreateTemp(t.TempDir(), "child")
	require.NoError(t, err)
	cmd.Stdout, cmd.Stderr = out, out
	require.NoError(t, cmd.Start())
	return cmd
}
