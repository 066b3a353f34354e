// Package store opens Fieldbook's embedded Badger database with options sized
// for a desktop, runs its housekeeping, and gives every other package one
// transactional read path and one write path.
//
// Writes run one at a time, each reading the latest state, so they never
// conflict. That lets the store hand out Badger's timestamps itself
// (Badger's managed mode): a reader reads at the last finished write, and a
// write commits at the next timestamp. Badger's own timestamp keeping costs
// several goroutine hand-offs per transaction, which on two cores is a large
// share of a small write.
package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"log"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"

	"fieldbook/backend/errs"
	"fieldbook/backend/keys"
)

// SchemaVersion is the on-disk layout this build reads and writes.
const SchemaVersion = 1

const (
	gcInterval   = 10 * time.Minute
	syncInterval = time.Second
)

// Store is an open database. It is safe for concurrent use.
type Store struct {
	db        *badger.DB
	dir       string // "" when in memory
	write     sync.Mutex
	next      uint64        // the timestamp the next write commits at; under write
	inflight  *commit       // a Submit's commit Badger is still writing; under write
	done      atomic.Uint64 // the timestamp of the last finished write: readers read at it
	readers   readers
	stop      chan struct{}
	wg        sync.WaitGroup
	closeOnce sync.Once
	closeErr  error
}

// readers counts the read transactions open at each timestamp, so that
// compaction keeps every version one of them may still read.
type readers struct {
	mu     sync.Mutex
	active map[uint64]int
}

// begin registers a reader at the latest finished write and returns its timestamp.
func (r *readers) begin(done *atomic.Uint64) uint64 {
	r.mu.Lock()
	ts := done.Load()
	r.active[ts]++
	r.mu.Unlock()
	return ts
}

func (r *readers) end(ts uint64) {
	r.mu.Lock()
	if r.active[ts]--; r.active[ts] == 0 {
		delete(r.active, ts)
	}
	r.mu.Unlock()
}

// oldest is the timestamp below which no reader reads: that of the oldest
// open reader, or the latest finished write.
func (r *readers) oldest(done *atomic.Uint64) uint64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	ts := done.Load()
	for t := range r.active {
		ts = min(ts, t)
	}
	return ts
}

// Open opens (creating if needed) the database in dir.
func Open(dir string) (*Store, error) {
	opts := desktopOptions(badger.DefaultOptions(dir))
	db, err := badger.OpenManaged(opts)
	if err != nil {
		if isLockHeld(err) {
			return nil, errs.Wrap(err, errs.CodeStoreLocked,
				fmt.Sprintf("Fieldbook is already open with the data folder %s. Switch to that window, or close it and try again.", dir))
		}
		return nil, errs.Wrap(err, errs.CodeUnavailable,
			fmt.Sprintf("Fieldbook could not open its data folder %s: %v", dir, err))
	}
	return start(db, dir)
}

// OpenInMemory opens an empty database that lives only as long as the process;
// tests use it.
func OpenInMemory() (*Store, error) {
	// In memory there is no value log, so every value must fit the LSM tree.
	db, err := badger.OpenManaged(desktopOptions(badger.DefaultOptions("")).WithInMemory(true).WithValueThreshold(1 << 20))
	if err != nil {
		return nil, err
	}
	return start(db, "")
}

// desktopOptions keeps memory and disk use modest: a CRM on a laptop holds
// hundreds of thousands of small records, not terabytes.
func desktopOptions(o badger.Options) badger.Options {
	// Compaction builds each table in memory (on the Go heap): tables of
	// one size at every level keep that small while a big import settles.
	o.TableSizeMultiplier = 1
	return o.
		WithMemTableSize(16 << 20).
		WithNumMemtables(3).
		WithBaseTableSize(2 << 20).
		WithNumLevelZeroTables(4).
		WithNumLevelZeroTablesStall(8).
		WithValueLogFileSize(64 << 20).
		WithValueThreshold(1 << 10).
		WithBlockCacheSize(0).         // tables are uncompressed and mapped: reads use the mapping, a cache only adds bookkeeping
		WithCompression(options.None). // reads skip decompressing blocks; desktop data is small
		WithNumCompactors(2).
		WithNumVersionsToKeep(1).
		WithCompactL0OnClose(true).
		WithDetectConflicts(false). // writes run one at a time
		WithLogger(quietLogger{})
}

func start(db *badger.DB, dir string) (*Store, error) {
	s := &Store{db: db, dir: dir, stop: make(chan struct{}), readers: readers{active: map[uint64]int{}}}
	last := db.MaxVersion() // the last write before this open (stores written before managed mode included)
	s.done.Store(last)
	s.next = last + 1
	if err := s.checkSchema(); err != nil {
		_ = db.Close()
		return nil, err
	}
	if dir != "" {
		s.wg.Add(1)
		go s.housekeeping()
	}
	return s, nil
}

// checkSchema stamps a new store with SchemaVersion and refuses one written by
// a newer Fieldbook rather than misreading it.
func (s *Store) checkSchema() error {
	return s.Update(func(txn *badger.Txn) error {
		item, err := txn.Get(keys.Meta("schema_version"))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return txn.Set(keys.Meta("schema_version"), binary.BigEndian.AppendUint32(nil, SchemaVersion))
		}
		if err != nil {
			return err
		}
		return item.Value(func(v []byte) error {
			if len(v) != 4 {
				return errs.New(errs.CodeUnavailable, "The data folder's version stamp is damaged.")
			}
			if got := binary.BigEndian.Uint32(v); got > SchemaVersion {
				return errs.New(errs.CodeUnavailable, fmt.Sprintf(
					"This data folder was written by a newer version of Fieldbook (format %d; this version reads up to %d). Please update Fieldbook.", got, SchemaVersion))
			}
			return nil
		})
	})
}

// Dir is the folder the database lives in, or "" for an in-memory store.
func (s *Store) Dir() string { return s.dir }

// View runs fn in a read-only transaction that sees every write finished
// before the call.
func (s *Store) View(fn func(txn *badger.Txn) error) error {
	ts := s.readers.begin(&s.done)
	defer s.readers.end(ts)
	txn := s.db.NewTransactionAt(ts, false)
	defer txn.Discard()
	return fn(txn)
}

// Update runs fn in a read-write transaction and commits it, or discards it
// when fn fails. Writes wait for each other, so fn sees the latest state
// and the commit cannot conflict.
func (s *Store) Update(fn func(txn *badger.Txn) error) error {
	s.write.Lock()
	defer s.write.Unlock()
	_ = s.landed() // its writer hears how it ended
	txn := s.db.NewTransactionAt(s.done.Load(), true)
	defer txn.Discard()
	if err := fn(txn); err != nil {
		return err
	}
	ts := s.next
	s.next++ // a failed commit's timestamp is never reused
	if err := txn.CommitAt(ts, nil); err != nil {
		return err
	}
	s.done.Store(ts)
	return nil
}

// commit is a transaction handed to Badger and not yet written.
type commit struct {
	done chan struct{}
	err  error
}

// landed waits for the commit a Submit left in flight and returns how it
// ended; the caller holds s.write.
func (s *Store) landed() error {
	c := s.inflight
	if c == nil {
		return nil
	}
	<-c.done
	s.inflight = nil
	return c.err
}

// Submit is Update for a bulk writer: fn runs while Badger still writes the
// writer's previous transaction, and the commit is handed over without
// waiting; wait returns how it ended. A transaction is submitted only once
// the one before it has landed, and fails with it: their order and their
// all-or-nothing hold. fn reads the store as of the last finished write,
// so it must not read what the transaction in flight wrote. Any Update
// waits for a commit in flight first.
func (s *Store) Submit(fn func(txn *badger.Txn) error) (wait func() error, err error) {
	s.write.Lock()
	defer s.write.Unlock()
	txn := s.db.NewTransactionAt(s.done.Load(), true)
	if err := fn(txn); err != nil {
		txn.Discard()
		return nil, err
	}
	if err := s.landed(); err != nil {
		txn.Discard()
		return nil, err
	}
	ts := s.next
	s.next++
	c := &commit{done: make(chan struct{})}
	s.inflight = c
	_ = txn.CommitAt(ts, func(err error) {
		if err == nil {
			s.done.Store(ts)
		}
		c.err = err
		close(c.done)
	})
	return func() error {
		<-c.done
		return c.err
	}, nil
}

// Settle waits, up to max, until no level of the LSM tree needs compacting:
// after a big import the store keeps compacting for a while, and the
// benchmarks measure the state a user works in, after that.
func (s *Store) Settle(max time.Duration) bool {
	deadline := time.Now().Add(max)
	for time.Now().Before(deadline) {
		busy := false
		for _, l := range s.db.Levels() {
			busy = busy || l.Score >= 1
		}
		if !busy {
			return true
		}
		time.Sleep(100 * time.Millisecond)
	}
	return false
}

// housekeeping flushes writes to disk every second (so a power cut loses at
// most a second, never half a transaction) and reclaims value-log space.
func (s *Store) housekeeping() {
	defer s.wg.Done()
	syncTick := time.NewTicker(syncInterval)
	gcTick := time.NewTicker(gcInterval)
	defer syncTick.Stop()
	defer gcTick.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-syncTick.C:
			if err := s.db.Sync(); err != nil {
				log.Printf("store: sync: %v", err)
			}
			// Compaction may drop versions older than any open reader's.
			s.db.SetDiscardTs(s.readers.oldest(&s.done))
		case <-gcTick.C:
			s.collectGarbage()
		}
	}
}

// collectGarbage rewrites value-log files until none is worth rewriting.
func (s *Store) collectGarbage() {
	for i := 0; i < 10; i++ {
		if err := s.db.RunValueLogGC(0.5); err != nil {
			return // badger.ErrNoRewrite: nothing left to reclaim
		}
	}
}

// Close stops housekeeping and closes the database cleanly. Safe to call twice.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		s.write.Lock()
		_ = s.landed()
		s.write.Unlock()
		close(s.stop)
		s.wg.Wait()
		s.closeErr = s.db.Close()
	})
	return s.closeErr
}

func isLockHeld(err error) bool {
	return strings.Contains(err.Error(), "Cannot acquire directory lock")
}

// quietLogger drops Badger's info chatter and keeps warnings and errors.
type quietLogger struct{}

func (quietLogger) Errorf(f string, a ...any)   { log.Printf("badger: "+f, a...) }
func (quietLogger) Warningf(f string, a ...any) { log.Printf("badger: "+f, a...) }
func (quietLogger) Infof(string, ...any)        {}
func (quietLogger) Debugf(string, ...any)       {}
