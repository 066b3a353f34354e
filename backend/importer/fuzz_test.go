package importer

import (
	"testing"

	"github.com/stretchr/testify/require"

	"fieldbook/backend/records"
	"fieldbook/backend/schema"
)

// FuzzImport imports arbitrary bytes under a fixed header naming a contact,
// its company and association columns: the import never panics or fails
// on bad input (bad rows become problems), the store stays consistent, and
// what the counts say was written is what is there: no half rows.
func FuzzImport(f *testing.F) {
	for _, seed := range []string{
		"Ann,ann@acme.com,Acme,acme.com,,\n",
		"\"Bob \"\"B\"\"\",bob@x.com,\"X, Inc\",x.com,Boss,\n",
		"Cyd,not an email,Y,y.com,,0190a0b2-1c3d-7e4f-8a5b-6c7d8e9f0a1b\n\"unclosed,\n",
		"Dee,,,,,\n,,,,,\nEve,eve@z.com,Z,z.com\n",
		"=cmd,'+1,@x,-y.com,;;,;\r\n\x00\xff\xfe,\t,\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fx := newFixture(t)
		path := fx.file(t, "fuzz.csv", "First name,Email,Company name,Company domain,Associated company labels,Associated Company IDs\n"+string(data))
		file, err := fx.imp.Inspect(path, []string{schema.Contacts, schema.Companies})
		if err != nil {
			return // a file Inspect refuses (the header no longer parses) is refused with a message
		}
		j, err := fx.imp.Start(user, file.Setup)
		require.NoError(t, err)
		done, err := fx.imp.Wait(j.ID)
		require.NoError(t, err)
		require.Nil(t, done.Error)
		require.Equal(t, Done, done.State)
		contacts, err := fx.recs.Count(schema.Contacts)
		require.NoError(t, err)
		companies, err := fx.recs.Count(schema.Companies)
		require.NoError(t, err)
		require.Equal(t, done.Counts.Created, contacts+companies)
		links := 0
		page, err := fx.recs.List(records.ListQuery{Object: schema.Contacts, Limit: records.MaxPage})
		require.NoError(t, err)
		for _, c := range page.Records {
			links += len(fx.companiesOf(t, c.ID))
		}
		require.Equal(t, done.Counts.Associations, links)
	})
}
