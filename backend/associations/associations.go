// Package associations is Fieldbook's core: the two-way links between
// records, their labels, primary companies, limits and history. See
// docs/associations.md for the rules, how they are stored and which file
// holds what.
package associations

import (
	"encoding/json"
	"fmt"
	"slices"
	"sync"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"fieldbook/backend/changelog"
	"fieldbook/backend/keys"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
)

// Service associates records. It implements records.Links, so deleting,
// restoring and merging records changes their associations in the same
// transaction.
type Service struct {
	log     *changelog.Log
	schema  *schema.Service
	records *records.Service

	// mu serialises every write that touches associations, so the graph
	// changes in commit order. Record deletes take it through records.Links.
	mu sync.Mutex

	defsMu sync.RWMutex
	pairs  map[pairKey]*Pair // pairs someone changed; the others are built in

	graphMu sync.RWMutex
	graph   *graph
}

// New loads the pair definitions and the associations, and connects the
// engine to the records service.
func New(log *changelog.Log, sch *schema.Service, recs *records.Service) (*Service, error) {
	s := &Service{log: log, schema: sch, records: recs, pairs: map[pairKey]*Pair{}}
	var err error
	if s.pairs, err = s.loadPairs(); err != nil {
		return nil, err
	}
	if s.graph, err = s.buildGraph(); err != nil {
		return nil, err
	}
	recs.SetLinks(s)
	return s, nil
}

// Lock and Unlock make Service a records.Links.
func (s *Service) Lock()   { s.mu.Lock() }
func (s *Service) Unlock() { s.mu.Unlock() }

func (s *Service) loadPairs() (map[pairKey]*Pair, error) {
	out := map[pairKey]*Pair{}
	err := s.log.Store().View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{keys.PrefixPair}, PrefetchValues: true})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			k := it.Item().Key()
			lo, hi, err := keys.ParsePair(k)
			if err != nil {
				return err
			}
			var p Pair
			if err := it.Item().Value(func(v []byte) error { return json.Unmarshal(v, &p) }); err != nil {
				return fmt.Errorf("association pair %x: %w", k, err)
			}
			out[pairKey{lo, hi}] = &p
		}
		return nil
	})
	return out, err
}

// buildGraph reads every association direction into memory. Key order
// keeps a record's directions side by side: each record's run is sorted
// and stored in the graph's chunks as it ends.
func (s *Service) buildGraph() (*graph, error) {
	g := newGraph()
	var (
		from uuid.UUID
		run  node // from's directions read so far
	)
	store := func() {
		slices.SortStableFunc(run.edges, byGroupThenAge)
		g.set(from, run) // copies: the run's array is read into again
		run.edges = run.edges[:0]
	}
	err := s.log.Store().View(func(txn *badger.Txn) error {
		// Values are small and inline; prefetching would start a goroutine per key.
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{keys.PrefixAssoc}})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			k := it.Item().Key()
			id, other, err := keys.ParseAssoc(k)
			if err != nil {
				return err
			}
			if id != from {
				if len(run.edges) > 0 {
					store()
				}
				from = id
			}
			var (
				own, otherNum uint16
				e             edge
			)
			if err := it.Item().Value(func(v []byte) (err error) { own, otherNum, e, err = decodeEdge(v); return err }); err != nil {
				return fmt.Errorf("association %x: %w", k, err)
			}
			e.other, e.num = other, otherNum
			run.num = own
			run.edges = append(run.edges, e)
		}
		if len(run.edges) > 0 {
			store()
		}
		return nil
	})
	return g, err
}

// node returns a record's committed associations (none: the zero node).
func (s *Service) node(id uuid.UUID) node {
	s.graphMu.RLock()
	n := s.graph.get(id)
	s.graphMu.RUnlock()
	return n
}

// submit is write for Import: the transaction is handed to Badger without
// waiting for it (wait says how it ended) and its changes are shown at
// once, so the next batch builds on them while it is written.
func (s *Service) submit(meta changelog.Meta, fn func(d *draft) error) (wait func() error, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var d *draft
	wait, err = s.log.Submit(meta, func(tx *changelog.Tx) error {
		d = s.newDraft(tx, "")
		if err := fn(d); err != nil {
			return err
		}
		return d.finish()
	})
	if err != nil {
		return nil, err
	}
	d.publish()
	return wait, nil
}

// reload reads the graph from the store again, after a submitted
// transaction failed to land.
func (s *Service) reload() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, err := s.buildGraph()
	if err != nil {
		return err
	}
	s.graphMu.Lock()
	s.graph = g
	s.graphMu.Unlock()
	return nil
}

// write runs fn on a draft inside one logged transaction, checks the rules
// on every record it touched, and swaps the changed records into the graph
// once the transaction has committed.
func (s *Service) write(meta changelog.Meta, fn func(d *draft) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var d *draft
	_, err := s.log.Write(meta, func(tx *changelog.Tx) error {
		d = s.newDraft(tx, "")
		if err := fn(d); err != nil {
			return err
		}
		return d.finish()
	})
	if err != nil {
		return err
	}
	d.publish()
	return nil
}
