// Package store opens Fieldbook's embedded Badger database with options sized
// for a desktop, runs its housekeeping, and gives every other package one
// transactional read path and one retrying write path.
package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"log"
	"strings"
	"sync"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"

	"fieldbook/backend/errs"
	"fieldbook/backend/keys"
)

// SchemaVersion is the on-disk layout this build reads and writes.
const SchemaVersion = 1

const (
	maxConflictRetries = 8
	gcInterval         = 10 * time.Minute
	syncInterval       = time.Second
)

// Store is an open database. It is safe for concurrent use.
type Store struct {
	db        *badger.DB
	dir       string // "" when in memory
	stop      chan struct{}
	wg        sync.WaitGroup
	closeOnce sync.Once
	closeErr  error
}

// Open opens (creating if needed) the database in dir.
func Open(dir string) (*Store, error) {
	opts := desktopOptions(badger.DefaultOptions(dir))
	db, err := badger.Open(opts)
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
	db, err := badger.Open(desktopOptions(badger.DefaultOptions("")).WithInMemory(true).WithValueThreshold(1 << 20))
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
		WithBlockCacheSize(32 << 20).
		WithCompression(options.None). // reads skip decompressing blocks; desktop data is small
		WithIndexCacheSize(16 << 20).
		WithNumCompactors(2).
		WithNumVersionsToKeep(1).
		WithCompactL0OnClose(true).
		WithLogger(quietLogger{})
}

func start(db *badger.DB, dir string) (*Store, error) {
	s := &Store{db: db, dir: dir, stop: make(chan struct{})}
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

// View runs fn in a read-only transaction.
func (s *Store) View(fn func(txn *badger.Txn) error) error { return s.db.View(fn) }

// Update runs fn in a read-write transaction and commits it, retrying the
// whole function when a concurrent transaction conflicts. fn must therefore
// be free of side effects outside txn.
func (s *Store) Update(fn func(txn *badger.Txn) error) error {
	for attempt := 0; ; attempt++ {
		err := s.db.Update(fn)
		if !errors.Is(err, badger.ErrConflict) {
			return err
		}
		if attempt == maxConflictRetries {
			return errs.Wrap(err, errs.CodeConflict, "Another change was being saved at the same moment. Please try again.")
		}
		time.Sleep(time.Duration(attempt+1) * time.Millisecond)
	}
}

// housekeeping flushes writes to disk every second (so a power cut loses at
// most a second, never half a transaction) and reclaims value-log space.
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
