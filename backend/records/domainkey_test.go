package records

import (
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"fieldbook/backend/schema"
)

// A company's domain is found by its canonical form (domains.Normalize),
// however it was saved: as a web address, in Unicode, or in punycode.
func TestFindByKeyFindsCompaniesByTheirCanonicalDomain(t *testing.T) {
	f := newFixture(t)
	company := func(name, domain string) uuid.UUID {
		t.Helper()
		r, err := f.recs.Create(ann, schema.Companies, map[string]any{"name": name, "domain": domain})
		require.NoError(t, err)
		return mustID(t, r.ID)
	}
	acme := company("Acme", "https://www.Acme.com/about")
	munich := company("München GmbH", "münchen.de")
	berlin := company("Berlin AG", "https://WWW.Bücher-Berlin.DE:8080/x?y#z")
	www := company("WWW", "www.www.example.org")
	info := company("Acme Info", "info.acme.com")

	obj, err := f.schema.Object(schema.Companies)
	require.NoError(t, err)
	keys := []string{"acme.com", "xn--mnchen-3ya.de", "xn--bcher-berlin-dlb.de", "example.org", "info.acme.com", "munchen.de"}
	for i, in := range []string{"HTTPS://acme.com/", "MÜNCHEN.de", "bücher-berlin.de", "www.example.org", "info.acme.com"} {
		require.Equal(t, keys[i], KeyOf(&obj, in), in)
	}
	found, err := f.recs.FindByKey(schema.Companies, keys)
	require.NoError(t, err)
	require.Equal(t, [][]uuid.UUID{{acme}, {munich}, {berlin}, {www}, {info}, nil}, found,
		"no subdomain folding; an IDN is not its accent-folded ASCII look-alike")

	// The duplicate warning agrees.
	dups, err := f.recs.Duplicates(schema.Companies, map[string]any{"domain": "http://xn--mnchen-3ya.de/impressum"})
	require.NoError(t, err)
	require.Len(t, dups, 1)
	require.Equal(t, munich.String(), dups[0].ID)

	// After a change of domain, the old canonical key no longer finds it.
	_, err = f.recs.Update(ann, munich.String(), map[string]any{"domain": "muenchen.de"})
	require.NoError(t, err)
	found, err = f.recs.FindByKey(schema.Companies, []string{"xn--mnchen-3ya.de", "muenchen.de"})
	require.NoError(t, err)
	require.Equal(t, [][]uuid.UUID{nil, {munich}}, found)
}

// A company's additional domains find it too, and only while they are its.
func TestFindByKeyFindsCompaniesByTheirAdditionalDomains(t *testing.T) {
	f := newFixture(t)
	r, err := f.recs.Create(ann, schema.Companies, map[string]any{"name": "Globex", "domain": "globex.com",
		"domains": "globex.co.uk, https://Globex.DE/; münchen-globex.de"})
	require.NoError(t, err)
	require.Equal(t, "globex.co.uk; globex.de; münchen-globex.de", r.Props["domains"])
	id := mustID(t, r.ID)
	obj, err := f.schema.Object(schema.Companies)
	require.NoError(t, err)
	lookup := func(domain string) []uuid.UUID {
		t.Helper()
		found, err := f.recs.FindByKey(schema.Companies, []string{KeyOf(&obj, domain)})
		require.NoError(t, err)
		return found[0]
	}
	for _, d := range []string{"globex.com", "globex.co.uk", "globex.de", "münchen-globex.de"} {
		require.Equal(t, []uuid.UUID{id}, lookup(d), d)
	}
	require.Empty(t, lookup("globex.fr"))

	_, err = f.recs.Update(ann, r.ID, map[string]any{"domains": "globex.fr"})
	require.NoError(t, err)
	require.Empty(t, lookup("globex.de"), "a domain taken off no longer finds it")
	require.Equal(t, []uuid.UUID{id}, lookup("globex.fr"))

	_, err = f.recs.Update(ann, r.ID, map[string]any{"domains": "not a domain!"})
	require.Error(t, err)
}
