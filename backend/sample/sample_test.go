package sample

import (
	"testing"

	"github.com/stretchr/testify/require"

	"fieldbook/backend/changelog"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
	"fieldbook/backend/store"
)

func TestLoadMakesTheAskedSizesDeterministically(t *testing.T) {
	load := func() (*records.Service, Sizes) {
		st, err := store.OpenInMemory()
		require.NoError(t, err)
		t.Cleanup(func() { st.Close() })
		lg := changelog.New(st)
		sch, err := schema.New(lg)
		require.NoError(t, err)
		recs, err := records.New(lg, sch)
		require.NoError(t, err)
		made, err := Load(changelog.Meta{Source: changelog.SourceJob}, recs, Small, 7)
		require.NoError(t, err)
		return recs, made
	}
	recs, made := load()
	require.Equal(t, Small, made)
	for obj, want := range map[string]int{schema.Contacts: 300, schema.Companies: 200, schema.Deals: 250, schema.Tickets: 200} {
		n, err := recs.Count(obj)
		require.NoError(t, err)
		require.Equal(t, want, n, obj)
	}
	problems, err := recs.Check()
	require.NoError(t, err)
	require.Empty(t, problems)

	other, _ := load()
	a, err := recs.List(records.ListQuery{Object: schema.Contacts, Sort: records.SortName, Limit: 5})
	require.NoError(t, err)
	b, err := other.List(records.ListQuery{Object: schema.Contacts, Sort: records.SortName, Limit: 5})
	require.NoError(t, err)
	for i := range a.Records {
		require.Equal(t, a.Records[i].Props, b.Records[i].Props, "the same seed gives the same data")
	}
}

func TestCompanyNamesAndDomainsAreUnique(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 20_000; i++ {
		d := Domain(i)
		require.False(t, seen[d], "domain %s repeats at %d", d, i)
		seen[d] = true
	}
}

func TestAssociateLinksTheSampleAsASmallBusinessWould(t *testing.T) {
	w := newServices(t)
	recs, links := w.recs, w.links
	meta := changelog.Meta{Source: changelog.SourceJob}
	_, err := Load(meta, recs, Small, 7)
	require.NoError(t, err)
	n, err := Associate(meta, recs, links, 7)
	require.NoError(t, err)
	// 300 contacts × 1.7 companies, 250 deals × (3 contacts + 1 company), 200 tickets × 1.5 contacts.
	require.InDelta(t, 300*1.7+250*4+200*1.5, n, 150)
	problems, err := links.Check()
	require.NoError(t, err)
	require.Empty(t, problems)

	contacts, err := recs.List(records.ListQuery{Object: schema.Contacts, Limit: 50})
	require.NoError(t, err)
	labelled := 0
	for _, c := range contacts.Records {
		sum, err := links.Summary(c.ID, 10)
		require.NoError(t, err)
		require.NotEmpty(t, sum, "every contact has a company")
		primaries := 0
		for _, g := range sum {
			for _, a := range g.Items {
				if a.Primary {
					primaries++
				}
				for _, l := range a.Labels {
					if !l.BuiltIn {
						labelled++
					}
				}
			}
		}
		require.Equal(t, 1, primaries)
	}
	require.NotZero(t, labelled, "some associations carry labels")

	// Loading again reuses the labels.
	_, err = Associate(meta, recs, links, 8)
	require.NoError(t, err)
	opts, err := links.Options(schema.Deals, schema.Contacts)
	require.NoError(t, err)
	require.Len(t, opts, 1)
}
