package exporter

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fieldbook/backend/associations"
	"fieldbook/backend/changelog"
	"fieldbook/backend/importer"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
	"fieldbook/backend/store"
)

var user = changelog.Meta{Actor: changelog.Actor{ID: "u1", Name: "Ann"}, Source: changelog.SourceUser}

type world struct {
	sch   *schema.Service
	recs  *records.Service
	links *associations.Service
	imp   *importer.Service
	exp   *Service
}

func newWorld(t *testing.T) *world {
	t.Helper()
	st, err := store.OpenInMemory()
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	lg := changelog.New(st)
	w := &world{}
	w.sch, err = schema.New(lg)
	require.NoError(t, err)
	w.recs, err = records.New(lg, w.sch)
	require.NoError(t, err)
	w.links, err = associations.New(lg, w.sch, w.recs)
	require.NoError(t, err)
	w.imp, err = importer.New(lg, w.sch, w.recs, w.links, t.TempDir())
	require.NoError(t, err)
	w.exp = New(w.sch, w.recs, w.links)
	t.Cleanup(func() {
		problems, err := w.recs.Check()
		require.NoError(t, err)
		more, err := w.links.Check()
		require.NoError(t, err)
		require.Empty(t, append(problems, more...))
	})
	return w
}

func (w *world) create(t *testing.T, object string, props map[string]any) string {
	t.Helper()
	r, err := w.recs.Create(user, object, props)
	require.NoError(t, err)
	return r.ID
}

func (w *world) export(t *testing.T, dir string, req Request) string {
	t.Helper()
	var buf bytes.Buffer
	_, err := w.exp.Write(&buf, req)
	require.NoError(t, err)
	path := filepath.Join(dir, req.Query.Object+".csv")
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o600))
	return path
}

func (w *world) importFile(t *testing.T, path, object string) importer.Counts {
	t.Helper()
	file, err := w.imp.Inspect(path, []string{object})
	require.NoError(t, err)
	require.False(t, file.HubSpot, "Fieldbook's own export is not taken for HubSpot's")
	j, err := w.imp.Start(user, file.Setup)
	require.NoError(t, err)
	done, err := w.imp.Wait(j.ID)
	require.NoError(t, err)
	require.Equal(t, importer.Done, done.State, "%v", done.Error)
	require.Zero(t, done.Counts.Skipped, "%v", done.Problems)
	return done.Counts
}

// snapshot describes every live record of the objects with its values and
// associations (other record, primary, labels), in a comparable form.
func (w *world) snapshot(t *testing.T, objects ...string) []string {
	t.Helper()
	var out []string
	for _, object := range objects {
		page, err := w.recs.List(records.ListQuery{Object: object, Limit: 200})
		require.NoError(t, err)
		for _, r := range page.Records {
			line := []string{object, r.ID}
			for _, k := range sortedKeys(r.Props) {
				line = append(line, k+"="+text(r.Props[k]))
			}
			for _, other := range objects {
				g, err := w.links.Page(r.ID, other, 0, 200)
				require.NoError(t, err)
				for _, it := range g.Items {
					var labels []string
					for _, l := range it.Labels {
						labels = append(labels, l.Name)
					}
					sort.Strings(labels)
					line = append(line, "→"+it.ID+"["+strings.Join(labels, ",")+"]")
				}
			}
			sort.Strings(line[2:])
			out = append(out, strings.Join(line, " "))
		}
	}
	sort.Strings(out)
	return out
}

func sortedKeys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestExportThenImportIntoAnEmptyFolderReproducesEverything(t *testing.T) {
	src := newWorld(t)
	_, err := src.links.CreateLabel(user, schema.Contacts, schema.Companies, associations.LabelInput{Name: "Billing contact", Kind: associations.Single})
	require.NoError(t, err)
	acme := src.create(t, schema.Companies, map[string]any{"name": "Acme; Sons", "domain": "acme.com", "city": "=HYPERLINK(\"x\")"})
	globex := src.create(t, schema.Companies, map[string]any{"name": "Globex", "domain": "globex.com"})
	ann := src.create(t, schema.Contacts, map[string]any{"firstname": "Ann", "lastname": "O'Neil, Jr.", "email": "ann@acme.com", "phone": "+1 555 0100"})
	bob := src.create(t, schema.Contacts, map[string]any{"firstname": "Bob", "jobtitle": "-5 \"quoted\"", "email": "bob@globex.com"})
	src.create(t, schema.Contacts, map[string]any{"firstname": "Cyd", "email": "cyd@solo.example"})
	deal := src.create(t, schema.Deals, map[string]any{"name": "Big", "amount": 1234.5, "stage": "won", "closedate": "2026-12-01"})
	labels, err := src.links.Options(schema.Contacts, schema.Companies)
	require.NoError(t, err)
	var billing associations.LabelRef
	for _, l := range labels {
		if l.Name == "Billing contact" {
			billing = associations.LabelRef{ID: l.ID}
		}
	}
	_, err = src.links.Associate(user, associations.Edit{Record: ann, Targets: []string{acme, globex}, Primary: globex})
	require.NoError(t, err)
	_, err = src.links.AddLabels(user, associations.Edit{Record: ann, Targets: []string{acme}, Labels: []associations.LabelRef{billing}})
	require.NoError(t, err)
	_, err = src.links.Associate(user, associations.Edit{Record: bob, Targets: []string{globex}})
	require.NoError(t, err)
	_, err = src.links.Associate(user, associations.Edit{Record: deal, Targets: []string{ann, bob}})
	require.NoError(t, err)
	_, err = src.links.Associate(user, associations.Edit{Record: deal, Targets: []string{acme}, Primary: acme})
	require.NoError(t, err)

	dir := t.TempDir()
	objects := []string{schema.Contacts, schema.Companies, schema.Deals}
	paths := map[string]string{}
	for _, o := range objects {
		paths[o] = src.export(t, dir, Request{Query: records.ListQuery{Object: o}, All: true})
	}
	content, err := os.ReadFile(paths[schema.Companies])
	require.NoError(t, err)
	require.True(t, bytes.HasPrefix(content, []byte("\ufeffRecord ID,Name,Domain,Industry,City,")), string(content[:80]))
	require.Contains(t, string(content), `"'=HYPERLINK(""x"")"`, "a formula is escaped")

	// Contacts first: their companies are not there yet and wait for them.
	dst := newWorld(t)
	_, err = dst.links.CreateLabel(user, schema.Contacts, schema.Companies, associations.LabelInput{Name: "Billing contact", Kind: associations.Single})
	require.NoError(t, err)
	for _, o := range objects {
		dst.importFile(t, paths[o], o)
	}
	require.Equal(t, src.snapshot(t, objects...), dst.snapshot(t, objects...))
}

func TestExportWritesTheViewItsColumnsAndOrder(t *testing.T) {
	w := newWorld(t)
	acme := w.create(t, schema.Companies, map[string]any{"name": "Acme", "domain": "acme.com"})
	for _, n := range []string{"Cyd", "Ann", "Bob"} {
		id := w.create(t, schema.Contacts, map[string]any{"firstname": n, "email": strings.ToLower(n) + "@acme.com"})
		if n != "Bob" {
			_, err := w.links.Associate(user, associations.Edit{Record: id, Targets: []string{acme}})
			require.NoError(t, err)
		}
	}
	var buf bytes.Buffer
	n, err := w.exp.Write(&buf, Request{
		Query:        records.ListQuery{Object: schema.Contacts, Sort: "firstname", Filters: []records.Filter{{Property: "firstname", Op: records.OpIsNot, Value: "Cyd"}}},
		Columns:      []string{"firstname", "_name", "email"},
		Associations: []associations.Column{{Object: schema.Companies, Primary: true}},
	})
	require.NoError(t, err)
	require.Equal(t, 2, n)
	lines := strings.Split(strings.TrimPrefix(buf.String(), "\ufeff"), "\r\n")
	require.Equal(t, "Record ID,First name,Email,Associated Company IDs,Associated Company,Associated Company IDs (Primary)", lines[0])
	require.Contains(t, lines[1], ",Ann,ann@acme.com,"+acme+",Acme,"+acme)
	require.Contains(t, lines[2], ",Bob,bob@acme.com,,,")
	require.Equal(t, "", lines[3])
}
