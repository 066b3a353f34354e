package duplicates

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fieldbook/backend/associations"
	"fieldbook/backend/changelog"
	"fieldbook/backend/domains"
	"fieldbook/backend/errs"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
	"fieldbook/backend/store"
)

var ann = changelog.Meta{Actor: changelog.Actor{ID: "u-ann", Name: "Ann"}, Source: changelog.SourceUser}

type fixture struct {
	st    *store.Store
	log   *changelog.Log
	recs  *records.Service
	links *associations.Service
	doms  *domains.Service
	dups  *Service
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	st, err := store.OpenInMemory()
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	return open(t, st)
}

// open builds the services over a store, as main.go does.
func open(t testing.TB, st *store.Store) *fixture {
	t.Helper()
	lg := changelog.New(st)
	sch, err := schema.New(lg)
	require.NoError(t, err)
	recs, err := records.New(lg, sch)
	require.NoError(t, err)
	links, err := associations.New(lg, sch, recs)
	require.NoError(t, err)
	doms, err := domains.New(lg)
	require.NoError(t, err)
	dups, err := New(lg, sch, recs, links, doms)
	require.NoError(t, err)
	return &fixture{st: st, log: lg, recs: recs, links: links, doms: doms, dups: dups}
}

func (f *fixture) create(t testing.TB, object string, props map[string]any) string {
	t.Helper()
	r, err := f.recs.Create(ann, object, props)
	require.NoError(t, err)
	return r.ID
}

// person creates a contact; extra is email, then phone.
func (f *fixture) person(t testing.TB, first, last string, extra ...string) string {
	props := map[string]any{"firstname": first, "lastname": last}
	if len(extra) > 0 && extra[0] != "" {
		props["email"] = extra[0]
	}
	if len(extra) > 1 {
		props["phone"] = extra[1]
	}
	return f.create(t, schema.Contacts, props)
}

func (f *fixture) company(t testing.TB, name, domain string) string {
	props := map[string]any{"name": name}
	if domain != "" {
		props["domain"] = domain
	}
	return f.create(t, schema.Companies, props)
}

// works associates a contact with companies, the first its primary.
func (f *fixture) works(t testing.TB, contact string, companies ...string) {
	t.Helper()
	_, err := f.links.Associate(ann, associations.Edit{Record: contact, Targets: companies, Primary: companies[0]})
	require.NoError(t, err)
}

func (f *fixture) find(t testing.TB, object string) []Pair {
	t.Helper()
	pairs, err := f.dups.Find(context.Background(), object, nil)
	require.NoError(t, err)
	return pairs
}

// found is a pair's two records, whichever order, and its reasons.
type found struct {
	ids     [2]string
	reasons []string
}

func (f *fixture) found(t testing.TB, object string) []found {
	var out []found
	for _, p := range f.find(t, object) {
		ids := [2]string{p.A.ID, p.B.ID}
		slices.Sort(ids[:])
		out = append(out, found{ids, p.Reasons})
	}
	return out
}

func pairOf(a, b string) [2]string {
	ids := [2]string{a, b}
	slices.Sort(ids[:])
	return ids
}

// reasonsOf returns the reasons of the pair a, b, and whether it was found.
func reasonsOf(all []found, a, b string) ([]string, bool) {
	for _, p := range all {
		if p.ids == pairOf(a, b) {
			return p.reasons, true
		}
	}
	return nil, false
}

func requirePair(t testing.TB, all []found, a, b string, reasons ...string) {
	t.Helper()
	got, ok := reasonsOf(all, a, b)
	require.True(t, ok, "pair not found among %v", all)
	require.Equal(t, reasons, got)
}

func requireNoPair(t testing.TB, all []found, a, b string) {
	t.Helper()
	got, ok := reasonsOf(all, a, b)
	require.False(t, ok, "paired for %v", got)
}

func TestContactsWithTheSameEmail(t *testing.T) {
	f := newFixture(t)
	a := f.person(t, "Ann", "Lee", "Ann.Lee@Example.com")
	b := f.person(t, "Bob", "Ray", "ann.lee@EXAMPLE.COM")
	c := f.person(t, "Ann", "Lee", "ann.lee2@example.com")
	all := f.found(t, schema.Contacts)
	requirePair(t, all, a, b, "Same email")
	requireNoPair(t, all, b, c)
	// The same name and the same work domain: a pair as well.
	requirePair(t, all, a, c, "Same name", "Same email domain")
	require.Len(t, all, 2)
}

func TestContactsWithTheSameNameNeedSomethingElse(t *testing.T) {
	f := newFixture(t)
	acme, globex := f.company(t, "Acme", "acme.com"), f.company(t, "Globex", "globex.com")
	same1 := f.person(t, "Anna", "Berg", "anna@one.example")
	same2 := f.person(t, "Anna", "Berg", "berg@two.example")
	f.works(t, same1, acme)
	f.works(t, same2, acme)
	other := f.person(t, "Anna", "Berg", "anna.berg@three.example")
	f.works(t, other, globex)
	free1 := f.person(t, "Anna", "Berg", "anna.berg@gmail.com")
	free2 := f.person(t, "Anna", "Berg", "annaberg77@gmail.com")
	bare := f.person(t, "Anna", "Berg")
	short1, short2 := f.person(t, "Al", "Li"), f.person(t, "Al", "Li")
	f.works(t, short1, globex)
	f.works(t, short2, globex)

	all := f.found(t, schema.Contacts)
	requirePair(t, all, same1, same2, "Same name", "Same primary company")
	requirePair(t, all, short1, short2, "Same name", "Same primary company") // short names: only typos need length
	for _, x := range []string{same1, same2, free1, free2, bare} {
		requireNoPair(t, all, x, other)
	}
	requireNoPair(t, all, free1, free2) // gmail.com is not a company
	requireNoPair(t, all, bare, same1)
	require.Len(t, all, 2)
}

func TestTheUsersFreeMailDomainsAreNotACompany(t *testing.T) {
	f := newFixture(t)
	a := f.person(t, "Anna", "Berg", "anna@localisp.example")
	b := f.person(t, "Anna", "Berg", "berg77@localisp.example")
	requirePair(t, f.found(t, schema.Contacts), a, b, "Same name", "Same email domain")

	_, err := f.doms.SaveLists(ann, domains.Lists{FreeMailAdded: []string{"localisp.example"}})
	require.NoError(t, err)
	require.Empty(t, f.found(t, schema.Contacts), "a mailbox provider's domain says nothing about who they are")
}

func TestContactNamesDifferingByAccentsCaseOrPunctuation(t *testing.T) {
	f := newFixture(t)
	a := f.person(t, "Zoë", "Müller", "zoe@acme.example")
	b := f.person(t, "zoe", "MULLER", "z.muller@acme.example")
	c := f.person(t, "Zoe", "Muller", "zoe@elsewhere.example") // nothing else in common
	d := f.person(t, "Seán", "O'Brien", "", "+1 617 555 0100")
	e := f.person(t, "Sean", "OBrien", "", "(617) 555-0100 ext 12")
	g := f.person(t, "Jean-Luc", "Picard", "jl@starfleet.example")
	h := f.person(t, "Jean Luc", "Picard", "picard@starfleet.example")
	all := f.found(t, schema.Contacts)
	requirePair(t, all, a, b, "Names differ only by accents, case or punctuation", "Same email domain")
	requirePair(t, all, d, e, "Names differ only by accents, case or punctuation", "Same phone")
	requirePair(t, all, g, h, "Names differ only by accents, case or punctuation", "Same email domain")
	requireNoPair(t, all, a, c)
	requireNoPair(t, all, b, c)
	require.Len(t, all, 3)
}

func TestContactNamesOneTypoApart(t *testing.T) {
	f := newFixture(t)
	acme, globex, initech := f.company(t, "Acme", ""), f.company(t, "Globex", ""), f.company(t, "Initech", "")
	a := f.person(t, "Jonas", "Hansen", "", "+44 20 7946 0958")
	b := f.person(t, "Jonas", "Hanssen", "", "020 7946 0958") // inserted
	c := f.person(t, "Marta", "Rossi")
	d := f.person(t, "Mrata", "Rossi") // swapped
	f.works(t, c, acme, initech)
	f.works(t, d, globex, initech) // a company in common, not the primary
	e := f.person(t, "Elena", "Costa", "elena@costa.example")
	g := f.person(t, "Elena", "Kosta", "ek@costa.example") // replaced
	// Too short to tell from a typo, a number, two edits, nothing in common.
	h, i := f.person(t, "Al", "Li"), f.person(t, "Al", "Lu")
	f.works(t, h, acme)
	f.works(t, i, acme)
	j, k := f.person(t, "Anna", "Berg 2"), f.person(t, "Anna", "Berg 3")
	f.works(t, j, acme)
	f.works(t, k, acme)
	l := f.person(t, "Jonas", "Hanson", "", "+1 212 555 0199")
	m := f.person(t, "Jonas", "Hansn", "", "+44 20 7946 0958") // two edits from Hanssen; one from Hansen
	all := f.found(t, schema.Contacts)
	requirePair(t, all, a, b, "Names differ by one letter", "Same phone")
	requirePair(t, all, c, d, "Names differ by one letter", "Same company")
	requirePair(t, all, e, g, "Names differ by one letter", "Same email domain")
	requirePair(t, all, a, m, "Names differ by one letter", "Same phone")
	requireNoPair(t, all, h, i)
	requireNoPair(t, all, j, k)
	requireNoPair(t, all, b, m)
	requireNoPair(t, all, a, l) // one letter apart, nothing else in common
	require.Len(t, all, 4)
}

func TestCompanies(t *testing.T) {
	f := newFixture(t)
	a := f.company(t, "Acme", "https://www.acme.com/about")
	b := f.company(t, "Acme Corporation", "acme.com")
	c := f.company(t, "ACME, Inc.", "")
	d := f.company(t, "Globex GmbH", "globex.de")
	e := f.company(t, "Globex Corp.", "globex.com")
	g := f.company(t, "Initech", "")
	h := f.company(t, "Innitech", "")
	i, j := f.company(t, "Umbra", ""), f.company(t, "Umbro", "") // too short for a typo
	k, l := f.company(t, "Hooli 2", ""), f.company(t, "Hooli 3", "")
	m, n := f.company(t, "Vandelay Industries", ""), f.company(t, "Vandelay  Industries", "")
	o := f.company(t, "Blue Sky Ltd", "")
	p := f.company(t, "Bluesky", "")
	all := f.found(t, schema.Companies)
	requirePair(t, all, a, b, "Same domain", "Names differ only by case, accents, punctuation or legal form")
	requirePair(t, all, a, c, "Names differ only by case, accents, punctuation or legal form")
	requirePair(t, all, b, c, "Names differ only by case, accents, punctuation or legal form")
	requirePair(t, all, d, e, "Names differ only by case, accents, punctuation or legal form")
	requirePair(t, all, g, h, "Names differ by one letter")
	requirePair(t, all, m, n, "Same name")
	requirePair(t, all, o, p, "Names differ only by case, accents, punctuation or legal form")
	requireNoPair(t, all, i, j)
	requireNoPair(t, all, k, l)
	require.Len(t, all, 7)
}

func TestOnlyContactsAndCompanies(t *testing.T) {
	f := newFixture(t)
	for _, obj := range []string{schema.Deals, schema.Notes, "nope", ""} {
		_, err := f.dups.Find(context.Background(), obj, nil)
		require.True(t, errs.HasCode(err, errs.CodeInvalid), "%s: %v", obj, err)
		require.Equal(t, "object", errs.As(err).Field)
	}
}

func TestPairsAreSortedByScoreThenNamesAndTheOlderFirst(t *testing.T) {
	f := newFixture(t)
	acme := f.company(t, "Acme", "")
	strong1 := f.person(t, "Zed", "Zimmer", "zed@acme.example", "+1 617 555 0100")
	strong2 := f.person(t, "Zed", "Zimmer", "zed@acme.example", "+1 617 555 0100")
	weak := []string{f.person(t, "Bea", "Brown", "b1@brown.example"), f.person(t, "Bea", "Brown", "b2@brown.example")}
	mid := []string{f.person(t, "Ada", "Adams"), f.person(t, "Ada", "Adams")}
	f.works(t, mid[0], acme)
	f.works(t, mid[1], acme)
	pairs := f.find(t, schema.Contacts)
	require.Len(t, pairs, 3)
	require.Equal(t, strong1, pairs[0].A.ID, "the older record first")
	require.Equal(t, strong2, pairs[0].B.ID)
	require.Equal(t, []string{"Same email", "Same name", "Same phone"}, pairs[0].Reasons)
	require.Equal(t, 100, pairs[0].Score)
	require.Equal(t, "Ada Adams", pairs[1].A.DisplayName)
	require.Equal(t, 50, pairs[1].Score)
	require.Equal(t, weak, []string{pairs[2].A.ID, pairs[2].B.ID})
	require.Equal(t, 40, pairs[2].Score)
	require.Equal(t, "zed@acme.example", pairs[0].A.Props["email"], "whole records, for showing side by side")
}

func TestAtMostMaxPairs(t *testing.T) {
	f := newFixture(t)
	// 11 groups of 32 contacts with one email each: 11 × 496 pairs.
	var rows []map[string]any
	for g := range 11 {
		for i := range 32 {
			rows = append(rows, map[string]any{"firstname": fmt.Sprintf("P%d", i), "email": fmt.Sprintf("shared%d@example.com", g)})
		}
	}
	_, err := f.recs.CreateMany(ann, schema.Contacts, rows)
	require.NoError(t, err)
	pairs := f.find(t, schema.Contacts)
	require.Len(t, pairs, MaxPairs)
}

// 500 records with one key do not make 125,000 pairs: a big
// bucket pairs each record with the next few, which still links them all.
func TestBigBucketsAreNotQuadratic(t *testing.T) {
	f := newFixture(t)
	rows := make([]map[string]any, 500)
	for i := range rows {
		rows[i] = map[string]any{"name": fmt.Sprintf("Shop number %d", i), "domain": "shops.example"}
	}
	_, err := f.recs.CreateMany(ann, schema.Companies, rows)
	require.NoError(t, err)
	start := time.Now()
	pairs := f.find(t, schema.Companies)
	require.Less(t, time.Since(start), 5*time.Second)
	require.Len(t, pairs, 500*window-window*(window+1)/2)
	linked := map[string]bool{pairs[0].A.ID: true}
	for grew := true; grew; {
		grew = false
		for _, p := range pairs {
			if linked[p.A.ID] != linked[p.B.ID] {
				linked[p.A.ID], linked[p.B.ID], grew = true, true, true
			}
		}
	}
	require.Len(t, linked, 500, "every record is reachable through the pairs")
}

func TestDismissedPairsStayDismissedAcrossAReopen(t *testing.T) {
	dir := t.TempDir()
	st, err := store.Open(dir)
	require.NoError(t, err)
	f := open(t, st)
	a := f.person(t, "Ann", "Lee", "ann@example.com")
	b := f.person(t, "Ann", "Lee", "ANN@example.com")
	c := f.person(t, "Ann", "Lee", "ann@EXAMPLE.com")
	require.Len(t, f.find(t, schema.Contacts), 3)

	require.NoError(t, f.dups.Dismiss(ann, b, a))
	all := f.found(t, schema.Contacts)
	requireNoPair(t, all, a, b)
	require.Len(t, all, 2)
	ops := 0
	require.NoError(t, f.log.Each(func(op changelog.Op) error {
		for _, c := range op.Changes {
			if c.Kind == changelog.SettingUpdated && c.Property == DismissedSetting {
				ops++
				require.Equal(t, "Ann", op.Actor.Name)
				require.Contains(t, string(c.After), a)
				require.Contains(t, string(c.After), b)
			}
		}
		return nil
	}))
	require.Equal(t, 1, ops)
	require.NoError(t, f.dups.Dismiss(ann, a, b), "either order, and again: nothing new to log")
	require.NoError(t, st.Close())

	st, err = store.Open(dir)
	require.NoError(t, err)
	defer st.Close()
	f = open(t, st)
	all = f.found(t, schema.Contacts)
	requireNoPair(t, all, a, b)
	requirePair(t, all, a, c, "Same email", "Same name")
	require.NoError(t, f.dups.Undismiss(ann, a, b))
	requirePair(t, f.found(t, schema.Contacts), a, b, "Same email", "Same name")
	ops = 0
	require.NoError(t, f.log.Each(func(op changelog.Op) error {
		for _, c := range op.Changes {
			if c.Property == DismissedSetting {
				ops++
			}
		}
		return nil
	}))
	require.Equal(t, 2, ops, "the dismissal, then the undismissal")
}

func TestDismissRefusesWhatIsNotAPair(t *testing.T) {
	f := newFixture(t)
	a := f.person(t, "Ann", "Lee")
	k := f.company(t, "Acme", "")
	d := f.create(t, schema.Deals, map[string]any{"name": "Deal"})
	d2 := f.create(t, schema.Deals, map[string]any{"name": "Deal"})
	err := f.dups.Dismiss(ann, a, a)
	require.Equal(t, "b", errs.As(err).Field)
	err = f.dups.Dismiss(ann, "nope", a)
	require.Equal(t, "a", errs.As(err).Field)
	err = f.dups.Dismiss(ann, a, "0190a0b2-1c3d-7e4f-8a5b-6c7d8e9f0a1b")
	require.True(t, errs.HasCode(err, errs.CodeNotFound))
	err = f.dups.Dismiss(ann, a, k)
	require.True(t, errs.HasCode(err, errs.CodeInvalid))
	err = f.dups.Dismiss(ann, d, d2)
	require.Equal(t, "object", errs.As(err).Field)
}

func TestMergedAndDeletedRecordsStopAppearing(t *testing.T) {
	f := newFixture(t)
	a := f.person(t, "Ann", "Lee", "ann@example.com")
	b := f.person(t, "Ann", "Lee", "ann@example.com")
	c := f.person(t, "Bob", "Ray", "bob@example.com")
	d := f.person(t, "Bob", "Ray", "bob@example.com")
	require.Len(t, f.find(t, schema.Contacts), 2)
	_, err := f.recs.Merge(ann, a, b, nil)
	require.NoError(t, err)
	_, err = f.recs.Delete(ann, []string{d})
	require.NoError(t, err)
	require.Empty(t, f.find(t, schema.Contacts))
	_, err = f.recs.Restore(ann, []string{d})
	require.NoError(t, err)
	requirePair(t, f.found(t, schema.Contacts), c, d, "Same email", "Same name")
}

func TestCancel(t *testing.T) {
	f := newFixture(t)
	rows := make([]map[string]any, 300)
	for i := range rows {
		rows[i] = map[string]any{"firstname": "Ann", "lastname": "Lee", "email": fmt.Sprintf("a%d@example.com", i%3)}
	}
	_, err := f.recs.CreateMany(ann, schema.Contacts, rows)
	require.NoError(t, err)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = f.dups.Find(ctx, schema.Contacts, nil)
	require.ErrorIs(t, err, context.Canceled)

	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	calls := 0
	_, err = f.dups.Find(ctx, schema.Contacts, func(done, total int) {
		if calls++; done > 0 {
			cancel() // as the user clicks Cancel while it reads
		}
	})
	require.ErrorIs(t, err, context.Canceled)
	require.Equal(t, 2, calls, "stopped at the next chunk")
}

func TestProgressAtLeastEveryPercent(t *testing.T) {
	f := newFixture(t)
	rows := make([]map[string]any, 250)
	for i := range rows {
		rows[i] = map[string]any{"firstname": fmt.Sprint("P", i), "email": fmt.Sprintf("p%d@example.com", i)}
	}
	_, err := f.recs.CreateMany(ann, schema.Contacts, rows)
	require.NoError(t, err)
	var seen [][2]int
	_, err = f.dups.Find(context.Background(), schema.Contacts, func(done, total int) { seen = append(seen, [2]int{done, total}) })
	require.NoError(t, err)
	require.Equal(t, [2]int{0, 250}, seen[0])
	require.Equal(t, [2]int{250, 250}, seen[len(seen)-1])
	for i := 1; i < len(seen); i++ {
		require.LessOrEqual(t, seen[i][0]-seen[i-1][0], 250/100)
		require.Greater(t, seen[i][0], seen[i-1][0])
	}
}

func TestNamesThatAreNotNames(t *testing.T) {
	f := newFixture(t)
	acme := f.company(t, "Acme", "")
	huge := strings.Repeat("Ä", schema.MaxTextLen)
	html := `<img src=x onerror="alert(1)">`
	ids := []string{
		f.person(t, html, "</script>"), f.person(t, html, "</script>"),
		f.person(t, huge, huge[:len(huge)-2]+"B"), f.person(t, huge, huge[:len(huge)-2]+"C"),
		f.person(t, huge, "x"), f.person(t, huge, "x"),
		f.person(t, "'", "…"), f.person(t, "-", "—"), f.person(t, "Ωμέγα", "Παπαδόπουλος"), f.person(t, "ΩΜΕΓΑ", "Παπαδοπουλος"),
		f.person(t, "😀", "😀"), f.person(t, "😀", "😀"),
	}
	for _, id := range ids {
		f.works(t, id, acme)
	}
	all := f.found(t, schema.Contacts)
	requirePair(t, all, ids[0], ids[1], "Same name", "Same primary company")
	requirePair(t, all, ids[4], ids[5], "Same name", "Same primary company")
	requirePair(t, all, ids[8], ids[9], "Names differ only by accents, case or punctuation", "Same primary company")
	requireNoPair(t, all, ids[2], ids[3])   // too long to be a typo
	requireNoPair(t, all, ids[6], ids[7])   // no letters: no name
	requireNoPair(t, all, ids[10], ids[11]) // …nor emoji
	require.Len(t, all, 3)
	_, err := f.recs.Create(ann, schema.Contacts, map[string]any{"firstname": "Ann\xff\xfe"})
	require.True(t, errs.HasCode(err, errs.CodeInvalid), "invalid UTF-8 never reaches the finder")

	// Whatever the store holds, folding never breaks.
	for _, s := range []string{"Ann\xff\xfeLee", "\xc3", huge + "\x80", "", "\u0301\u0301"} {
		k := fold(s)
		require.True(t, strings.ToValidUTF8(k, "") == k, "%q", k)
		_ = companyKey(s)
		_ = typo(k, k+"a", minPersonLetters)
	}
	require.Equal(t, "ann lee", fold("Ann\xffLee"))
}

func TestFolding(t *testing.T) {
	for in, want := range map[string]string{
		"Zoë Müller":        "zoe muller",
		"  SEÁN   O'Brien ": "sean obrien",
		"Jean-Luc Picard":   "jean luc picard",
		"Straße Łódź":       "strasse lodz",
		"G.m.b.H.":          "gmbh",
		"Ærø":               "aero",
	} {
		require.Equal(t, want, fold(in), in)
	}
	for in, want := range map[string]string{
		"ACME, Inc.":            "acme",
		"Acme GmbH & Co. KG":    "acme",
		"Blue Sky Ltd":          "bluesky",
		"Société Générale S.A.": "societegenerale",
		"Ltd":                   "ltd",
	} {
		require.Equal(t, want, companyKey(in), in)
	}
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"hansen", "hanssen", true}, {"rossi", "rosis", true}, {"costa", "kosta", true},
		{"costa", "costa", false}, {"abcd", "acde", false}, {"ab", "ba", true}, {"abc", "cab", false},
		{"a", "", true}, {"zoë", "zoe", true},
	} {
		require.Equal(t, c.want, oneApart(c.a, c.b), "%q %q", c.a, c.b)
		require.Equal(t, c.want, oneApart(c.b, c.a), "%q %q", c.b, c.a)
	}
	require.Equal(t, "175550100", phoneKey("+1 617 555 0100"))
	require.Equal(t, "175550100", phoneKey("(617) 555-0100 ext. 5"))
	require.Equal(t, "", phoneKey("555 01"))
}
