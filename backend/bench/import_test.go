package bench

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fieldbook/backend/associations"
	"fieldbook/backend/changelog"
	"fieldbook/backend/exporter"
	"fieldbook/backend/importer"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
	"fieldbook/backend/store"
)

// importRows is the size of the import benchmark's file: one contact and
// its company per row, 20,000 companies in all, as a team's spreadsheet
// of people has them.
const importRows = 100_000

// writeImportFile writes the import benchmark's CSV file (seed 1) and
// returns how many companies its rows name.
func writeImportFile(path string) (int, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	companies := map[int]bool{}
	w := bufio.NewWriter(f)
	rng := rand.New(rand.NewPCG(1, 0))
	first := []string{"Ann", "Bob", "Cyd", "Dee", "Eve", "Fay", "Gus", "Hal", "Ivy", "Jon", "Kim", "Lea", "Max", "Noa", "Oli", "Pia"}
	last := []string{"Lee", "Ray", "Poe", "Fox", "Kerr", "Nash", "Ortiz", "Patel", "Quinn", "Reyes", "Silva", "Tran", "Ueda", "Vogel", "Wong", "Young"}
	fmt.Fprintln(w, "First name,Last name,Email,Phone,Job title,Company name,Company domain,City")
	for i := range importRows {
		c := rng.IntN(20_000)
		companies[c] = true
		fn, ln := first[rng.IntN(len(first))], last[rng.IntN(len(last))]
		fmt.Fprintf(w, "%s,%s,%s.%s.%d@company%d.example,+1 617 555 %04d,Engineer,Company %d Ltd,company%d.example,City %d\n",
			fn, ln, fn, ln, i, c, i%10_000, c, c, c%500)
	}
	if err := w.Flush(); err != nil {
		return 0, err
	}
	return len(companies), f.Close()
}

// BenchmarkImport checks, imports and exports the import file in a fresh
// on-disk store: rows per second of the dry run, of the import, and of an
// export of the contacts with their company column.
func BenchmarkImport(b *testing.B) {
	dir := b.TempDir()
	path := filepath.Join(dir, "people.csv")
	companies, err := writeImportFile(path)
	if err != nil {
		b.Fatal(err)
	}
	st, err := store.Open(filepath.Join(dir, "data"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	lg := changelog.New(st)
	sch, err := schema.New(lg)
	if err != nil {
		b.Fatal(err)
	}
	recs, err := records.New(lg, sch)
	if err != nil {
		b.Fatal(err)
	}
	links, err := associations.New(lg, sch, recs)
	if err != nil {
		b.Fatal(err)
	}
	imp, err := importer.New(lg, sch, recs, links, dir)
	if err != nil {
		b.Fatal(err)
	}
	file, err := imp.Inspect(path, []string{schema.Contacts, schema.Companies})
	if err != nil {
		b.Fatal(err)
	}
	timed := func(start func(changelog.Meta, importer.Setup) (importer.Job, error)) (importer.Job, float64) {
		t0 := time.Now()
		j, err := start(user, file.Setup)
		if err != nil {
			b.Fatal(err)
		}
		done, err := imp.Wait(j.ID)
		if err != nil {
			b.Fatal(err)
		}
		if done.Error != nil || done.Counts.Skipped > 0 {
			b.Fatalf("%v %v", done.Error, done.Problems)
		}
		return done, float64(done.Counts.Rows) / time.Since(t0).Seconds()
	}
	b.ResetTimer()
	_, checkRate := timed(imp.Check)
	done, importRate := timed(imp.Start)
	t0 := time.Now()
	n, err := exporter.New(sch, recs, links).Write(io.Discard, exporter.Request{
		Query:        records.ListQuery{Object: schema.Contacts},
		Columns:      []string{"firstname", "lastname", "email", "phone", "jobtitle"},
		Associations: []associations.Column{{Object: schema.Companies, Primary: true}},
	})
	if err != nil {
		b.Fatal(err)
	}
	exportRate := float64(n) / time.Since(t0).Seconds()
	b.StopTimer()
	if done.Counts.Created != importRows+companies || done.Counts.Associations != importRows {
		b.Fatalf("import made %+v", done.Counts)
	}
	b.ReportMetric(checkRate, "check-rows/s")
	b.ReportMetric(importRate, "import-rows/s")
	b.ReportMetric(exportRate, "export-rows/s")
}
