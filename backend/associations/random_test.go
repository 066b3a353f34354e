package associations

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"fieldbook/backend/changelog"
	"fieldbook/backend/errs"
	"fieldbook/backend/keys"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
	"fieldbook/backend/store"
)

// world drives the engine with operations read from a byte stream: the
// randomised test feeds it random bytes, the fuzz target the fuzzer's. Every
// operation either succeeds or fails with a domain error and changes nothing.
type world struct {
	f       *fixture
	in      []byte
	records []string
	labels  map[[2]string][]LabelRef // pair → labels to pick from
	custom  string
	acts    []string // activities logged
	done    [ops]int // operations that succeeded, by kind
}

// ops is the number of kinds of operation step applies.
const ops = 20

func newWorld(t testing.TB, f *fixture, in []byte) *world {
	w := &world{f: f, in: in, labels: map[[2]string][]LabelRef{}}
	obj, err := f.schema.CreateObject(ann, schema.ObjectInput{Singular: "Project", Plural: "Projects"})
	require.NoError(t, err)
	w.custom = obj.ID
	_, err = f.links.DefinePair(ann, obj.ID, schema.Companies)
	require.NoError(t, err)
	for _, l := range []struct {
		a, b string
		in   LabelInput
	}{
		{schema.Contacts, schema.Contacts, LabelInput{Kind: Paired, Name: "Manager", Inverse: "Employee"}},
		{schema.Contacts, schema.Companies, LabelInput{Kind: Single, Name: "Advisor"}},
		{schema.Deals, schema.Contacts, LabelInput{Kind: Primary, From: schema.Deals, Name: "Primary contact", Inverse: "Primary contact of"}},
		{schema.Companies, schema.Companies, LabelInput{Kind: Paired, From: schema.Companies, Name: "Parent", Inverse: "Child"}},
	} {
		pv, err := f.links.CreateLabel(ann, l.a, l.b, l.in)
		require.NoError(t, err)
		id := pv.Labels[len(pv.Labels)-1].ID
		for _, k := range [][2]string{{l.a, l.b}, {l.b, l.a}} {
			w.labels[k] = append(w.labels[k], LabelRef{ID: id}, LabelRef{ID: id, Inverse: true})
		}
	}
	for _, k := range [][2]string{{schema.Contacts, schema.Companies}, {schema.Deals, schema.Companies}, {obj.ID, schema.Companies}} {
		w.labels[k] = append(w.labels[k], LabelRef{ID: PrimaryLabel})
	}
	for range 12 {
		w.create(t)
	}
	return w
}

func (w *world) byte() byte {
	if len(w.in) == 0 {
		return 0
	}
	b := w.in[0]
	w.in = w.in[1:]
	return b
}

func (w *world) pick() string { return w.records[int(w.byte())%len(w.records)] }

func (w *world) create(t testing.TB) {
	objects := []string{schema.Contacts, schema.Contacts, schema.Companies, schema.Companies, schema.Deals, schema.Tickets, w.custom}
	obj, err := w.f.schema.Object(objects[int(w.byte())%len(objects)])
	require.NoError(t, err)
	props := map[string]any{obj.DisplayProperty: fmt.Sprintf("R%d", len(w.records))}
	if obj.ID == schema.Contacts {
		props = map[string]any{"firstname": fmt.Sprintf("R%d", len(w.records))}
	}
	w.records = append(w.records, w.f.create(t, obj.ID, props))
}

// linked picks a record rec is associated with (companies preferred), or
// any record when it has none.
func (w *world) linked(rec string) string {
	sum, err := w.f.links.Summary(rec, MaxPage)
	if err != nil || len(sum) == 0 {
		return w.pick()
	}
	g := sum[int(w.byte())%len(sum)]
	for _, other := range sum {
		if other.Object == schema.Companies && w.byte()%2 == 0 {
			g = other
		}
	}
	return g.Items[int(w.byte())%len(g.Items)].ID
}

// edit builds a random edit from a random record: half the time with
// records it is associated with, else with any.
func (w *world) edit() Edit {
	e := Edit{Record: w.pick()}
	existing := w.byte()%2 == 0
	for range 1 + int(w.byte())%3 {
		if existing {
			e.Targets = append(e.Targets, w.linked(e.Record))
		} else {
			e.Targets = append(e.Targets, w.pick())
		}
	}
	from, _ := w.f.recs.Resolve(uuid.MustParse(e.Record))
	to, _ := w.f.recs.Resolve(uuid.MustParse(e.Targets[0]))
	rf, _ := w.f.recs.Lookup(from)
	rt, _ := w.f.recs.Lookup(to)
	of, _ := w.f.schema.ByNum(rf.Num)
	ot, _ := w.f.schema.ByNum(rt.Num)
	if opts := w.labels[[2]string{of.ID, ot.ID}]; len(opts) > 0 && w.byte()%2 == 0 {
		e.Labels = []LabelRef{opts[int(w.byte())%len(opts)]}
	}
	switch w.byte() % 4 {
	case 0:
		e.Primary = e.Targets[0]
	case 1:
		e.NewPrimary = map[string]string{e.Record: w.pick()}
	case 2:
		e.NewPrimary = map[string]string{e.Targets[0]: e.Record}
	}
	return e
}

// count is how many live records the world's objects have.
func (w *world) count() int {
	n := 0
	for _, o := range []string{schema.Contacts, schema.Companies, schema.Deals, schema.Tickets, w.custom} {
		c, _ := w.f.recs.Count(o)
		n += c
	}
	return n
}

// createAssociated creates a record associated with a random one, as the
// add panel's Create new does, with random labels and primary.
func (w *world) createAssociated() error {
	e := w.edit()
	objects := []string{schema.Contacts, schema.Companies, schema.Deals, w.custom}
	obj, err := w.f.schema.Object(objects[int(w.byte())%len(objects)])
	if err != nil {
		return err
	}
	props := map[string]any{obj.DisplayProperty: fmt.Sprintf("N%d", len(w.records))}
	if obj.ID == schema.Contacts {
		props = map[string]any{"firstname": fmt.Sprintf("N%d", len(w.records))}
	}
	from, _ := w.f.recs.Resolve(uuid.MustParse(e.Record))
	rf, _ := w.f.recs.Lookup(from)
	of, _ := w.f.schema.ByNum(rf.Num)
	var labels []LabelRef
	if opts := w.labels[[2]string{of.ID, obj.ID}]; len(opts) > 0 && w.byte()%2 == 0 {
		labels = []LabelRef{opts[int(w.byte())%len(opts)]}
	}
	made, err := w.f.links.CreateAssociated(ann, e.Record, obj.ID, props, labels, w.byte()%3 == 0)
	if err == nil {
		w.records = append(w.records, made.ID)
	}
	return err
}

// step applies one operation; it reports an error that is not a domain
// error, or a refused operation that changed something.
func (w *world) step(t testing.TB) error {
	before := w.fingerprint()
	var err error
	op := w.byte() % ops
	switch op {
	case 0, 1, 2, 3:
		_, err = w.f.links.Associate(ann, w.edit())
	case 4, 5:
		_, err = w.f.links.Disassociate(ann, w.edit())
	case 6:
		_, err = w.f.links.AddLabels(ann, w.edit())
	case 7:
		_, err = w.f.links.RemoveLabels(ann, w.edit())
	case 8:
		e := w.edit()
		_, err = w.f.links.SetPrimary(ann, e.Record, e.Targets[0])
	case 9:
		e := w.edit()
		_, err = w.f.links.RemovePrimary(ann, e.Record, e.Targets[0], w.pick())
	case 10:
		if w.byte()%2 == 0 {
			_, err = w.f.recs.Delete(ann, []string{w.pick(), w.pick()})
		} else {
			_, err = w.f.recs.Delete(ann, []string{w.pick()})
		}
	case 11:
		_, err = w.f.recs.Restore(ann, []string{w.pick(), w.pick()})
	case 12:
		if w.byte()%4 == 0 {
			_, err = w.f.recs.DeletePermanently(ann, []string{w.pick()})
		} else {
			w.create(t)
		}
	case 13:
		_, err = w.f.recs.Merge(ann, w.pick(), w.pick(), nil)
	case 14:
		pairs := [][2]string{{schema.Deals, schema.Companies}, {schema.Companies, schema.Contacts}, {schema.Contacts, schema.Contacts}}
		p := pairs[int(w.byte())%len(pairs)]
		lim := Limit{Max: int(w.byte() % 4)}
		if w.byte()%2 == 0 {
			if opts := w.labels[p]; len(opts) > 0 {
				lim.Label = opts[0].ID
			}
		}
		_, err = w.f.links.SetLimit(ann, p[0], p[1], lim)
		before = w.fingerprint() // limits change no association
	case 15:
		if len(w.records) >= 60 {
			break
		}
		if w.byte()%2 == 0 {
			w.create(t)
			break
		}
		records := w.count()
		err = w.createAssociated()
		if err != nil && w.count() != records {
			return fmt.Errorf("a refused create-and-associate left a record behind (%v)", err)
		}
	case 16:
		err = w.logActivity()
	case 17:
		if act := w.activity(); act != "" {
			var targets []string
			for range int(w.byte()) % 3 {
				targets = append(targets, w.pick())
			}
			err = w.f.links.SetActivityRecords(ann, act, targets)
		}
	case 18:
		if act := w.activity(); act != "" && w.byte()%2 == 0 {
			_, err = w.f.recs.Delete(ann, []string{act})
		} else if act != "" {
			_, err = w.f.recs.Restore(ann, []string{act})
		}
	case 19:
		err = w.redate()
	}
	if err == nil {
		w.done[op]++
		return nil
	}
	if e := errs.As(err); e.Code == errs.CodeInternal {
		return fmt.Errorf("operation %d: internal error: %v", op, err)
	}
	if after := w.fingerprint(); after != before {
		return fmt.Errorf("operation %d failed (%v) but changed the associations", op, err)
	}
	return nil
}

// activityObjects are the activity objects the world logs.
var activityObjects = []string{schema.Notes, schema.Calls, schema.Emails, schema.Meetings, schema.Tasks}

// logActivity logs a random activity on one to three random records.
func (w *world) logActivity() error {
	obj, err := w.f.schema.Object(activityObjects[int(w.byte())%len(activityObjects)])
	if err != nil {
		return err
	}
	props := map[string]any{obj.DisplayProperty: fmt.Sprintf("A%d", len(w.acts))}
	if obj.ID != schema.Tasks {
		props[obj.ActivityDate] = time.Date(2026, 1, 1+int(w.byte()), 9, 0, 0, 0, time.UTC).Format(time.RFC3339)
	}
	b := Batch{Records: []NewRecord{{Key: "a", Object: obj.ID, Props: props}}}
	for range 1 + int(w.byte())%3 {
		l := Link{From: "a", To: w.pick()}
		if w.byte()%3 == 0 {
			l.Source = changelog.SourceActivityAuto
		}
		b.Links = append(b.Links, l)
	}
	res, err := w.f.links.Create(ann, b)
	if err == nil {
		w.acts = append(w.acts, res.Records[0].ID)
	}
	return err
}

// activity picks a logged activity ("" before the first).
func (w *world) activity() string {
	if len(w.acts) == 0 {
		return ""
	}
	return w.acts[int(w.byte())%len(w.acts)]
}

// redate moves an activity to another date, as activities.Update does.
func (w *world) redate() error {
	act := w.activity()
	if act == "" {
		return nil
	}
	r, err := w.f.recs.Get(act)
	if err != nil {
		return err
	}
	obj, err := w.f.schema.Object(r.Object)
	if err != nil {
		return err
	}
	when := time.Date(2026, 6, 1+int(w.byte()), 9, 0, 0, 0, time.UTC).Format(time.RFC3339)
	_, err = w.f.recs.UpdateLinked(ann, act, map[string]any{obj.ActivityDate: when}, func(tx *changelog.Tx, before, after records.RecordView) error {
		return w.f.links.MoveActivity(tx, uuid.MustParse(act), obj.Num, after.CreatedBy, ActivityDate(&obj, before), ActivityDate(&obj, after))
	})
	return err
}

// fingerprint describes the whole graph and every activity association.
func (w *world) fingerprint() string {
	s := w.f.links
	var stored []string
	_ = w.f.st.View(func(txn *badger.Txn) error {
		for _, p := range []byte{keys.PrefixTimeline, keys.PrefixActivityFor, keys.PrefixActivityGone} {
			it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{p}})
			for it.Rewind(); it.Valid(); it.Next() {
				stored = append(stored, fmt.Sprintf("%x", it.Item().Key()))
			}
			it.Close()
		}
		return nil
	})
	s.graphMu.RLock()
	defer s.graphMu.RUnlock()
	ids := make([]uuid.UUID, 0, s.graph.len())
	for id := range s.graph.all() {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b uuid.UUID) int { return compareIDs(a, b) })
	out := fmt.Sprint(stored)
	for _, id := range ids {
		for g := range s.graph.get(id).groups() {
			for _, e := range g.edges {
				out += fmt.Sprintf("%s>%s%v;", id.String()[:8], e.other.String()[:8], e.labels())
			}
		}
	}
	return out
}

func compareIDs(a, b uuid.UUID) int {
	for i := range a {
		if a[i] != b[i] {
			return int(a[i]) - int(b[i])
		}
	}
	return 0
}

// TestRandomOperationsKeepTheInvariants applies thousands of random
// operations and runs the invariant checker along the way.
func TestRandomOperationsKeepTheInvariants(t *testing.T) {
	steps := 3000
	if testing.Short() {
		steps = 500
	}
	for _, seed := range []uint64{1, 2, 3} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			f := newFixture(t)
			r := rand.New(rand.NewPCG(seed, 99))
			in := make([]byte, steps*12)
			for i := range in {
				in[i] = byte(r.Uint32())
			}
			w := newWorld(t, f, in)
			for i := range steps {
				require.NoError(t, w.step(t), "step %d", i)
				if i%250 == 0 {
					f.requireConsistent(t)
				}
			}
			f.requireConsistent(t)
			t.Logf("operations that succeeded, by kind: %v", w.done)
			for kind, n := range w.done {
				if kind == 14 || kind == 15 {
					continue // limits and creates may all be refused
				}
				require.NotZero(t, n, "no operation of kind %d succeeded: the test does not exercise it", kind)
			}
			// Everything is rebuilt the same from the store.
			*f = *open(t, f.st)
		})
	}
}

// FuzzOperations runs operation sequences chosen by the fuzzer.
func FuzzOperations(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 0, 0, 10, 3, 4, 11, 3, 4})
	f.Add([]byte{0, 0, 2, 1, 1, 1, 0, 13, 0, 2, 4, 0, 1, 0, 0, 9, 5, 1, 2})
	f.Add([]byte{16, 0, 1, 2, 16, 1, 3, 0, 17, 0, 2, 4, 5, 19, 0, 3, 10, 0, 4, 18, 0, 0, 11, 4, 5, 18, 0, 1, 13, 4, 6}) // activities
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) > 400 {
			return
		}
		fx := newFixture(t)
		w := newWorld(t, fx, in)
		for len(w.in) > 0 {
			if err := w.step(t); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// TestCrashMidBatchLeavesTheStoreConsistent kills a process that is
// writing associations in big transactions and checks the store it leaves.
func TestCrashMidBatchLeavesTheStoreConsistent(t *testing.T) {
	if dir := os.Getenv("FIELDBOOK_CRASH_WRITER"); dir != "" {
		crashWriter(t, dir)
		return
	}
	if testing.Short() {
		t.Skip("spawns processes")
	}
	for round, wait := range []time.Duration{300 * time.Millisecond, 700 * time.Millisecond, 1200 * time.Millisecond} {
		dir := filepath.Join(t.TempDir(), fmt.Sprint(round))
		cmd := exec.Command(os.Args[0], "-test.run", "^TestCrashMidBatchLeavesTheStoreConsistent$")
		cmd.Env = append(os.Environ(), "FIELDBOOK_CRASH_WRITER="+dir)
		out, err := os.CreateTemp(t.TempDir(), "writer")
		require.NoError(t, err)
		cmd.Stdout, cmd.Stderr = out, out
		require.NoError(t, cmd.Start())
		// Wait until it is writing, then kill it without warning.
		deadline := time.Now().Add(30 * time.Second)
		for {
			if _, err := os.Stat(filepath.Join(dir, "writing")); err == nil {
				break
			}
			require.True(t, time.Now().Before(deadline), "the writer never started")
			time.Sleep(20 * time.Millisecond)
		}
		time.Sleep(wait)
		require.NoError(t, cmd.Process.Kill())
		_ = cmd.Wait()

		st, err := store.Open(dir)
		require.NoError(t, err)
		f := open(t, st)
		f.requireConsistent(t)
		n := 0
		f.links.graphMu.RLock()
		for _, nd := range f.links.graph.all() {
			n += nd.size()
		}
		f.links.graphMu.RUnlock()
		t.Logf("round %d: killed after %v with %d association directions stored", round, wait, n)
		require.NoError(t, st.Close())
	}
}

// crashWriter associates, deletes and restores, and creates records with
// their associations, in a loop until killed.
func crashWriter(t *testing.T, dir string) {
	st, err := store.Open(dir)
	require.NoError(t, err)
	f := open(t, st)
	var companies, contacts []string
	for i := range 20 {
		companies = append(companies, f.company(t, fmt.Sprint("K", i)))
	}
	rows := make([]map[string]any, 5000)
	for i := range rows {
		rows[i] = map[string]any{"firstname": fmt.Sprint("C", i)}
	}
	_, err = f.recs.CreateMany(changelog.Meta{Source: changelog.SourceImport}, schema.Contacts, rows)
	require.NoError(t, err)
	for len(contacts) < len(rows) {
		page, err := f.recs.List(records.ListQuery{Object: schema.Contacts, Offset: len(contacts), Limit: records.MaxPage})
		require.NoError(t, err)
		for _, r := range page.Records {
			contacts = append(contacts, r.ID)
		}
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "writing"), nil, 0o644))
	for i := 0; ; i++ {
		k := companies[i%len(companies)]
		batch := contacts[(i*37)%(len(contacts)-MaxTargets):][:MaxTargets]
		_, err := f.links.Associate(ann, Edit{Record: k, Targets: batch})
		require.NoError(t, err)
		if i%3 == 2 {
			_, err = f.recs.Delete(ann, []string{k})
			require.NoError(t, err)
			_, err = f.recs.Restore(ann, []string{k})
			require.NoError(t, err)
		}
		// Records and their links in one transaction: a deal and a
		// contact of k's, associated with each other and with k.
		_, err = f.links.Create(ann, Batch{
			Records: []NewRecord{
				{Key: "deal", Object: schema.Deals, Props: map[string]any{"name": fmt.Sprint("D", i)}},
				{Key: "contact", Object: schema.Contacts, Props: map[string]any{"firstname": fmt.Sprint("N", i)}},
			},
			Links: []Link{{From: "deal", To: k}, {From: "contact", To: k}, {From: "deal", To: "contact"}},
		})
		require.NoError(t, err)
	}
}
