package records

import (
	"testing"

	"github.com/stretchr/testify/require"

	"fieldbook/backend/changelog"
	"fieldbook/backend/schema"
)

func TestSearchWordsMatchInAnyOrder(t *testing.T) {
	f := newFixture(t)
	annLee := f.contact(t, "Ann", "Lee", "ann@acme.example")
	f.contact(t, "Lee", "Annersley", "")
	f.contact(t, "Annika", "Berg", "")
	dana := f.contact(t, "Dana", "O'Brien", "")
	quote, err := f.recs.Create(ann, schema.Tickets, map[string]any{"subject": "Request for a quote"})
	require.NoError(t, err)

	for _, q := range []string{"lee ann", "ann lee", "LEE  An", "le an"} {
		hits, err := f.recs.Search(q, 10)
		require.NoError(t, err)
		require.Contains(t, hitIDs(hits), annLee.ID, "%q", q)
		require.Len(t, hits, 2, "%q finds Ann Lee and Lee Annersley, not Annika Berg", q)
	}
	for _, q := range []string{"acme lee", "lee ann@acme"} {
		hits, err := f.recs.Search(q, 10)
		require.NoError(t, err)
		require.Equal(t, []string{annLee.ID}, hitIDs(hits), "a word of the email: %q", q)
	}
	for _, q := range []string{"dana o", "o dana", "o'b dana", "brien dana", "dana o'brien"} {
		hits, err := f.recs.Search(q, 10)
		require.NoError(t, err)
		require.Equal(t, []string{dana.ID}, hitIDs(hits), "%q", q)
	}
	hits, err := f.recs.Search("quote a for", 10)
	require.NoError(t, err)
	require.Equal(t, []string{quote.ID}, hitIDs(hits), "a word of one letter counts as a word")
	for _, q := range []string{"lee zed", "lee berg", "nn lee", "dana rien"} {
		hits, err := f.recs.Search(q, 10)
		require.NoError(t, err)
		require.Empty(t, hits, "every word must start a word of the record: %q", q)
	}

	page, err := f.recs.List(ListQuery{Object: schema.Contacts, Search: "lee ann", Sort: SortName})
	require.NoError(t, err)
	require.Equal(t, 2, page.Total)
	require.Equal(t, "Ann Lee", page.Records[0].DisplayName)
	page, err = f.recs.List(ListQuery{Object: schema.Tickets, Search: "lee ann"})
	require.NoError(t, err)
	require.Zero(t, page.Total, "the index page searches its own object")

	// A rename moves what the other words are checked against.
	_, err = f.recs.Update(ann, annLee.ID, map[string]any{"lastname": "Zed"})
	require.NoError(t, err)
	hits, err = f.recs.Search("zed ann", 10)
	require.NoError(t, err)
	require.Equal(t, []string{annLee.ID}, hitIDs(hits))
}

func TestSearchFindsPhoneNumbersByTheirDigits(t *testing.T) {
	f := newFixture(t)
	annLee, err := f.recs.Create(ann, schema.Contacts, map[string]any{"firstname": "Ann", "lastname": "Lee", "phone": "+1 555-0142"})
	require.NoError(t, err)
	local, err := f.recs.Create(ann, schema.Contacts, map[string]any{"firstname": "Bo", "lastname": "Kim", "phone": "(020) 7946 0958"})
	require.NoError(t, err)

	for _, q := range []string{"555 0142", "5550142", "+1 (555) 014", "1555", "+1-555-0142", "555.01", "lee 555"} {
		hits, err := f.recs.Search(q, 10)
		require.NoError(t, err)
		require.Equal(t, []string{annLee.ID}, hitIDs(hits), "%q", q)
		page, err := f.recs.List(ListQuery{Object: schema.Contacts, Search: q})
		require.NoError(t, err)
		require.Equal(t, 1, page.Total, "the index page too: %q", q)
	}
	hits, err := f.recs.Search("020 7946", 10)
	require.NoError(t, err)
	require.Equal(t, []string{local.ID}, hitIDs(hits))
	for _, q := range []string{"0142", "55", "555 9", "bo 555"} {
		hits, err := f.recs.Search(q, 10)
		require.NoError(t, err)
		require.Empty(t, hits, "digits match from the number's start (or after its country code), at least three: %q", q)
	}

	_, err = f.recs.Update(ann, annLee.ID, map[string]any{"phone": ""})
	require.NoError(t, err)
	hits, err = f.recs.Search("5550142", 10)
	require.NoError(t, err)
	require.Empty(t, hits, "a cleared phone is no longer found")
}

func TestRestoringARecordNotInTheBinChangesNothing(t *testing.T) {
	f := newFixture(t)
	a := f.contact(t, "Ann", "Lee", "")
	b := f.contact(t, "Bob", "Berg", "")
	_, err := f.recs.Delete(ann, []string{b.ID})
	require.NoError(t, err)
	ops := func() int {
		n := 0
		require.NoError(t, f.log.Each(func(changelog.Op) error { n++; return nil }))
		return n
	}
	before := ops()

	n, err := f.recs.Restore(ann, []string{a.ID})
	require.NoError(t, err)
	require.Zero(t, n)
	require.Equal(t, before, ops(), "nothing logged")
	got, err := f.recs.Get(a.ID)
	require.NoError(t, err)
	require.Equal(t, a.UpdatedAt, got.UpdatedAt)

	n, err = f.recs.Restore(ann, []string{a.ID, b.ID})
	require.NoError(t, err)
	require.Equal(t, 1, n, "only the record in the bin counts")
	require.Equal(t, before+1, ops())
}

func TestDuplicatesByEmailAndDomain(t *testing.T) {
	f := newFixture(t)
	annLee := f.contact(t, "Ann", "Lee", "Ann.Lee@Acme.example")
	gone := f.contact(t, "Old", "Ann", "old@acme.example")
	_, err := f.recs.Delete(ann, []string{gone.ID})
	require.NoError(t, err)
	acme, err := f.recs.Create(ann, schema.Companies, map[string]any{"name": "Acme", "domain": "https://www.acme.example/about"})
	require.NoError(t, err)

	dups := func(object string, props map[string]any) []string {
		t.Helper()
		found, err := f.recs.Duplicates(object, props)
		require.NoError(t, err)
		out := []string{}
		for _, r := range found {
			out = append(out, r.ID)
		}
		return out
	}
	require.Equal(t, []string{annLee.ID}, dups(schema.Contacts, map[string]any{"email": " ann.lee@ACME.example "}), "case-insensitive")
	require.Empty(t, dups(schema.Contacts, map[string]any{"email": "ann.lee@acme.exampl"}), "the whole address, not a prefix")
	require.Empty(t, dups(schema.Contacts, map[string]any{"email": "old@acme.example"}), "records in the recycle bin do not count")
	require.Empty(t, dups(schema.Contacts, map[string]any{"email": "ann.lee@"}), "an address still being typed")
	require.Empty(t, dups(schema.Contacts, map[string]any{"firstname": "Ann", "lastname": "Lee"}), "names are not unique keys")
	require.Empty(t, dups(schema.Contacts, map[string]any{"email": "someone@acme.example"}))

	require.Equal(t, []string{acme.ID}, dups(schema.Companies, map[string]any{"domain": "ACME.example"}), "the same domain, however written")
	require.Empty(t, dups(schema.Companies, map[string]any{"domain": "acme.example.org"}))
	require.Empty(t, dups(schema.Companies, map[string]any{"name": "Acme"}))
	require.Empty(t, dups(schema.Deals, map[string]any{"name": "Acme"}), "deals have no unique key")
	// Each object's own rule: a contact's email domain is no company's domain.
	f.contact(t, "Gil", "Globex", "gil@globex.example")
	require.Empty(t, dups(schema.Companies, map[string]any{"domain": "globex.example"}))
	require.Empty(t, dups(schema.Contacts, map[string]any{"domain": "acme.example"}))

	_, err = f.recs.Duplicates("shoes", nil)
	requireInvalid(t, err, "object")
}

func TestTasksAreSearchedByTheirTitlesOnlyOnTheirPage(t *testing.T) {
	f := newFixture(t)
	for _, title := range []string{"Send the signed contract", "Call Ann back", "Prepare the renewal"} {
		_, err := f.recs.Create(ann, schema.Tasks, map[string]any{"title": title})
		require.NoError(t, err)
	}
	page, err := f.recs.List(ListQuery{Object: schema.Tasks, Search: "sign cont", Limit: 10})
	require.NoError(t, err)
	require.Equal(t, 1, page.Total)
	require.Equal(t, "Send the signed contract", page.Records[0].DisplayName)
	page, err = f.recs.List(ListQuery{Object: schema.Tasks, Search: "ract", Limit: 10})
	require.NoError(t, err)
	require.Zero(t, page.Total, "words match from their start")
	hits, err := f.recs.Search("renewal", 10)
	require.NoError(t, err)
	require.Empty(t, hits, "Ctrl+K finds records, not activities")
}
