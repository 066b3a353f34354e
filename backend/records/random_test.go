package records

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fieldbook/backend/changelog"
	"fieldbook/backend/schema"
	"fieldbook/backend/store"
)

// TestRandomOperationsKeepTheStoreConsistent applies thousands of random
// creates, updates, deletes, restores, purges and schema changes, and runs
// the invariant checker along the way and at the end.
func TestRandomOperationsKeepTheStoreConsistent(t *testing.T) {
	f := newFixture(t)
	r := rand.New(rand.NewPCG(42, 7))
	objects := []string{schema.Contacts, schema.Companies, schema.Deals, schema.Tickets}
	var ids []string
	values := []any{nil, "", "Ann", "ann", "Ünïcødé", "<b>x</b>", "a@b.example", "12", 3.5, true, "2026-01-02", "won", "high", "x.example"}
	steps := 3000
	if testing.Short() {
		steps = 500
	}
	for step := 0; step < steps; step++ {
		switch op := r.IntN(10); {
		case op < 4 || len(ids) == 0:
			obj, _ := f.schema.Object(objects[r.IntN(len(objects))])
			props := map[string]any{}
			for _, p := range obj.Properties {
				if r.IntN(2) == 0 {
					props[p.Name] = values[r.IntN(len(values))]
				}
			}
			if rec, err := f.recs.Create(ann, obj.ID, props); err == nil {
				ids = append(ids, rec.ID)
			}
		case op < 7:
			id := ids[r.IntN(len(ids))]
			rec, err := f.recs.Get(id)
			if err != nil {
				continue
			}
			obj, _ := f.schema.Object(rec.Object)
			if len(obj.Properties) == 0 {
				continue
			}
			p := obj.Properties[r.IntN(len(obj.Properties))]
			_, _ = f.recs.Update(ann, id, map[string]any{p.Name: values[r.IntN(len(values))]})
		case op < 8 && r.IntN(3) == 0:
			// Sorting or filtering by a property builds its order on demand;
			// later writes must keep it right.
			obj, _ := f.schema.Object(objects[r.IntN(len(objects))])
			p := obj.Properties[r.IntN(len(obj.Properties))]
			_, err := f.recs.List(ListQuery{Object: obj.ID, Sort: p.Name, Desc: r.IntN(2) == 0, Limit: 20,
				Filters: []Filter{{Property: obj.Properties[r.IntN(len(obj.Properties))].Name, Op: "not_empty"}}})
			require.NoError(t, err)
			_, err = f.recs.List(ListQuery{Object: obj.ID, Sort: SortUpdated, Limit: 5})
			require.NoError(t, err)
		case op < 8:
			_, _ = f.recs.Delete(ann, []string{ids[r.IntN(len(ids))], ids[r.IntN(len(ids))]})
		case op < 9:
			_, _ = f.recs.Restore(ann, []string{ids[r.IntN(len(ids))]})
		default:
			if r.IntN(4) == 0 {
				_, _ = f.recs.DeletePermanently(ann, []string{ids[r.IntN(len(ids))]})
			} else if r.IntN(8) == 0 {
				obj := objects[r.IntN(len(objects))]
				o, err := f.schema.AddProperty(ann, obj, schema.PropertyInput{Label: fmt.Sprintf("Extra %d", step), Type: schema.Text})
				require.NoError(t, err)
				if r.IntN(2) == 0 {
					_, err = f.schema.RemoveProperty(ann, obj, o.Properties[len(o.Properties)-1].Name)
					require.NoError(t, err)
				}
			}
		}
		if step%500 == 0 {
			f.requireConsistent(t)
		}
	}
	f.requireConsistent(t)
}

// TestCrashMidBatchLeavesBatchesWhole kills a process that is writing
// batches of records and finds, on reopening, only whole batches and a
// consistent store.
func TestCrashMidBatchLeavesBatchesWhole(t *testing.T) {
	if dir := os.Getenv("FIELDBOOK_CRASH_WRITER_DIR"); dir != "" {
		writeUntilKilled(dir)
		return
	}
	if testing.Short() {
		t.Skip("spawns a writer process")
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashMidBatchLeavesBatchesWhole$")
	cmd.Env = append(os.Environ(), "FIELDBOOK_CRASH_WRITER_DIR="+dir)
	require.NoError(t, cmd.Start())
	time.Sleep(1500 * time.Millisecond)
	require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
	_ = cmd.Wait()

	st, err := store.Open(dir)
	require.NoError(t, err)
	defer st.Close()
	lg := changelog.New(st)
	sch, err := schema.New(lg)
	require.NoError(t, err)
	recs, err := New(lg, sch)
	require.NoError(t, err)
	problems, err := recs.Check()
	require.NoError(t, err)
	require.Empty(t, problems)
	n, err := recs.Count(schema.Contacts)
	require.NoError(t, err)
	require.Positive(t, n, "the writer got some batches in before it was killed")
	require.Zero(t, n%crashBatch, "%d records: a batch was torn", n)
}

const crashBatch = 250

func writeUntilKilled(dir string) {
	st, err := store.Open(dir)
	if err != nil {
		panic(err)
	}
	lg := changelog.New(st)
	sch, err := schema.New(lg)
	if err != nil {
		panic(err)
	}
	recs, err := New(lg, sch)
	if err != nil {
		panic(err)
	}
	for i := 0; ; i++ {
		rows := make([]map[string]any, crashBatch)
		for j := range rows {
			rows[j] = map[string]any{"firstname": fmt.Sprintf("F%d", i), "lastname": fmt.Sprintf("L%d", j), "email": fmt.Sprintf("p%d.%d@example.com", i, j)}
		}
		if _, err := recs.CreateMany(changelog.Meta{Source: changelog.SourceImport}, schema.Contacts, rows); err != nil {
			panic(err)
		}
	}
}
