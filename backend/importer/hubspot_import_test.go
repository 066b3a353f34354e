package importer

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fieldbook/backend/changelog"
	"fieldbook/backend/schema"
)

var hubspotFiles = map[string]string{
	schema.Contacts:  "testdata/hubspot/hubspot-crm-exports-all-contacts-2026-12-01.csv",
	schema.Companies: "testdata/hubspot/hubspot-crm-exports-all-companies-2026-12-01.csv",
	schema.Deals:     "testdata/hubspot/hubspot-crm-exports-all-deals-2026-12-01.csv",
	schema.Tickets:   "testdata/hubspot/hubspot-crm-exports-all-tickets-2026-12-01.csv",
}

// readCSV reads a test file as rows of named cells.
func readCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	var out []map[string]string
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

// importHubSpot imports HubSpot's files in the order given, each as
// Inspect suggests (no mapping by hand).
func (f *fixture) importHubSpot(t *testing.T, order ...string) map[string]Counts {
	t.Helper()
	out := map[string]Counts{}
	for _, object := range order {
		path, err := filepath.Abs(hubspotFiles[object])
		require.NoError(t, err)
		file, err := f.imp.Inspect(path, nil)
		require.NoError(t, err)
		require.True(t, file.HubSpot, path)
		require.Equal(t, changelog.SourceMigration, file.Setup.Source)
		require.Equal(t, object, file.Setup.Objects[0].Object)
		done := f.run(t, file.Setup)
		require.Zero(t, done.Counts.Skipped, "%s: %v", object, done.Problems)
		out[object] = done.Counts
	}
	return out
}

// byHubSpotID maps each imported record's HubSpot ID to its ID here.
func (f *fixture) byHubSpotID(t *testing.T, object string) map[string]string {
	t.Helper()
	obj, err := f.sch.Object(object)
	require.NoError(t, err)
	out := map[string]string{}
	for _, row := range readCSV(t, hubspotFiles[object]) {
		ids := f.imp.testExternal(t, "hubspot", obj.Num, row["Record ID"])
		out[row["Record ID"]] = ids
	}
	return out
}

func TestHubSpotFilesImportInAnyOrderWithTheirAssociationsAndPrimaries(t *testing.T) {
	for _, order := range [][]string{
		{schema.Companies, schema.Contacts, schema.Deals, schema.Tickets},
		{schema.Tickets, schema.Deals, schema.Contacts, schema.Companies},
	} {
		t.Run(strings.Join(order, ","), func(t *testing.T) {
			f := newFixture(t)
			f.importHubSpot(t, order...)
			contacts, companies := f.byHubSpotID(t, schema.Contacts), f.byHubSpotID(t, schema.Companies)
			deals := f.byHubSpotID(t, schema.Deals)
			for _, row := range readCSV(t, hubspotFiles[schema.Contacts]) {
				id := contacts[row["Record ID"]]
				require.NotEmpty(t, id)
				got, err := f.recs.Get(id)
				require.NoError(t, err)
				require.Equal(t, row["Email"], got.Props["email"])
				require.Equal(t, changelog.SourceMigration, f.createdSource(t, id))
				var want []string
				for _, c := range split(row["Associated Company IDs"]) {
					name := companies[c]
					if c == row["Associated Company IDs (Primary)"] {
						name += "*"
					}
					want = append(want, name)
				}
				var have []string
				g, err := f.links.Page(id, schema.Companies, 0, 50)
				require.NoError(t, err)
				for _, it := range g.Items {
					name := it.ID
					if it.Primary {
						name += "*"
					}
					have = append(have, name)
				}
				sort.Strings(want)
				sort.Strings(have)
				require.Equal(t, want, have, row["Email"])
			}
			for _, row := range readCSV(t, hubspotFiles[schema.Deals]) {
				g, err := f.links.Page(deals[row["Record ID"]], schema.Contacts, 0, 50)
				require.NoError(t, err)
				require.Equal(t, len(split(row["Associated Contact IDs"])), g.Total)
				got, err := f.recs.Get(deals[row["Record ID"]])
				require.NoError(t, err)
				require.NotEmpty(t, got.Props["stage"])
			}
			n, err := f.recs.Count(schema.Tickets)
			require.NoError(t, err)
			require.Equal(t, 40, n)

			// Importing the files again changes nothing.
			again := f.importHubSpot(t, order...)
			for _, object := range order {
				require.Zero(t, again[object].Created, object)
				require.Zero(t, again[object].Associations, object)
			}
		})
	}
}

func (f *fixture) createdSource(t *testing.T, id string) changelog.Source {
	t.Helper()
	ops, err := f.recs.History(mustID(t, id), 100)
	require.NoError(t, err)
	return ops[len(ops)-1].Source
}
