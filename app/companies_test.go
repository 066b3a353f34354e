package app

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fieldbook/backend/associations"
	"fieldbook/backend/autodomain"
	"fieldbook/backend/changelog"
	"fieldbook/backend/domains"
	"fieldbook/backend/importer"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
	"fieldbook/backend/settings"
	"fieldbook/backend/store"
)

// companiesWorld is the bound services companies by domain touches, over
// one in-memory store.
type companiesWorld struct {
	recs  *Records
	comps *Companies
	imps  *Imports
	links *associations.Service
	win   *fakeWindow
}

func newCompaniesWorld(t *testing.T) companiesWorld {
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
	doms, err := domains.New(lg)
	require.NoError(t, err)
	life := NewLifecycle(st, nil, prefs)
	win := &fakeWindow{}
	life.win = win
	t.Cleanup(func() { life.Shutdown(t.Context()) })
	w := companiesWorld{recs: NewRecords(life, recs, links, lg), comps: NewCompanies(life), imps: NewImports(life, sch), links: links, win: win}
	imports, err := importer.New(lg, sch, recs, links, t.TempDir())
	require.NoError(t, err)
	for _, fn := range life.attach {
		fn(Services{Records: recs, Links: links, Importer: imports, Domains: doms, AutoDomain: autodomain.New(lg, sch, recs, links, doms)})
	}
	return w
}

func (w companiesWorld) companiesOf(t *testing.T, contact string) int {
	t.Helper()
	g, err := w.links.Page(contact, schema.Companies, 0, 10)
	require.NoError(t, err)
	return g.Total
}

func TestAContactCreatedWhileTheAutomationIsOnGetsItsCompany(t *testing.T) {
	w := newCompaniesWorld(t)
	_, err := w.recs.Create(schema.Companies, map[string]any{"name": "Acme", "domain": "acme.com"})
	require.NoError(t, err)
	off, err := w.recs.Create(schema.Contacts, map[string]any{"email": "off@acme.com"})
	require.NoError(t, err)
	require.Zero(t, w.companiesOf(t, off.ID))

	_, err = w.comps.SaveAutomation(autodomain.Setting{Enabled: true})
	require.NoError(t, err)
	on, err := w.recs.Create(schema.Contacts, map[string]any{"email": "on@acme.com"})
	require.NoError(t, err)
	require.Equal(t, 1, w.companiesOf(t, on.ID))
	require.Zero(t, w.companiesOf(t, off.ID), "turning it on changes no existing contact")

	_, err = w.recs.Update(off.ID, map[string]any{"email": "new@acme.com"})
	require.NoError(t, err)
	require.Equal(t, 1, w.companiesOf(t, off.ID), "a new email is matched")
}

func TestApplyToExistingRunsInTheBackgroundWithProgress(t *testing.T) {
	w := newCompaniesWorld(t)
	var contacts []string
	for _, email := range []string{"a@globex.com", "b@globex.com", "c@gmail.com"} {
		c, err := w.recs.Create(schema.Contacts, map[string]any{"email": email})
		require.NoError(t, err)
		contacts = append(contacts, c.ID)
	}
	run, err := w.comps.ApplyToExisting()
	require.NoError(t, err)
	require.True(t, run.Running)
	w.comps.mu.Lock()
	done := w.comps.done
	w.comps.mu.Unlock()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the run did not end")
	}
	st, err := w.comps.ApplyStatus()
	require.NoError(t, err)
	require.Equal(t, 1, st.Result.CompaniesCreated)
	require.Equal(t, 2, st.Result.AssociatedNew)
	require.Equal(t, 1, st.Result.FreeMail)
	require.Equal(t, 1, w.companiesOf(t, contacts[0]))
	require.Zero(t, w.companiesOf(t, contacts[2]))
	require.NotEmpty(t, w.win.events)
	last := w.win.events[len(w.win.events)-1]
	require.Equal(t, EventAutoDomain, last.name)
	require.False(t, last.data[0].(AutoDomainRun).Running)
}

func TestContactsAnImportBringsGetTheirCompanyWhenTheAutomationIsOn(t *testing.T) {
	w := newCompaniesWorld(t)
	_, err := w.recs.Create(schema.Companies, map[string]any{"name": "Acme", "domain": "acme.com"})
	require.NoError(t, err)
	_, err = w.comps.SaveAutomation(autodomain.Setting{Enabled: true})
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "people.csv")
	require.NoError(t, os.WriteFile(path, []byte("First name,Email\nZed,zed@acme.com\nYan,yan@newco.io\n"), 0o600))
	file, err := w.imps.Inspect(path, []string{schema.Contacts})
	require.NoError(t, err)
	job, err := w.imps.Start(file.Setup)
	require.NoError(t, err)
	_, err = w.imps.svc.Wait(job.ID)
	require.NoError(t, err)
	w.imps.matching.Wait()

	page, err := w.recs.List(records.ListQuery{Object: schema.Contacts, Limit: 10})
	require.NoError(t, err)
	require.Len(t, page.Records, 2)
	for _, c := range page.Records {
		require.Equal(t, 1, w.companiesOf(t, c.ID), c.DisplayName)
	}
	n, err := w.imps.svc.List()
	require.NoError(t, err)
	require.Len(t, n, 1)
}
