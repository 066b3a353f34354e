package app

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fieldbook/backend/associations"
	"fieldbook/backend/changelog"
	"fieldbook/backend/errs"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
	"fieldbook/backend/settings"
	"fieldbook/backend/store"
)

func newRecordsService(t *testing.T) (*Records, *Settings) {
	recs, prefs, _ := newServices(t)
	return recs, prefs
}

func newServices(t *testing.T) (*Records, *Settings, *Associations) {
	t.Helper()
	st, err := store.OpenInMemory()
	require.NoError(t, err)
	lg := changelog.New(st)
	prefs := settings.New(lg)
	sch, err := schema.New(lg)
	require.NoError(t, err)
	recs, err := records.New(lg, sch)
	require.NoError(t, err)
	links, err := associations.New(lg, sch, recs)
	require.NoError(t, err)
	life := NewLifecycle(st, nil, prefs)
	t.Cleanup(func() { life.Shutdown(t.Context()) })
	return NewRecords(life, recs, links, lg), NewSettings(life, prefs), NewAssociations(life, links)
}

func TestChangesInTheUIAreTheUsers(t *testing.T) {
	recs, prefs := newRecordsService(t)
	profile, err := prefs.SaveProfile("Ann Andersen")
	require.NoError(t, err)

	r, err := recs.Create("contacts", map[string]any{"firstname": "Grace", "email": "grace@navy.example"})
	require.NoError(t, err)
	require.Equal(t, changelog.Actor{ID: profile.ID, Name: "Ann Andersen"}, r.CreatedBy)
	_, err = recs.Update(r.ID, map[string]any{"email": "grace@army.example"})
	require.NoError(t, err)

	hist, err := recs.History(r.ID)
	require.NoError(t, err)
	require.Len(t, hist, 2)
	require.Equal(t, "User", hist[0].Source)
	require.Equal(t, "Ann Andersen", hist[0].Actor.Name)
	require.Equal(t, []ChangeView{{Kind: "record.updated", Property: "email", Before: "grace@navy.example", After: "grace@army.example"}}, hist[0].Changes)
	require.Equal(t, changelog.RecordCreated, hist[1].Changes[0].Kind)
	require.Equal(t, map[string]any{"firstname": "Grace", "email": "grace@navy.example"}, hist[1].Changes[0].After)

	_, err = recs.History("not-an-id")
	require.Equal(t, "id", errs.As(err).Field)
}

func TestSampleDataIsLoggedAsAJob(t *testing.T) {
	recs, _ := newRecordsService(t)
	sizes, err := recs.LoadSampleData()
	require.NoError(t, err)
	require.Equal(t, 300, sizes.Contacts)
	require.Greater(t, sizes.Associations, 1000)
	page, err := recs.List(records.ListQuery{Object: "contacts", Limit: 1})
	require.NoError(t, err)
	require.Equal(t, 300, page.Total)
	hist, err := recs.History(page.Records[0].ID)
	require.NoError(t, err)
	require.Equal(t, "Job", hist[0].Source)
}

// The window opens while records and associations are indexed: bound
// methods wait for them, then answer with the built services.
func TestBoundMethodsWaitForServicesBuiltInTheBackground(t *testing.T) {
	st, err := store.OpenInMemory()
	require.NoError(t, err)
	lg := changelog.New(st)
	sch, err := schema.New(lg)
	require.NoError(t, err)
	life := NewLifecycle(st, nil, settings.New(lg))
	t.Cleanup(func() { life.Shutdown(t.Context()) })
	recs, links := NewRecords(life, nil, nil, lg), NewAssociations(life, nil)
	release := make(chan struct{})
	life.LoadInBackground(func() (Services, error) {
		<-release
		r, err := records.New(lg, sch)
		if err != nil {
			return Services{}, err
		}
		l, err := associations.New(lg, sch, r)
		return Services{Records: r, Links: l}, err
	})
	answered := make(chan error, 1)
	go func() {
		_, err := recs.Create(schema.Contacts, map[string]any{"firstname": "Ann"})
		answered <- err
	}()
	select {
	case err := <-answered:
		t.Fatalf("answered before the services were built: %v", err)
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	require.NoError(t, <-answered)
	page, err := recs.List(records.ListQuery{Object: schema.Contacts})
	require.NoError(t, err)
	require.Equal(t, 1, page.Total)
	sum, err := links.Summary(page.Records[0].ID, 10)
	require.NoError(t, err)
	require.Empty(t, sum)
}

func TestAFailedBackgroundBuildIsReportedLikeAStoreProblem(t *testing.T) {
	st, err := store.OpenInMemory()
	require.NoError(t, err)
	life := NewLifecycle(st, nil, nil)
	recs := NewRecords(life, nil, nil, changelog.New(st))
	life.LoadInBackground(func() (Services, error) { return Services{}, errors.New("record 42 is damaged") })
	_, err = recs.List(records.ListQuery{Object: schema.Contacts})
	require.True(t, errs.HasCode(err, errs.CodeUnavailable), "got %v", err)
	require.Contains(t, errs.As(err).Message, "record 42 is damaged")
	life.Shutdown(t.Context()) // the store is closed already: nothing to do
}
