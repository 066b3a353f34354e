package sample

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"fieldbook/backend/associations"
	"fieldbook/backend/changelog"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
	"fieldbook/backend/store"
)

// sampleWorld is the newcomer's sample with its associations, not yet its
// activities.
type sampleWorld struct {
	st    *store.Store
	log   *changelog.Log
	sch   *schema.Service
	recs  *records.Service
	links *associations.Service
}

// newServices opens an empty in-memory store with its services.
func newServices(t *testing.T) sampleWorld {
	t.Helper()
	st, err := store.OpenInMemory()
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	w := sampleWorld{st: st, log: changelog.New(st)}
	w.sch, err = schema.New(w.log)
	require.NoError(t, err)
	w.recs, err = records.New(w.log, w.sch)
	require.NoError(t, err)
	w.links, err = associations.New(w.log, w.sch, w.recs)
	require.NoError(t, err)
	return w
}

func newSampleWorld(t *testing.T, sizes Sizes) sampleWorld {
	t.Helper()
	w := newServices(t)
	meta := changelog.Meta{Source: changelog.SourceJob}
	_, err := Load(meta, w.recs, sizes, 7)
	require.NoError(t, err)
	_, err = Associate(meta, w.recs, w.links, 7)
	require.NoError(t, err)
	return w
}

func (w sampleWorld) requireConsistent(t *testing.T) {
	t.Helper()
	problems, err := w.recs.Check()
	require.NoError(t, err)
	more, err := w.links.Check()
	require.NoError(t, err)
	require.Empty(t, append(problems, more...))
}

// seen is every activity on the timelines of the records of the four
// built-in objects: its object, authors and how many timelines show it.
type seen struct {
	objects  map[uuid.UUID]string
	timeline map[uuid.UUID]int
	authors  map[changelog.Actor]int
}

func (w sampleWorld) timelines(t *testing.T) seen {
	t.Helper()
	out := seen{objects: map[uuid.UUID]string{}, timeline: map[uuid.UUID]int{}, authors: map[changelog.Actor]int{}}
	for _, obj := range []string{schema.Contacts, schema.Companies, schema.Deals, schema.Tickets} {
		ids, err := IDs(w.recs, obj)
		require.NoError(t, err)
		require.NoError(t, w.st.View(func(txn *badger.Txn) error {
			for _, id := range ids {
				err := w.links.ScanTimeline(txn, uuid.MustParse(id), 0, nil, func(e associations.TimelineEntry) bool {
					o, ok := w.sch.ByNum(e.Num)
					require.True(t, ok)
					out.objects[e.Activity] = o.ID
					out.timeline[e.Activity]++
					out.authors[e.Author]++
					return true
				})
				if err != nil {
					return err
				}
			}
			return nil
		}))
	}
	return out
}

var me = changelog.Meta{Actor: changelog.Actor{ID: "u-me", Name: "Sam Carter"}, Source: changelog.SourceJob}

// A fixed "now" in a time zone east of UTC, so "today" is the local day.
var sampleNow = time.Date(2026, 3, 18, 11, 30, 0, 0, time.FixedZone("CET", 3600))

func TestActivitiesFillEveryContactsTimeline(t *testing.T) {
	w := newSampleWorld(t, Small)
	made, err := Activities(me, w.recs, w.links, SamplePlan(sampleNow), 7)
	require.NoError(t, err)
	w.requireConsistent(t)

	// 3 per contact, every type, in about the sample's mix.
	total := 0
	for _, obj := range []string{schema.Notes, schema.Calls, schema.Emails, schema.Meetings, schema.Tasks} {
		require.NotZero(t, made[obj], obj)
		total += made[obj]
	}
	require.Equal(t, 900, total)
	require.InDelta(t, 900*0.30, made[schema.Notes], 60)
	require.InDelta(t, 900*0.15, made[schema.Tasks], 50)

	// Every activity is on at least one timeline; many on several.
	s := w.timelines(t)
	require.Len(t, s.objects, total)
	byObject := map[string]int{}
	several := 0
	for id, obj := range s.objects {
		byObject[obj]++
		if s.timeline[id] > 1 {
			several++
		}
	}
	require.Equal(t, made, byObject)
	require.Greater(t, several, total/2, "most are also on the contact's company or deals")
	require.Len(t, s.authors, 4, "the user and three colleagues")
	require.Contains(t, s.authors, me.Actor)

	// Every contact has activities of its own.
	contacts, err := IDs(w.recs, schema.Contacts)
	require.NoError(t, err)
	require.NoError(t, w.st.View(func(txn *badger.Txn) error {
		for _, c := range contacts {
			n := 0
			err := w.links.ScanTimeline(txn, uuid.MustParse(c), 0, nil, func(associations.TimelineEntry) bool { n++; return true })
			require.NotZero(t, n, "contact %s", c)
			if err != nil {
				return err
			}
		}
		return nil
	}))

	// Rule-picked associations carry Activity auto association.
	companies, err := IDs(w.recs, schema.Companies)
	require.NoError(t, err)
	sources := map[changelog.Source]int{}
	for _, k := range companies[:50] {
		for _, obj := range []string{schema.Notes, schema.Calls, schema.Emails} {
			evs, err := w.links.History(k, obj, associations.MaxHistory, "")
			require.NoError(t, err)
			for _, e := range evs {
				sources[e.Source]++
				require.Equal(t, associations.Created, e.Change)
			}
		}
	}
	require.NotZero(t, sources[changelog.SourceActivityAuto])

	// Tasks are records of the index, as the Tasks page lists them.
	page, err := w.recs.List(records.ListQuery{Object: schema.Tasks, Limit: records.MaxPage})
	require.NoError(t, err)
	require.Equal(t, made[schema.Tasks], page.Total)
	requireTasksAroundToday(t, page.Records)
}

// requireTasksAroundToday: some tasks are done, some overdue, some due
// today, some upcoming, with every priority and type.
func requireTasksAroundToday(t *testing.T, tasks []records.RecordView) {
	t.Helper()
	y, m, d := sampleNow.Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, sampleNow.Location())
	kinds := map[string]int{}
	values := map[string]bool{}
	for _, task := range tasks {
		due, err := time.Parse(time.RFC3339, task.Props["due"].(string))
		require.NoError(t, err)
		require.WithinDuration(t, sampleNow, due, 62*24*time.Hour)
		switch {
		case task.Props["status"] == "completed":
			kinds["completed"]++
		case due.Before(today):
			kinds["overdue"]++
		case due.Before(today.AddDate(0, 0, 1)):
			kinds["today"]++
		default:
			kinds["upcoming"]++
		}
		values[task.Props["priority"].(string)] = true
		values[task.Props["type"].(string)] = true
		require.NotEmpty(t, task.Props["title"])
	}
	for _, k := range []string{"completed", "overdue", "today", "upcoming"} {
		require.NotZero(t, kinds[k], k)
	}
	for _, v := range []string{"low", "medium", "high", "todo", "call", "email"} {
		require.True(t, values[v], v)
	}
}

func TestActivitiesHaveRealisticProperties(t *testing.T) {
	w := newSampleWorld(t, Sizes{Contacts: 40, Companies: 20, Deals: 30, Tickets: 20})
	_, err := Activities(me, w.recs, w.links, ActivityPlan{PerContact: 10, Mix: SampleMix, Now: sampleNow}, 3)
	require.NoError(t, err)
	w.requireConsistent(t)
	byObject := map[string][]map[string]any{}
	for id, obj := range w.timelines(t).objects {
		r, err := w.recs.Get(id.String())
		require.NoError(t, err)
		require.Equal(t, obj, r.Object)
		byObject[obj] = append(byObject[obj], r.Props)
	}
	yearAgo := sampleNow.AddDate(-1, 0, -1)
	inYear := func(v any) time.Time {
		at, err := time.Parse(time.RFC3339, v.(string))
		require.NoError(t, err)
		require.True(t, at.After(yearAgo) && !at.After(sampleNow.AddDate(0, 0, 22)), "%s", at)
		return at
	}
	multiline, linked := 0, 0
	for _, p := range byObject[schema.Notes] {
		require.False(t, inYear(p["at"]).After(sampleNow), "a note is never in the future")
		body := p["body"].(string)
		if strings.Contains(body, "\n") {
			multiline++
		}
		if strings.Contains(body, "https://") {
			linked++
		}
	}
	require.NotZero(t, multiline)
	require.NotZero(t, linked)
	for _, p := range byObject[schema.Calls] {
		inYear(p["at"])
		require.Contains(t, []any{"inbound", "outbound"}, p["direction"])
		if p["outcome"] == "connected" {
			require.Greater(t, p["duration"], 0.0)
		}
	}
	for _, p := range byObject[schema.Emails] {
		inYear(p["at"])
		from, to := p["from"].(string), p["to"].(string)
		require.True(t, strings.HasSuffix(from, "@fieldbook.example") != strings.HasSuffix(to, "@fieldbook.example"),
			"one side is ours: %s → %s", from, to)
		require.NotEmpty(t, p["subject"])
	}
	outcomes := map[any]bool{}
	for _, p := range byObject[schema.Meetings] {
		start, end := inYear(p["start"]), inYear(p["end"])
		require.True(t, end.After(start))
		require.Equal(t, start.After(sampleNow), p["outcome"] == "scheduled", "only upcoming meetings are still scheduled")
		require.NotEmpty(t, p["location"])
		outcomes[p["outcome"]] = true
	}
	require.True(t, outcomes["completed"] && outcomes["scheduled"])
}

func TestActivitiesAreTheSameForTheSameSeed(t *testing.T) {
	timeline := func() []string {
		w := newSampleWorld(t, Sizes{Contacts: 30, Companies: 15, Deals: 20, Tickets: 10})
		_, err := Activities(me, w.recs, w.links, SamplePlan(sampleNow), 11)
		require.NoError(t, err)
		var out []string
		for _, obj := range []string{schema.Contacts, schema.Companies} {
			ids, err := IDs(w.recs, obj)
			require.NoError(t, err)
			require.NoError(t, w.st.View(func(txn *badger.Txn) error {
				return w.links.ScanTimeline(txn, uuid.MustParse(ids[3]), 0, nil, func(e associations.TimelineEntry) bool {
					r, err := w.recs.Get(e.Activity.String())
					require.NoError(t, err)
					raw, err := json.Marshal(r.Props)
					require.NoError(t, err)
					out = append(out, r.Object+" by "+r.CreatedBy.Name+": "+string(raw))
					return true
				})
			}))
		}
		slices.Sort(out)
		return out
	}
	a := timeline()
	require.NotEmpty(t, a)
	require.Equal(t, a, timeline())
}

// Thousands of activities on one record fill several transactions, each
// within the bounds of a batch.
func TestActivitiesOnOneContactSpanSeveralBatches(t *testing.T) {
	w := newSampleWorld(t, Sizes{Contacts: 20, Companies: 10, Deals: 30, Tickets: 5})
	contacts, err := IDs(w.recs, schema.Contacts)
	require.NoError(t, err)
	busy := contacts[4]
	made, err := Activities(changelog.Meta{Source: changelog.SourceImport}, w.recs, w.links,
		ActivityPlan{PerContact: 3000, Mix: SampleMix, Now: sampleNow, Contacts: []string{busy}}, 5)
	require.NoError(t, err)
	w.requireConsistent(t)
	total := 0
	for _, n := range made {
		total += n
	}
	require.Equal(t, 3000, total)
	s := w.timelines(t)
	require.Len(t, s.objects, 3000)
	require.Len(t, s.authors, 3, "without a user, the three colleagues")
	// Each transaction is one operation; each author's activities need
	// more than one: over 2,000 associations each.
	batches := map[string]int{}
	require.NoError(t, w.log.Each(func(op changelog.Op) error {
		if op.Source == changelog.SourceImport {
			batches[op.Actor.ID]++
		}
		return nil
	}))
	require.Len(t, batches, 3)
	for author, n := range batches {
		require.Greater(t, n, 1, author)
	}
}
