package importer

import (
	"testing"

	"github.com/stretchr/testify/require"

	"fieldbook/backend/schema"
)

func TestContactsListsThoseAnImportCreatedOrReEmailed(t *testing.T) {
	f := newFixture(t)
	kept, err := f.recs.Create(user, schema.Contacts, map[string]any{"firstname": "Kept", "email": "kept@acme.com"})
	require.NoError(t, err)
	moved, err := f.recs.Create(user, schema.Contacts, map[string]any{"firstname": "Moved", "email": "moved@acme.com", "jobtitle": "CEO"})
	require.NoError(t, err)
	path := f.file(t, "c.csv", "Record ID,Email,Job title\n"+
		kept.ID+",kept@acme.com,Dev\n"+ // only the job title changes
		moved.ID+",moved@globex.com,\n"+ // a new email
		",new@initech.com,Ops\n")
	job := f.run(t, f.inspect(t, path, schema.Contacts))
	require.Equal(t, 1, job.Counts.Created)

	got, err := f.imp.Contacts(job.Import)
	require.NoError(t, err)
	require.Len(t, got, 2)
	require.Contains(t, got, moved.ID)
	require.NotContains(t, got, kept.ID)

	_, err = f.imp.Contacts("not an id")
	require.Error(t, err)
}
