package bench

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"fieldbook/backend/changelog"
	"fieldbook/backend/keys"
	"fieldbook/backend/records"
	"fieldbook/backend/sample"
	"fieldbook/backend/schema"
	"fieldbook/backend/store"
)

// BenchmarkLinkFloor measures the most any association import can reach on
// this store: Badger alone writing the two direction keys of as many
// associations as the data set has (no history, no log entry, no checks),
// between the data set's records, 1,000 associations a transaction,
// committed as the import commits (store.Submit). It runs in a store of
// its own holding the data set's records, so the other benchmarks' store
// stays as they expect it.
func BenchmarkLinkFloor(b *testing.B) {
	st, err := store.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	recs, err := records.New(changelog.New(st), mustSchema(b, st))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := sample.Load(changelog.Meta{Source: changelog.SourceImport}, recs, Full, 1); err != nil {
		b.Fatal(err)
	}
	var all []uuid.UUID
	for _, obj := range []string{schema.Contacts, schema.Companies, schema.Deals, schema.Tickets} {
		ids, err := recs.ListIDs(records.ListQuery{Object: obj})
		if err != nil {
			b.Fatal(err)
		}
		all = append(all, ids...)
	}
	st.Settle(2 * time.Minute)
	const links, perTxn = 305_000, 1_000 // the data set's count, Import's batch
	// An unlabelled direction's value is 13 bytes (associations/codec.go).
	value := make([]byte, 13)
	r := rand.New(rand.NewPCG(1, 2))
	b.ResetTimer()
	start := time.Now()
	var wait func() error
	for done := 0; done < links; done += perTxn {
		if wait, err = st.Submit(func(txn *badger.Txn) error {
			for range perTxn {
				from, to := all[r.IntN(len(all))], all[r.IntN(len(all))]
				if err := txn.Set(keys.Assoc(from, to), value); err != nil {
					return err
				}
				if err := txn.Set(keys.Assoc(to, from), value); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			b.Fatal(err)
		}
	}
	if err := wait(); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(links/time.Since(start).Seconds(), "links/s")
}

func mustSchema(b *testing.B, st *store.Store) *schema.Service {
	b.Helper()
	sch, err := schema.New(changelog.New(st))
	if err != nil {
		b.Fatal(err)
	}
	return sch
}
