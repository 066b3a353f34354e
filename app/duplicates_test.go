package app

import (
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"fieldbook/backend/associations"
	"fieldbook/backend/changelog"
	"fieldbook/backend/domains"
	"fieldbook/backend/duplicates"
	"fieldbook/backend/errs"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
	"fieldbook/backend/settings"
	"fieldbook/backend/store"
)

// newDuplicates builds the bound service as main.go does: the domain
// services handed over through Services once they are built.
func newDuplicates(t *testing.T) (*Duplicates, *records.Service, *Settings, *changelog.Log) {
	t.Helper()
	st, err := store.OpenInMemory()
	require.NoError(t, err)
	lg := changelog.New(st)
	prefs := settings.New(lg)
	sch, err := schema.New(lg)
	require.NoError(t, err)
	life := NewLifecycle(st, nil, prefs)
	t.Cleanup(func() { life.Shutdown(t.Context()) })
	d := NewDuplicates(life, nil)
	var recs *records.Service
	life.LoadInBackground(func() (Services, error) {
		if recs, err = records.New(lg, sch); err != nil {
			return Services{}, err
		}
		links, err := associations.New(lg, sch, recs)
		if err != nil {
			return Services{}, err
		}
		doms, err := domains.New(lg)
		if err != nil {
			return Services{}, err
		}
		dups, err := duplicates.New(lg, sch, recs, links, doms)
		return Services{Records: recs, Links: links, Domains: doms, Duplicates: dups}, err
	})
	require.NoError(t, life.ready())
	return d, recs, NewSettings(life, prefs), lg
}

func TestDuplicatesThroughTheBoundService(t *testing.T) {
	d, recs, prefs, lg := newDuplicates(t)
	w := withWindow(d.life)
	profile, err := prefs.SaveProfile("Ann Andersen")
	require.NoError(t, err)
	rows := make([]map[string]any, 300)
	for i := range rows {
		rows[i] = map[string]any{"firstname": fmt.Sprint("Person ", i), "email": fmt.Sprintf("p%d@example.com", i%150)}
	}
	_, err = recs.CreateMany(changelog.Meta{Source: changelog.SourceImport}, schema.Contacts, rows)
	require.NoError(t, err)

	pairs, err := d.Find(schema.Contacts)
	require.NoError(t, err)
	require.Len(t, pairs, 150)
	require.Equal(t, []string{"Same email"}, pairs[0].Reasons)
	require.NotEmpty(t, w.events)
	first, last := w.events[0], w.events[len(w.events)-1]
	require.Equal(t, EventDuplicatesProgress, first.name)
	require.Equal(t, DuplicatesProgress{Object: schema.Contacts, Done: 0, Total: 300}, first.data[0])
	require.Equal(t, DuplicatesProgress{Object: schema.Contacts, Done: 300, Total: 300}, last.data[0])
	require.LessOrEqual(t, len(w.events), 102, "at most one event per percent")

	require.NoError(t, d.Dismiss(pairs[0].B.ID, pairs[0].A.ID))
	again, err := d.Find(schema.Contacts)
	require.NoError(t, err)
	require.Len(t, again, 149)
	var actor changelog.Actor
	require.NoError(t, lg.Each(func(op changelog.Op) error {
		for _, c := range op.Changes {
			if c.Property == duplicates.DismissedSetting {
				actor = op.Actor
			}
		}
		return nil
	}))
	require.Equal(t, profile.ID, actor.ID, "the dismissal is the user's")
	require.NoError(t, d.Undismiss(pairs[0].A.ID, pairs[0].B.ID))
	again, err = d.Find(schema.Contacts)
	require.NoError(t, err)
	require.Len(t, again, 150)

	_, err = d.Find(schema.Deals)
	require.Equal(t, "object", errs.As(err).Field)
	err = d.Dismiss(pairs[0].A.ID, pairs[0].A.ID)
	require.True(t, errs.HasCode(err, errs.CodeInvalid))
}

// cancelingWindow clicks Cancel as soon as the first records are read.
type cancelingWindow struct {
	mu     sync.Mutex
	d      *Duplicates
	events []DuplicatesProgress
}

func (w *cancelingWindow) raise() {}
func (w *cancelingWindow) emit(_ string, data ...any) {
	w.mu.Lock()
	defer w.mu.Unlock()
	p := data[0].(DuplicatesProgress)
	w.events = append(w.events, p)
	if p.Done > 0 {
		_ = w.d.Cancel()
	}
}

func TestCancelStopsAFind(t *testing.T) {
	d, recs, _, _ := newDuplicates(t)
	require.NoError(t, d.Cancel(), "nothing running: nothing to do")
	rows := make([]map[string]any, 500)
	for i := range rows {
		rows[i] = map[string]any{"firstname": "Ann", "lastname": "Lee", "email": fmt.Sprintf("a%d@example.com", i%10)}
	}
	_, err := recs.CreateMany(changelog.Meta{Source: changelog.SourceImport}, schema.Contacts, rows)
	require.NoError(t, err)
	w := &cancelingWindow{d: d}
	d.life.win = w

	pairs, err := d.Find(schema.Contacts)
	require.NoError(t, err, "a canceled Find is no failure")
	require.Empty(t, pairs)
	require.True(t, w.events[len(w.events)-1].Canceled, "the last event says so")
	require.Less(t, w.events[len(w.events)-2].Done, 500)

	d.life.win = nil
	pairs, err = d.Find(schema.Contacts) // the next one runs whole
	require.NoError(t, err)
	require.NotEmpty(t, pairs)
}

func TestDuplicatesReportStoreProblem(t *testing.T) {
	life := NewLifecycle(nil, errs.New(errs.CodeStoreLocked, "locked"), nil)
	d := NewDuplicates(life, nil)
	_, err := d.Find(schema.Contacts)
	require.True(t, errs.HasCode(err, errs.CodeStoreLocked))
	require.True(t, errs.HasCode(d.Dismiss("a", "b"), errs.CodeStoreLocked))
	require.NoError(t, d.Cancel())
}
