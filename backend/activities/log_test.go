package activities

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"fieldbook/backend/associations"
	"fieldbook/backend/changelog"
	"fieldbook/backend/errs"
	"fieldbook/backend/keys"
	"fieldbook/backend/schema"
)

var bo = changelog.Meta{Actor: changelog.Actor{ID: "u-bo", Name: "Bo"}, Source: changelog.SourceUser}

// logOn logs an activity on a record, associated with the given records;
// those the rules suggest for on are marked as the composer marks them.
func (f *fixture) logOn(t *testing.T, meta changelog.Meta, object, on string, props map[string]any, recs ...string) Activity {
	t.Helper()
	suggested, err := f.acts.Suggest(on)
	require.NoError(t, err)
	var auto []string
	for _, s := range suggested[1:] {
		if slices.Contains(recs, s.Record) {
			auto = append(auto, s.Record)
		}
	}
	a, err := f.acts.Log(meta, LogInput{Object: object, Props: props, Records: recs, Auto: auto})
	require.NoError(t, err)
	return a
}

// timeline lists the names of a record's timeline items, newest first.
func (f *fixture) timeline(t *testing.T, q TimelineQuery) []string {
	t.Helper()
	var out []string
	for {
		page, err := f.acts.Timeline(q)
		require.NoError(t, err)
		for _, it := range page.Items {
			if it.Activity != nil {
				out = append(out, it.Activity.DisplayName)
			} else {
				out = append(out, string(it.Kind)+": "+it.Event.Text)
			}
		}
		if page.Next == "" {
			return out
		}
		q.Cursor = page.Next
	}
}

func ids(as ...associations.Linked) []string {
	out := []string{}
	for _, a := range as {
		out = append(out, a.Name)
	}
	return out
}

func TestLoggedCallShowsOnTheTickedRecordsOnly(t *testing.T) {
	f := newFixture(t)
	w, deals := f.world(t)
	suggested, err := f.acts.Suggest(w.ann)
	require.NoError(t, err)
	var ticked []string
	for _, s := range suggested {
		if s.Record != w.acme { // the user unticks the company
			ticked = append(ticked, s.Record)
		}
	}
	call := f.logOn(t, ann, schema.Calls, w.ann, map[string]any{"title": "Intro call", "direction": "outbound", "outcome": "connected", "duration": 12}, ticked...)
	require.Equal(t, "Intro call", call.DisplayName)
	require.Equal(t, "Ann", call.CreatedBy.Name, "the author is the profile")
	require.ElementsMatch(t, []string{"Ann Lee", "D7", "D5", "D4", "D3", "D2"}, ids(call.Records...))

	require.Equal(t, []string{"Intro call"}, f.timeline(t, TimelineQuery{Record: w.ann}))
	require.Equal(t, []string{"Intro call"}, f.timeline(t, TimelineQuery{Record: deals[6]}))
	require.Empty(t, f.timeline(t, TimelineQuery{Record: w.acme}), "unticked")
	require.Empty(t, f.timeline(t, TimelineQuery{Record: deals[5]}), "a lost deal is not suggested")

	// History: the record itself by the user, the rule's picks by the rule.
	h, err := f.links.History(w.ann, schema.Calls, 10, "")
	require.NoError(t, err)
	require.Len(t, h, 1)
	require.Equal(t, changelog.SourceUser, h[0].Source)
	require.Equal(t, "Intro call", h[0].Name)
	h, err = f.links.History(deals[6], schema.Calls, 10, "")
	require.NoError(t, err)
	require.Equal(t, changelog.SourceActivityAuto, h[0].Source)
	require.Equal(t, associations.Created, h[0].Change)

	// The call's own history, though calls are stored apart from the index.
	h, err = f.links.History(call.ID, schema.Contacts, 10, "")
	require.NoError(t, err)
	require.Len(t, h, 1)
	require.Equal(t, "Ann Lee", h[0].Name)
}

func TestTimelineIsByActivityDateWithFiltersAndPages(t *testing.T) {
	f := newFixture(t)
	c := f.create(t, schema.Contacts, map[string]any{"firstname": "Cleo"})
	day := func(d int) string { return time.Date(2026, 11, d, 9, 0, 0, 0, time.UTC).Format(time.RFC3339) }
	f.logOn(t, ann, schema.Notes, c, map[string]any{"body": "Met at the fair\nlikes blue", "at": day(10)}, c)
	f.logOn(t, bo, schema.Calls, c, map[string]any{"title": "Back-dated call", "at": day(2)}, c)
	f.logOn(t, ann, schema.Emails, c, map[string]any{"subject": "Quote sent", "body": "The blue model", "at": day(20)}, c)
	f.logOn(t, bo, schema.Meetings, c, map[string]any{"title": "Demo", "start": day(15), "end": day(15)}, c)
	f.logOn(t, ann, schema.Tasks, c, map[string]any{"title": "Follow up", "due": day(25)}, c)

	all := []string{"Follow up", "Quote sent", "Demo", "Met at the fair", "Back-dated call"}
	require.Equal(t, all, f.timeline(t, TimelineQuery{Record: c}))
	require.Equal(t, all, f.timeline(t, TimelineQuery{Record: c, Limit: 2}), "pages of two read the same")
	require.Equal(t, []string{"Demo", "Back-dated call"}, f.timeline(t, TimelineQuery{Record: c, Authors: []string{"u-bo"}}))
	require.Equal(t, []string{"Quote sent", "Met at the fair"}, f.timeline(t, TimelineQuery{Record: c, Types: []string{schema.Emails, schema.Notes}}))
	require.Equal(t, []string{"Quote sent", "Met at the fair"}, f.timeline(t, TimelineQuery{Record: c, Search: "BLUE"}))
	require.Equal(t, []string{"Met at the fair"}, f.timeline(t, TimelineQuery{Record: c, Search: "blue fair"}), "every word")

	o, err := f.acts.Overview(c)
	require.NoError(t, err)
	require.Equal(t, 5, o.Total)
	require.Equal(t, 1, o.Types[schema.Meetings])
	require.Equal(t, []changelog.Actor{ann.Actor, bo.Actor}, o.Authors)

	// A new date moves the activity on the timeline.
	page, err := f.acts.Timeline(TimelineQuery{Record: c, Search: "back-dated"})
	require.NoError(t, err)
	_, err = f.acts.Update(ann, page.Items[0].Activity.ID, map[string]any{"at": day(30)})
	require.NoError(t, err)
	require.Equal(t, "Back-dated call", f.timeline(t, TimelineQuery{Record: c})[0])
}

func TestAnActivityKeepsAtLeastOneRecord(t *testing.T) {
	f := newFixture(t)
	a := f.create(t, schema.Contacts, map[string]any{"firstname": "Ann"})
	b := f.create(t, schema.Companies, map[string]any{"name": "Acme"})
	note := f.logOn(t, ann, schema.Notes, a, map[string]any{"body": "Hello"}, a)

	got, err := f.acts.SetRecords(bo, note.ID, []string{b})
	require.NoError(t, err)
	require.Equal(t, []string{"Acme"}, ids(got.Records...))
	require.Empty(t, f.timeline(t, TimelineQuery{Record: a}))
	require.Equal(t, []string{"Hello"}, f.timeline(t, TimelineQuery{Record: b}))
	h, err := f.links.History(a, schema.Notes, 10, "")
	require.NoError(t, err)
	require.Equal(t, []associations.Change{associations.Removed, associations.Created}, []associations.Change{h[0].Change, h[1].Change})

	_, err = f.acts.SetRecords(bo, note.ID, nil)
	require.Equal(t, "records", errs.As(err).Field)
	require.Contains(t, errs.As(err).Message, "at least one record")
	got, err = f.acts.Get(note.ID)
	require.NoError(t, err)
	require.Equal(t, []string{"Acme"}, ids(got.Records...), "a refusal changes nothing")
}

func TestDeleteRestoreAndMergeCarryActivities(t *testing.T) {
	f := newFixture(t)
	ann1 := f.create(t, schema.Contacts, map[string]any{"firstname": "Ann"})
	dup := f.create(t, schema.Contacts, map[string]any{"firstname": "Ann", "lastname": "(duplicate)"})
	acme := f.create(t, schema.Companies, map[string]any{"name": "Acme"})
	shared := f.logOn(t, ann, schema.Calls, ann1, map[string]any{"title": "Shared call"}, ann1, acme)
	own := f.logOn(t, ann, schema.Notes, ann1, map[string]any{"body": "Only Ann's"}, ann1)

	// Deleting Ann: the shared call stays on Acme; her own note goes to the bin with her.
	_, err := f.recs.Delete(ann, []string{ann1})
	require.NoError(t, err)
	require.Equal(t, []string{"Shared call"}, f.timeline(t, TimelineQuery{Record: acme}))
	n, err := f.acts.Get(own.ID)
	require.NoError(t, err)
	require.NotEmpty(t, n.DeletedAt, "carried to the bin")
	bin, err := f.recs.Bin(schema.Notes, 10)
	require.NoError(t, err)
	require.Len(t, bin, 1)
	h, err := f.links.History(acme, schema.Calls, 10, "")
	require.NoError(t, err)
	require.Equal(t, changelog.SourceUser, h[0].Source, "Acme's association with the call did not change")

	// Restoring her brings back both associations and the note.
	_, err = f.recs.Restore(ann, []string{ann1})
	require.NoError(t, err)
	require.Equal(t, []string{"Only Ann's", "Shared call"}, f.timeline(t, TimelineQuery{Record: ann1}))
	h, err = f.links.History(ann1, schema.Notes, 10, "")
	require.NoError(t, err)
	require.Equal(t, changelog.SourceObjectRestore, h[0].Source)

	// Deleting the activity itself takes it off every timeline; restoring puts it back.
	require.NoError(t, f.acts.Delete(bo, shared.ID))
	require.Empty(t, f.timeline(t, TimelineQuery{Record: acme}))
	_, err = f.acts.Restore(bo, shared.ID)
	require.NoError(t, err)
	require.Equal(t, []string{"Shared call"}, f.timeline(t, TimelineQuery{Record: acme}))

	// Merging the duplicate into Ann moves its activities and shows the merge.
	f.logOn(t, bo, schema.Notes, dup, map[string]any{"body": "Dup's note"}, dup)
	_, err = f.recs.Merge(ann, ann1, dup, nil)
	require.NoError(t, err)
	got := f.timeline(t, TimelineQuery{Record: ann1})
	require.Len(t, got, 4)
	require.Contains(t, got, "Dup's note")
	require.Contains(t, got, "merge: “Ann (duplicate)” was merged into this contact")
}

func TestBadActivitiesAreRefusedAndChangeNothing(t *testing.T) {
	f := newFixture(t)
	c := f.create(t, schema.Contacts, map[string]any{"firstname": "Ann"})
	gone := f.create(t, schema.Contacts, map[string]any{"firstname": "Gone"})
	_, err := f.recs.Delete(ann, []string{gone})
	require.NoError(t, err)
	for _, tc := range []struct {
		in    LogInput
		field string
	}{
		{LogInput{Object: "letters", Props: map[string]any{"body": "x"}, Records: []string{c}}, "object"},
		{LogInput{Object: schema.Contacts, Props: map[string]any{"firstname": "x"}, Records: []string{c}}, "object"},
		{LogInput{Object: schema.Notes, Props: map[string]any{"body": "x", "at": "yesterday"}, Records: []string{c}}, "at"},
		{LogInput{Object: schema.Notes, Props: map[string]any{"body": strings.Repeat("x", 1<<20)}, Records: []string{c}}, "body"},
		{LogInput{Object: schema.Notes, Props: map[string]any{"body": ""}, Records: []string{c}}, "body"},
		{LogInput{Object: schema.Meetings, Props: map[string]any{"title": "M", "start": "2026-12-07T10:00:00Z", "end": "2026-12-07T09:00:00Z"},
			Records: []string{c}}, "end"},
		{LogInput{Object: schema.Notes, Props: map[string]any{"body": "x"}, Records: []string{gone}}, "to"},
		{LogInput{Object: schema.Notes, Props: map[string]any{"body": "x"}}, "records"},
		{LogInput{Object: schema.Notes, Props: map[string]any{"body": "x"}, Records: []string{c}, Auto: []string{gone}}, "auto"},
	} {
		_, err := f.acts.Log(ann, tc.in)
		require.Error(t, err, "%+v", tc.in.Props)
		require.Equal(t, tc.field, errs.As(err).Field, errs.As(err).Message)
		require.NotEmpty(t, errs.As(err).Message)
	}
	require.Empty(t, f.timeline(t, TimelineQuery{Record: c}))
	note := f.logOn(t, ann, schema.Notes, c, map[string]any{"body": "fine"}, c)
	_, err = f.acts.SetRecords(ann, note.ID, []string{note.ID})
	require.Equal(t, "records", errs.As(err).Field)
	_, err = f.acts.Timeline(TimelineQuery{Record: note.ID})
	require.Equal(t, "record", errs.As(err).Field)
}

func TestCheckerFindsBrokenActivityAssociations(t *testing.T) {
	f := newFixture(t)
	c := f.create(t, schema.Contacts, map[string]any{"firstname": "Ann"})
	task := f.logOn(t, ann, schema.Tasks, c, map[string]any{"title": "Call back", "due": "2026-12-08T09:00:00Z"}, c)
	note := f.logOn(t, ann, schema.Notes, c, map[string]any{"body": "Hi", "at": "2026-12-01T09:00:00Z"}, c)
	cid, tid, nid := uuid.MustParse(c), uuid.MustParse(task.ID), uuid.MustParse(note.ID)
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC).UnixMilli()
	problems := func(change func(txn *badger.Txn) error) string {
		t.Helper()
		require.NoError(t, f.log.Store().Update(change))
		p, err := f.links.Check()
		require.NoError(t, err)
		return strings.Join(p, "\n")
	}
	var saved []byte
	require.NoError(t, f.log.Store().View(func(txn *badger.Txn) error {
		item, err := txn.Get(keys.Timeline(cid, at, nid))
		if err == nil {
			saved, err = item.ValueCopy(nil)
		}
		return err
	}))
	require.Contains(t, problems(func(txn *badger.Txn) error { return txn.Delete(keys.Timeline(cid, at, nid)) }), "is not on its timeline")
	require.Contains(t, problems(func(txn *badger.Txn) error { return txn.Set(keys.Timeline(cid, at+1, nid), saved) }), "not at its date")
	require.Empty(t, problems(func(txn *badger.Txn) error {
		if err := txn.Delete(keys.Timeline(cid, at+1, nid)); err != nil {
			return err
		}
		return txn.Set(keys.Timeline(cid, at, nid), saved)
	}))
	var link []byte
	require.NoError(t, f.log.Store().View(func(txn *badger.Txn) error {
		item, err := txn.Get(keys.ActivityFor(tid, cid))
		if err == nil {
			link, err = item.ValueCopy(nil)
		}
		return err
	}))
	got := problems(func(txn *badger.Txn) error { return txn.Delete(keys.ActivityFor(tid, cid)) })
	require.Contains(t, got, "belongs to no record", "a task too")
	require.Contains(t, got, "which is not associated with it")
	require.Empty(t, problems(func(txn *badger.Txn) error { return txn.Set(keys.ActivityFor(tid, cid), link) }))
}

func TestRecordsOfListsEachActivitysRecords(t *testing.T) {
	f := newFixture(t)
	a := f.create(t, schema.Contacts, map[string]any{"firstname": "Ann"})
	b := f.create(t, schema.Companies, map[string]any{"name": "Acme"})
	t1 := f.logOn(t, ann, schema.Tasks, a, map[string]any{"title": "One"}, a, b)
	t2 := f.logOn(t, ann, schema.Tasks, b, map[string]any{"title": "Two"}, b)
	got, err := f.acts.RecordsOf([]string{t1.ID, t2.ID})
	require.NoError(t, err)
	require.Equal(t, [][]string{{"Ann", "Acme"}, {"Acme"}}, [][]string{ids(got[0]...), ids(got[1]...)})
	_, err = f.acts.RecordsOf([]string{"nope"})
	require.Error(t, err)
}

func TestARecordNamedTwiceIsAssociatedOnce(t *testing.T) {
	f := newFixture(t)
	c := f.create(t, schema.Contacts, map[string]any{"firstname": "Ann"})
	note := f.logOn(t, ann, schema.Notes, c, map[string]any{"body": "Twice"}, c, c)
	require.Equal(t, []string{"Ann"}, ids(note.Records...))
	h, err := f.links.History(c, schema.Notes, 10, "")
	require.NoError(t, err)
	require.Len(t, h, 1, "one association, one event")
	got, err := f.acts.Get(note.ID)
	require.NoError(t, err)
	require.Equal(t, note.Records, got.Records, "Log returns what Get reads")
}

func TestTimelineShowsChangesOnlyWhenAsked(t *testing.T) {
	f := newFixture(t)
	c := f.create(t, schema.Contacts, map[string]any{"firstname": "Ann"})
	acme := f.create(t, schema.Companies, map[string]any{"name": "Acme"})
	f.associate(t, c, acme)
	_, err := f.recs.Update(ann, c, map[string]any{"jobtitle": "Buyer"})
	require.NoError(t, err)
	// More activity associations than a timeline reads of the record's history.
	for i := range maxEvents + 100 {
		_, err := f.acts.Log(ann, LogInput{Object: schema.Notes, Props: map[string]any{"body": fmt.Sprint("N", i), "at": "2020-01-01T09:00:00Z"},
			Records: []string{c}})
		require.NoError(t, err)
	}
	first := func(changes bool) []string {
		page, err := f.acts.Timeline(TimelineQuery{Record: c, Changes: changes, Limit: 3})
		require.NoError(t, err)
		var out []string
		for _, it := range page.Items {
			if it.Event != nil {
				out = append(out, string(it.Kind)+": "+it.Event.Text)
			} else {
				out = append(out, it.Activity.DisplayName)
			}
		}
		return out
	}
	require.Equal(t, []string{"property: Job title set to “Buyer”", "association: “Acme” became the primary company",
		"association: Associated with company “Acme”"}, first(true))
	require.NotContains(t, strings.Join(first(false), "\n"), "Acme", "off by default")
}
