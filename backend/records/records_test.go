package records

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"fieldbook/backend/changelog"
	"fieldbook/backend/errs"
	"fieldbook/backend/schema"
	"fieldbook/backend/store"
)

var ann = changelog.Meta{Actor: changelog.Actor{ID: "u-ann", Name: "Ann"}, Source: changelog.SourceUser}

type fixture struct {
	recs   *Service
	schema *schema.Service
	log    *changelog.Log
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	st, err := store.OpenInMemory()
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	lg := changelog.New(st)
	sch, err := schema.New(lg)
	require.NoError(t, err)
	recs, err := New(lg, sch)
	require.NoError(t, err)
	f := &fixture{recs: recs, schema: sch, log: lg}
	t.Cleanup(func() { f.requireConsistent(t) })
	return f
}

// requireConsistent runs the invariant checker.
func (f *fixture) requireConsistent(t *testing.T) {
	t.Helper()
	problems, err := f.recs.Check()
	require.NoError(t, err)
	require.Empty(t, problems)
}

func (f *fixture) contact(t *testing.T, first, last, email string) RecordView {
	t.Helper()
	props := map[string]any{"firstname": first, "lastname": last}
	if email != "" {
		props["email"] = email
	}
	r, err := f.recs.Create(ann, schema.Contacts, props)
	require.NoError(t, err)
	return r
}

func requireInvalid(t *testing.T, err error, field string) {
	t.Helper()
	require.Error(t, err)
	e := errs.As(err)
	require.Equal(t, errs.CodeInvalid, e.Code, "got %v", err)
	require.Equal(t, field, e.Field, "got %v", err)
}

func TestCreateGetUpdate(t *testing.T) {
	f := newFixture(t)
	r := f.contact(t, "Ann", "Lee", "Ann@Example.com")
	require.Len(t, r.ID, 36)
	require.Equal(t, "Ann Lee", r.DisplayName)
	require.Equal(t, "Ann@example.com", r.Props["email"])
	require.Equal(t, ann.Actor, r.CreatedBy)

	got, err := f.recs.Get(r.ID)
	require.NoError(t, err)
	require.Equal(t, r, got)

	up, err := f.recs.Update(ann, r.ID, map[string]any{"jobtitle": "CTO", "lastname": nil})
	require.NoError(t, err)
	require.Equal(t, "Ann", up.DisplayName)
	require.Equal(t, "CTO", up.Props["jobtitle"])
	require.NotContains(t, up.Props, "lastname")
	require.Equal(t, r.CreatedAt, up.CreatedAt)

	// Clearing every part of the name is refused and changes nothing.
	_, err = f.recs.Update(ann, r.ID, map[string]any{"firstname": "", "email": nil})
	requireInvalid(t, err, "firstname")
	got, err = f.recs.Get(r.ID)
	require.NoError(t, err)
	require.Equal(t, up, got)
}

func TestBadInputIsRefusedAndLosesNothing(t *testing.T) {
	f := newFixture(t)
	r := f.contact(t, "Ann", "Lee", "ann@example.com")

	cases := []struct {
		props map[string]any
		field string
	}{
		{map[string]any{"email": "not an email"}, "email"},
		{map[string]any{"firstname": strings.Repeat("é", 1<<20)}, "firstname"},
		{map[string]any{"firstname": "\xff\xfe"}, "firstname"},
		{map[string]any{"firstname": "a\x07b"}, "firstname"},
		{map[string]any{"firstname": 42.0}, "firstname"},
		{map[string]any{"favourite_colour": "blue"}, "favourite_colour"},
	}
	for _, c := range cases {
		_, err := f.recs.Update(ann, r.ID, c.props)
		requireInvalid(t, err, c.field)
		_, err = f.recs.Create(ann, schema.Contacts, c.props)
		require.Error(t, err)
	}
	_, err := f.recs.Create(ann, schema.Contacts, map[string]any{"firstname": "Cy", "email": "nope", "phone": "call me maybe"})
	requireInvalid(t, err, "email")
	require.Equal(t, []errs.FieldError{{Field: "phone", Message: `Phone must be a phone number (digits, spaces, + - ( ) .), not "call me maybe".`}},
		errs.As(err).Others, "every refused value is reported at once")
	_, err = f.recs.Create(ann, "planets", map[string]any{"name": "Mars"})
	requireInvalid(t, err, "object")
	_, err = f.recs.Create(ann, schema.Deals, map[string]any{"amount": "12"})
	requireInvalid(t, err, "name")

	for _, id := range []string{"", "123", "<script>", "0190a0b2-0000-7000-8000-00000000000g"} {
		_, err = f.recs.Get(id)
		requireInvalid(t, err, "id")
	}
	_, err = f.recs.Get("0190a0b2-0000-7000-8000-000000000001")
	require.True(t, errs.HasCode(err, errs.CodeNotFound), "got %v", err)
	_, err = f.recs.Update(ann, "0190a0b2-0000-7000-8000-000000000001", map[string]any{"firstname": "X"})
	require.True(t, errs.HasCode(err, errs.CodeNotFound))

	// Names with markup are stored as typed: the UI shows them as text.
	x, err := f.recs.Create(ann, schema.Contacts, map[string]any{"firstname": "<script>alert(1)</script>"})
	require.NoError(t, err)
	require.Equal(t, "<script>alert(1)</script>", x.DisplayName)

	got, err := f.recs.Get(r.ID)
	require.NoError(t, err)
	require.Equal(t, r, got, "nothing stored before was lost")
	n, err := f.recs.Count(schema.Contacts)
	require.NoError(t, err)
	require.Equal(t, 2, n)
}

func TestListSortsPagesAndCounts(t *testing.T) {
	f := newFixture(t)
	for _, last := range []string{"Zimmer", "adams", "Brown", "", "Émile", "brown"} {
		first := "P" + last
		_, err := f.recs.Create(ann, schema.Contacts, map[string]any{"firstname": first, "lastname": last})
		require.NoError(t, err)
	}
	lastNames := func(p Page) []string {
		var out []string
		for _, r := range p.Records {
			s, _ := r.Props["lastname"].(string)
			out = append(out, s)
		}
		return out
	}
	asc, err := f.recs.List(ListQuery{Object: schema.Contacts, Sort: "lastname", Limit: 10})
	require.NoError(t, err)
	require.Equal(t, 6, asc.Total)
	require.Equal(t, []string{"adams", "Brown", "brown", "Émile", "Zimmer", ""}, lastNames(asc), "case- and accent-insensitive, empty last")

	desc, err := f.recs.List(ListQuery{Object: schema.Contacts, Sort: "lastname", Desc: true, Limit: 2, Offset: 1})
	require.NoError(t, err)
	require.Equal(t, 6, desc.Total)
	require.Equal(t, []string{"Émile", "brown"}, lastNames(desc))
	all, err := f.recs.List(ListQuery{Object: schema.Contacts, Sort: "lastname", Desc: true, Limit: 10})
	require.NoError(t, err)
	require.Equal(t, []string{"Zimmer", "Émile", "brown", "Brown", "adams", ""}, lastNames(all), "records without a value come last both ways")
	found, err := f.recs.List(ListQuery{Object: schema.Contacts, Search: "emile"})
	require.NoError(t, err)
	require.Equal(t, 1, found.Total, "search ignores accents")

	byCreated, err := f.recs.List(ListQuery{Object: schema.Contacts, Limit: 1})
	require.NoError(t, err)
	require.Equal(t, "Zimmer", lastNames(byCreated)[0], "default order is creation order")

	_, err = f.recs.List(ListQuery{Object: schema.Contacts, Sort: "shoe_size"})
	requireInvalid(t, err, "sort")
}

func TestListSearchAndFilters(t *testing.T) {
	f := newFixture(t)
	f.contact(t, "Ann", "Lee", "ann@acme.example")
	f.contact(t, "Annika", "Berg", "annika@globex.example")
	f.contact(t, "Bob", "Anders", "")
	_, err := f.recs.Create(ann, schema.Deals, map[string]any{"name": "Big", "amount": 5000.0, "stage": "won"})
	require.NoError(t, err)
	_, err = f.recs.Create(ann, schema.Deals, map[string]any{"name": "Small", "amount": 50.0, "stage": "lost"})
	require.NoError(t, err)
	_, err = f.recs.Create(ann, schema.Deals, map[string]any{"name": "Unpriced"})
	require.NoError(t, err)

	names := func(q ListQuery) []string {
		t.Helper()
		p, err := f.recs.List(q)
		require.NoError(t, err)
		out := []string{}
		for _, r := range p.Records {
			out = append(out, r.DisplayName)
		}
		require.Equal(t, len(out), p.Total)
		return out
	}
	require.Equal(t, []string{"Ann Lee", "Annika Berg", "Bob Anders"}, names(ListQuery{Object: schema.Contacts, Sort: SortName, Search: "an"}), "name words match by prefix")
	require.Equal(t, []string{"Annika Berg"}, names(ListQuery{Object: schema.Contacts, Search: "globex"}), "email domain matches")
	require.Equal(t, []string{"Bob Anders"}, names(ListQuery{Object: schema.Contacts, Filters: []Filter{{Property: "email", Op: "empty"}}}))
	require.Equal(t, []string{"Ann Lee"}, names(ListQuery{Object: schema.Contacts, Search: "ann", Filters: []Filter{{Property: "email", Op: "contains", Value: "acme"}}}))
	require.Equal(t, []string{"Big"}, names(ListQuery{Object: schema.Deals, Filters: []Filter{{Property: "amount", Op: "gt", Value: "100"}}}))
	require.Equal(t, []string{"Small"}, names(ListQuery{Object: schema.Deals, Filters: []Filter{{Property: "amount", Op: "lt", Value: "100"}}}))
	require.Equal(t, []string{"Big"}, names(ListQuery{Object: schema.Deals, Filters: []Filter{{Property: "stage", Op: "is", Value: "Closed won"}}}))
	require.Equal(t, []string{"Small", "Unpriced"}, names(ListQuery{Object: schema.Deals, Sort: SortName, Filters: []Filter{{Property: "stage", Op: "is_not", Value: "won"}}}))
	require.Equal(t, []string{"Unpriced"}, names(ListQuery{Object: schema.Deals, Filters: []Filter{{Property: "amount", Op: "empty"}}}))

	_, err = f.recs.List(ListQuery{Object: schema.Deals, Filters: []Filter{{Property: "amount", Op: "gt", Value: "lots"}}})
	requireInvalid(t, err, "filter")
	_, err = f.recs.List(ListQuery{Object: schema.Deals, Filters: []Filter{{Property: "colour", Op: "is", Value: "red"}}})
	requireInvalid(t, err, "filter")
	_, err = f.recs.List(ListQuery{Object: schema.Deals, Filters: []Filter{{Property: "amount", Op: "around", Value: "3"}}})
	requireInvalid(t, err, "filter")
}

func TestTypeahead(t *testing.T) {
	f := newFixture(t)
	grace := f.contact(t, "Grace", "Hopper", "grace@navy.example")
	_, err := f.recs.Create(ann, schema.Companies, map[string]any{"name": "Graceland Tours", "domain": "https://www.graceland.example/"})
	require.NoError(t, err)

	hits, err := f.recs.Search("GRA", 10)
	require.NoError(t, err)
	require.Len(t, hits, 2)
	byDomain, err := f.recs.Search("navy", 10)
	require.NoError(t, err)
	require.Equal(t, []Hit{{ID: grace.ID, Object: schema.Contacts, DisplayName: "Grace Hopper", Detail: "grace@navy.example"}}, byDomain)
	company, err := f.recs.Search("graceland.ex", 10)
	require.NoError(t, err)
	require.Len(t, company, 1)
	require.Equal(t, schema.Companies, company[0].Object)
	dana := f.contact(t, "Dana", "O'Brien", "")
	for _, q := range []string{"O'Brien", "o'bri", "o’brien", "brien", "dana o'b"} {
		hits, err := f.recs.Search(q, 10)
		require.NoError(t, err)
		require.Equal(t, []string{dana.ID}, hitIDs(hits), "a name is found as it is written: %q", q)
	}
	hits, err = f.recs.Search("hopper grace", 10)
	require.NoError(t, err)
	require.Equal(t, []string{grace.ID}, hitIDs(hits), "words match in any order")
	hits, err = f.recs.Search("tours", 10)
	require.NoError(t, err)
	require.Len(t, hits, 1, "a later word of a name")
	// One letter finds names starting with it, not every "… for a quote".
	for range 12 {
		_, err = f.recs.Create(ann, schema.Tickets, map[string]any{"subject": "Request for a quote"})
		require.NoError(t, err)
	}
	able := f.contact(t, "Ann", "Able", "")
	hits, err = f.recs.Search("a", 10)
	require.NoError(t, err)
	require.Contains(t, hitIDs(hits), able.ID)
	hits, err = f.recs.Search("quote", 20)
	require.NoError(t, err)
	require.Len(t, hits, 12, "the later words are still found")
	none, err := f.recs.Search("   ", 10)
	require.NoError(t, err)
	require.Empty(t, none)

	// Renaming moves the search terms; deleting removes them.
	_, err = f.recs.Update(ann, grace.ID, map[string]any{"firstname": "Amazing"})
	require.NoError(t, err)
	hits, err = f.recs.Search("grace", 10)
	require.NoError(t, err)
	require.Len(t, hits, 2, "still found by email and by the company")
	hits, err = f.recs.Search("amaz", 10)
	require.NoError(t, err)
	require.Len(t, hits, 1)
	_, err = f.recs.Delete(ann, []string{grace.ID})
	require.NoError(t, err)
	hits, err = f.recs.Search("amaz", 10)
	require.NoError(t, err)
	require.Empty(t, hits)
}

func hitIDs(hits []Hit) []string {
	out := []string{}
	for _, h := range hits {
		out = append(out, h.ID)
	}
	return out
}

func TestRecycleBin(t *testing.T) {
	f := newFixture(t)
	a := f.contact(t, "Ann", "Lee", "")
	b := f.contact(t, "Bob", "Berg", "")

	n, err := f.recs.Delete(ann, []string{a.ID, b.ID, a.ID})
	require.NoError(t, err)
	require.Equal(t, 2, n)
	count, _ := f.recs.Count(schema.Contacts)
	require.Zero(t, count)
	page, err := f.recs.List(ListQuery{Object: schema.Contacts})
	require.NoError(t, err)
	require.Empty(t, page.Records)
	bin, err := f.recs.Bin(schema.Contacts, 0)
	require.NoError(t, err)
	require.Len(t, bin, 2)
	require.NotEmpty(t, bin[0].DeletedAt)

	_, err = f.recs.Update(ann, a.ID, map[string]any{"jobtitle": "CEO"})
	requireInvalid(t, err, "id")

	_, err = f.recs.Restore(ann, []string{a.ID})
	require.NoError(t, err)
	got, err := f.recs.Get(a.ID)
	require.NoError(t, err)
	require.Empty(t, got.DeletedAt)
	require.Equal(t, a.Props, got.Props, "restored with its values")
	count, _ = f.recs.Count(schema.Contacts)
	require.Equal(t, 1, count)

	_, err = f.recs.DeletePermanently(ann, []string{a.ID})
	requireInvalid(t, err, "id") // not in the bin
	_, err = f.recs.DeletePermanently(ann, []string{b.ID})
	require.NoError(t, err)
	_, err = f.recs.Get(b.ID)
	require.True(t, errs.HasCode(err, errs.CodeNotFound))

	// A failing item rolls back the whole call.
	c := f.contact(t, "Cy", "Cole", "")
	_, err = f.recs.Delete(ann, []string{c.ID, "0190a0b2-0000-7000-8000-000000000001"})
	require.True(t, errs.HasCode(err, errs.CodeNotFound))
	got, err = f.recs.Get(c.ID)
	require.NoError(t, err)
	require.Empty(t, got.DeletedAt, "all or nothing")

	// History survives permanent deletion: the log is append-only.
	hist, err := f.recs.History(mustID(t, b.ID), 10)
	require.NoError(t, err)
	require.Len(t, hist, 3) // created, deleted, purged
}

func TestPurgeAfterNinetyDays(t *testing.T) {
	f := newFixture(t)
	old := f.contact(t, "Old", "One", "")
	_, err := f.recs.Delete(ann, []string{old.ID})
	require.NoError(t, err)

	n, err := f.recs.PurgeExpired(time.Now().Add(BinRetention - time.Hour))
	require.NoError(t, err)
	require.Zero(t, n, "kept for 90 days")
	n, err = f.recs.PurgeExpired(time.Now().Add(BinRetention + time.Hour))
	require.NoError(t, err)
	require.Equal(t, 1, n)
	_, err = f.recs.Get(old.ID)
	require.True(t, errs.HasCode(err, errs.CodeNotFound))
}

func TestHistoryRecordsWhoWhatAndWhence(t *testing.T) {
	f := newFixture(t)
	r := f.contact(t, "Ann", "Lee", "ann@example.com")
	bob := changelog.Meta{Actor: changelog.Actor{ID: "u-bob", Name: "Bob"}, Source: changelog.SourceImport}
	_, err := f.recs.Update(bob, r.ID, map[string]any{"email": "ann@new.example", "jobtitle": "CEO"})
	require.NoError(t, err)
	_, err = f.recs.Update(bob, r.ID, map[string]any{"email": "ann@new.example"})
	require.NoError(t, err) // no change, no history entry

	hist, err := f.recs.History(mustID(t, r.ID), 10)
	require.NoError(t, err)
	require.Len(t, hist, 2)
	latest := hist[0]
	require.Equal(t, bob.Actor, latest.Actor)
	require.Equal(t, changelog.SourceImport, latest.Source)
	require.Len(t, latest.Changes, 2)
	require.Equal(t, "email", latest.Changes[0].Property)
	require.JSONEq(t, `"ann@example.com"`, string(latest.Changes[0].Before))
	require.JSONEq(t, `"ann@new.example"`, string(latest.Changes[0].After))
	require.Equal(t, changelog.RecordCreated, hist[1].Changes[0].Kind)
	require.Equal(t, ann.Actor, hist[1].Actor)
}

func TestCreateMany(t *testing.T) {
	f := newFixture(t)
	rows := make([]map[string]any, 1200)
	for i := range rows {
		rows[i] = map[string]any{"name": fmt.Sprintf("Company %04d", i), "domain": fmt.Sprintf("c%d.example", i)}
	}
	n, err := f.recs.CreateMany(ann, schema.Companies, rows)
	require.NoError(t, err)
	require.Equal(t, 1200, n)
	count, _ := f.recs.Count(schema.Companies)
	require.Equal(t, 1200, count)

	rows[7]["domain"] = "not a domain"
	_, err = f.recs.CreateMany(ann, schema.Companies, rows)
	requireInvalid(t, err, "domain")
	require.Contains(t, errs.As(err).Message, "Row 8")
	count, _ = f.recs.Count(schema.Companies)
	require.Equal(t, 1200, count, "a bad row writes nothing")
}

func TestCustomObjectRecordsAndRemovedProperty(t *testing.T) {
	f := newFixture(t)
	p, err := f.schema.CreateObject(ann, schema.ObjectInput{Singular: "Project", Plural: "Projects"})
	require.NoError(t, err)
	_, err = f.schema.AddProperty(ann, p.ID, schema.PropertyInput{Label: "Budget", Type: schema.Number})
	require.NoError(t, err)
	r, err := f.recs.Create(ann, p.ID, map[string]any{"name": "Apollo", "budget": "1,000"})
	require.NoError(t, err)
	require.Equal(t, 1000.0, r.Props["budget"])
	sorted, err := f.recs.List(ListQuery{Object: p.ID, Sort: "budget"})
	require.NoError(t, err)
	require.Len(t, sorted.Records, 1)

	requireInvalid(t, f.schema.DeleteObject(ann, p.ID), "object")
	_, err = f.schema.RemoveProperty(ann, p.ID, "budget")
	require.NoError(t, err)
	_, err = f.recs.List(ListQuery{Object: p.ID, Sort: "budget"})
	requireInvalid(t, err, "sort")
	f.requireConsistent(t)

	_, err = f.recs.Delete(ann, []string{r.ID})
	require.NoError(t, err)
	_, err = f.recs.DeletePermanently(ann, []string{r.ID})
	require.NoError(t, err)
	require.NoError(t, f.schema.DeleteObject(ann, p.ID))
}

func TestChangingTheDisplayPropertyRenamesTheRecords(t *testing.T) {
	f := newFixture(t)
	p, err := f.schema.CreateObject(ann, schema.ObjectInput{Singular: "Site visit", Plural: "Site visits"})
	require.NoError(t, err)
	p, err = f.schema.AddProperty(ann, p.ID, schema.PropertyInput{Label: "Location", Type: schema.Text})
	require.NoError(t, err)
	_, err = f.schema.AddProperty(ann, p.ID, schema.PropertyInput{Label: "Hours", Type: schema.Number})
	require.NoError(t, err)
	a, err := f.recs.Create(ann, p.ID, map[string]any{"name": "Visit 1", "location": "Zagreb depot"})
	require.NoError(t, err)
	b, err := f.recs.Create(ann, p.ID, map[string]any{"name": "Visit 2"})
	require.NoError(t, err)
	_, err = f.recs.Delete(ann, []string{b.ID})
	require.NoError(t, err)

	_, err = f.schema.SetDisplayProperty(ann, p.ID, "location")
	requireInvalid(t, err, "property")
	require.Contains(t, err.Error(), "1 site visit (counting the recycle bin) has no Location")
	_, err = f.schema.SetDisplayProperty(ann, p.ID, "hours")
	requireInvalid(t, err, "property")
	_, err = f.schema.SetDisplayProperty(ann, schema.Companies, "domain")
	requireInvalid(t, err, "object")
	got, err := f.recs.Get(a.ID)
	require.NoError(t, err)
	require.Equal(t, "Visit 1", got.DisplayName, "a refused change changes nothing")

	_, err = f.recs.Restore(ann, []string{b.ID})
	require.NoError(t, err)
	_, err = f.recs.Update(ann, b.ID, map[string]any{"location": "Aarhus port"})
	require.NoError(t, err)
	def, err := f.schema.SetDisplayProperty(ann, p.ID, "location")
	require.NoError(t, err)
	require.Equal(t, "location", def.DisplayProperty)

	list, err := f.recs.List(ListQuery{Object: p.ID, Sort: SortName})
	require.NoError(t, err)
	require.Equal(t, []string{"Aarhus port", "Zagreb depot"}, []string{list.Records[0].DisplayName, list.Records[1].DisplayName})
	hits, err := f.recs.Search("zagreb", 10)
	require.NoError(t, err)
	require.Equal(t, []string{a.ID}, hitIDs(hits))
	hits, err = f.recs.Search("visit 1", 10)
	require.NoError(t, err)
	require.Empty(t, hits, "the old name no longer finds it")
	ref, ok := f.recs.Lookup(mustID(t, a.ID))
	require.True(t, ok)
	require.Equal(t, "Zagreb depot", ref.Name)
	_, err = f.schema.RemoveProperty(ann, p.ID, "location")
	requireInvalid(t, err, "property") // the name property stays
	_, err = f.recs.Create(ann, p.ID, map[string]any{"name": "Visit 3"})
	requireInvalid(t, err, "location")
}

func TestCheckFindsAnIndexThatDrifted(t *testing.T) {
	f := newFixture(t)
	r := f.contact(t, "Ann", "Lee", "ann@example.com")
	id := mustID(t, r.ID)
	obj, err := f.schema.Object(schema.Contacts)
	require.NoError(t, err)

	// Forget the record in memory only, as a bug in a write path would.
	stored, err := func() (*stored, error) {
		var out *stored
		err := f.log.Store().View(func(txn *badger.Txn) (err error) { out, err = getRecord(txn, id); return err })
		return out, err
	}()
	require.NoError(t, err)
	ff := factsOf(&obj, stored)
	f.recs.idx.catchUp() // the create's own index work first, or it would put the record back
	f.recs.idx.apply([]change{{id: id, before: &ff}})

	problems, err := f.recs.Check()
	require.NoError(t, err)
	require.NotEmpty(t, problems)
	require.Contains(t, strings.Join(problems, "\n"), "contacts: the index counts 0 live records, the store has 1")
	require.Contains(t, strings.Join(problems, "\n"), `contacts: the order by "_name" differs from the stored records`)
	require.Contains(t, strings.Join(problems, "\n"), "the search terms differ from the stored records")

	f.recs.idx.apply([]change{{id: id, after: &ff}}) // put it back for the final check
}

func TestCheckFindsAWrongCreation(t *testing.T) {
	f := newFixture(t)
	a := f.contact(t, "Ann", "Lee", "")
	b := f.contact(t, "Bob", "Ray", "")
	read := func(id uuid.UUID) (out *stored) {
		require.NoError(t, f.log.Store().View(func(txn *badger.Txn) (err error) { out, err = getRecord(txn, id); return err }))
		return out
	}
	ra, rb := read(mustID(t, a.ID)), read(mustID(t, b.ID))
	require.NotEqual(t, uuid.Nil, ra.CreatedOp, "a record names the operation that created it")

	swapped := *ra
	swapped.CreatedOp = rb.CreatedOp // an operation that created another record
	contacts, err := f.schema.Object(schema.Contacts)
	require.NoError(t, err)
	require.NoError(t, f.log.Store().Update(func(txn *badger.Txn) error { return putRecord(txn, &contacts, mustID(t, a.ID), &swapped) }))
	problems, err := f.recs.Check()
	require.NoError(t, err)
	require.Contains(t, strings.Join(problems, "\n"), "which did not create it")

	require.NoError(t, f.log.Store().Update(func(txn *badger.Txn) error { return putRecord(txn, &contacts, mustID(t, a.ID), ra) }))
}

func TestListShowsEachWriteAtOnce(t *testing.T) {
	f := newFixture(t)
	r := f.contact(t, "Ann", "Lee", "ann@example.com")
	first := func() RecordView {
		p, err := f.recs.List(ListQuery{Object: schema.Contacts, Limit: 1})
		require.NoError(t, err)
		require.Len(t, p.Records, 1)
		return p.Records[0]
	}
	require.Equal(t, "Ann Lee", first().DisplayName) // now cached
	_, err := f.recs.Update(ann, r.ID, map[string]any{"firstname": "Anna"})
	require.NoError(t, err)
	require.Equal(t, "Anna Lee", first().DisplayName, "a cached record is never shown stale")
	_, err = f.recs.Delete(ann, []string{r.ID})
	require.NoError(t, err)
	bin, err := f.recs.Bin(schema.Contacts, 0)
	require.NoError(t, err)
	require.NotEmpty(t, bin[0].DeletedAt)
	_, err = f.recs.Restore(ann, []string{r.ID})
	require.NoError(t, err)
	require.Empty(t, first().DeletedAt)
}

// Index changes are applied after a write returns, on another goroutine;
// a reader must still find every write that finished before it started,
// with writers and readers running at once.
func TestReadersSeeEveryFinishedWrite(t *testing.T) {
	f := newFixture(t)
	const writers, each = 4, 60
	var wg sync.WaitGroup
	errc := make(chan error, writers)
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				email := fmt.Sprintf("w%di%d@readers.example", w, i)
				r, err := f.recs.Create(ann, schema.Contacts, map[string]any{"firstname": "Reader", "lastname": fmt.Sprintf("W%dI%d", w, i), "email": email})
				if err == nil {
					var hits []Hit
					if hits, err = f.recs.Search(email, 5); err == nil && (len(hits) != 1 || hits[0].ID != r.ID) {
						err = fmt.Errorf("search for %s right after creating it found %v", email, hits)
					}
				}
				if err == nil {
					var p Page
					p, err = f.recs.List(ListQuery{Object: schema.Contacts, Sort: "lastname", Limit: 10,
						Filters: []Filter{{Property: "email", Op: "is", Value: email}}})
					if err == nil && (len(p.Records) != 1 || p.Records[0].ID != r.ID) {
						err = fmt.Errorf("listing contacts with the email %s right after creating one found %d", email, len(p.Records))
					}
				}
				if err != nil {
					errc <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		require.NoError(t, err)
	}
	n, err := f.recs.Count(schema.Contacts)
	require.NoError(t, err)
	require.Equal(t, writers*each, n)
	f.requireConsistent(t)
}

// The first sort by a property reads the object's records in one walk over
// the record keys, stepping over other objects' records or seeking past
// long stretches of them.
func TestFirstSortReadsRecordsAmongOthers(t *testing.T) {
	f := newFixture(t)
	titles := map[string]string{}
	for i := 0; i < 40; i++ {
		others := 1 // a short stretch: stepped over
		if i%5 == 0 {
			others = 12 // a long one: sought past
		}
		for k := 0; k < others; k++ {
			_, err := f.recs.Create(ann, schema.Companies, map[string]any{"name": fmt.Sprintf("Co %d-%d", i, k)})
			require.NoError(t, err)
		}
		title := fmt.Sprintf("T%02d", (i*17)%40)
		r, err := f.recs.Create(ann, schema.Contacts, map[string]any{"firstname": "C", "lastname": fmt.Sprint(i), "jobtitle": title})
		require.NoError(t, err)
		titles[r.ID] = title
	}
	p, err := f.recs.List(ListQuery{Object: schema.Contacts, Sort: "jobtitle", Limit: 100})
	require.NoError(t, err)
	require.Len(t, p.Records, 40)
	for i, r := range p.Records {
		require.Equal(t, fmt.Sprintf("T%02d", i), r.Props["jobtitle"])
		require.Equal(t, titles[r.ID], r.Props["jobtitle"])
	}
	f.requireConsistent(t)
}

func TestCreateManyKeepsTheRowsOrder(t *testing.T) {
	f := newFixture(t)
	rows := make([]map[string]any, 3000)
	for i := range rows {
		rows[i] = map[string]any{"firstname": fmt.Sprintf("R%04d", i)}
	}
	_, err := f.recs.CreateMany(ann, schema.Contacts, rows)
	require.NoError(t, err)
	for offset := 0; offset < len(rows); offset += MaxPage {
		page, err := f.recs.List(ListQuery{Object: schema.Contacts, Sort: SortCreated, Limit: MaxPage, Offset: offset})
		require.NoError(t, err)
		for i, r := range page.Records {
			require.Equal(t, fmt.Sprintf("R%04d", offset+i), r.DisplayName, "creation order is the rows' order")
		}
	}
}
