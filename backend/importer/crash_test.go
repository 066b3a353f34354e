package importer

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fieldbook/backend/records"
	"fieldbook/backend/schema"
	"fieldbook/backend/store"
)

const crashRows = 20_000

// TestKilledDuringAnImport kills a process in the middle of an import and
// checks what it leaves: a consistent store, whole rows only (each contact
// with its company), the import listed as interrupted with the rows it
// wrote, an undo that takes them back, and the file imported again whole.
func TestKilledDuringAnImport(t *testing.T) {
	if dir := os.Getenv("FIELDBOOK_CRASH_IMPORT"); dir != "" {
		crashImporter(t, dir)
		return
	}
	if testing.Short() {
		t.Skip("spawns processes")
	}
	for round, wait := range []time.Duration{100 * time.Millisecond, 400 * time.Millisecond} {
		dir := filepath.Join(t.TempDir(), fmt.Sprint(round))
		require.NoError(t, os.MkdirAll(dir, 0o700))
		cmd := exec(t, "^TestKilledDuringAnImport$", "FIELDBOOK_CRASH_IMPORT="+dir)
		deadline := time.Now().Add(60 * time.Second)
		for {
			if _, err := os.Stat(filepath.Join(dir, "importing")); err == nil {
				break
			}
			require.True(t, time.Now().Before(deadline), "the import never started")
			time.Sleep(10 * time.Millisecond)
		}
		time.Sleep(wait)
		require.NoError(t, cmd.Process.Kill())
		_ = cmd.Wait()

		st, err := store.Open(filepath.Join(dir, "data"))
		require.NoError(t, err)
		f := &fixture{st: st, dir: dir}
		f.open(t)
		f.requireConsistent(t)
		list, err := f.imp.List()
		require.NoError(t, err)
		require.Len(t, list, 1)
		require.Equal(t, Interrupted, list[0].State)
		contacts, err := f.recs.Count(schema.Contacts)
		require.NoError(t, err)
		require.Less(t, contacts, crashRows, "killed before the end")
		require.Equal(t, 2*contacts, list[0].Counts.Created, "the count of what it wrote lands with each batch")
		t.Logf("round %d: killed after %v with %d rows written", round, wait, contacts)
		page, err := f.recs.List(records.ListQuery{Object: schema.Contacts, Limit: records.MaxPage})
		require.NoError(t, err)
		for _, c := range page.Records {
			require.Len(t, f.companiesOf(t, c.ID), 1, "a contact without the company of its row")
		}

		undone := f.undo(t, list[0].ID)
		require.Equal(t, 2*contacts, undone.Undo.Records)
		n, err := f.recs.Count(schema.Contacts)
		require.NoError(t, err)
		require.Zero(t, n)

		again := f.run(t, f.inspect(t, filepath.Join(dir, "people.csv"), schema.Contacts, schema.Companies))
		require.Equal(t, Counts{Rows: crashRows, Created: 2 * crashRows, Associations: crashRows}, again.Counts)
		require.NoError(t, st.Close())
	}
}

// crashImporter starts an import of a big file and waits to be killed.
func crashImporter(t *testing.T, dir string) {
	var b strings.Builder
	b.WriteString("First name,Email,Company name,Company domain\n")
	for i := range crashRows {
		fmt.Fprintf(&b, "P%d,p%d@c%d.example,Company %d,c%d.example\n", i, i, i, i, i)
	}
	path := filepath.Join(dir, "people.csv")
	require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o600))
	st, err := store.Open(filepath.Join(dir, "data"))
	require.NoError(t, err)
	f := &fixture{st: st, dir: dir}
	f.open(t)
	j, err := f.imp.Start(user, f.inspect(t, path, schema.Contacts, schema.Companies))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "importing"), nil, 0o600))
	_, _ = f.imp.Wait(j.ID)
	time.Sleep(time.Minute) // the parent kills it before
}
