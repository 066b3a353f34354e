package store

import (
	"encoding/binary"
	"errors"
	"path/filepath"
	"sync"
	"testing"

	"github.com/dgraph-io/badger/v4"
	"github.com/stretchr/testify/require"

	"fieldbook/backend/errs"
	"fieldbook/backend/keys"
)

func put(t *testing.T, s *Store, k, v string) {
	t.Helper()
	require.NoError(t, s.Update(func(txn *badger.Txn) error { return txn.Set([]byte(k), []byte(v)) }))
}

func get(t *testing.T, s *Store, k string) (string, bool) {
	t.Helper()
	var out string
	found := true
	err := s.View(func(txn *badger.Txn) error {
		item, err := txn.Get([]byte(k))
		if errors.Is(err, badger.ErrKeyNotFound) {
			found = false
			return nil
		}
		if err != nil {
			return err
		}
		v, err := item.ValueCopy(nil)
		out = string(v)
		return err
	})
	require.NoError(t, err)
	return out, found
}

func TestDataSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	require.NoError(t, err)
	put(t, s, "greeting", "hello")
	require.NoError(t, s.Close())

	s, err = Open(dir)
	require.NoError(t, err)
	defer s.Close()
	v, ok := get(t, s, "greeting")
	require.True(t, ok)
	require.Equal(t, "hello", v)
	// Writes after reopening come after those before it.
	put(t, s, "greeting", "hello again")
	v, _ = get(t, s, "greeting")
	require.Equal(t, "hello again", v)
}

func TestSecondOpenOfSameFolderSaysItIsLocked(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	require.NoError(t, err)
	defer s.Close()

	_, err = Open(dir)
	require.Error(t, err)
	require.True(t, errs.HasCode(err, errs.CodeStoreLocked), "got %v", err)
	require.Contains(t, errs.As(err).Message, "already open")
	require.Contains(t, errs.As(err).Message, dir)
}

func TestNewerSchemaIsRefused(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	require.NoError(t, err)
	require.NoError(t, s.Update(func(txn *badger.Txn) error {
		return txn.Set(keys.Meta("schema_version"), binary.BigEndian.AppendUint32(nil, SchemaVersion+1))
	}))
	require.NoError(t, s.Close())

	_, err = Open(dir)
	require.Error(t, err)
	require.True(t, errs.HasCode(err, errs.CodeUnavailable))
	require.Contains(t, errs.As(err).Message, "newer version of Fieldbook")
}

func TestConcurrentUpdatesLoseNothing(t *testing.T) {
	s, err := OpenInMemory()
	require.NoError(t, err)
	defer s.Close()

	// Every goroutine reads and increments the same counter: writes take
	// turns, so none fails and none is lost.
	const workers, each = 8, 50
	var wg sync.WaitGroup
	errc := make(chan error, workers*each)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				errc <- s.Update(func(txn *badger.Txn) error {
					var n uint64
					item, err := txn.Get([]byte("counter"))
					if err == nil {
						_ = item.Value(func(v []byte) error { n = binary.BigEndian.Uint64(v); return nil })
					} else if !errors.Is(err, badger.ErrKeyNotFound) {
						return err
					}
					return txn.Set([]byte("counter"), binary.BigEndian.AppendUint64(nil, n+1))
				})
			}
		}()
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		require.NoError(t, err)
	}
	v, _ := get(t, s, "counter")
	require.Equal(t, uint64(workers*each), binary.BigEndian.Uint64([]byte(v)))
}

func TestReadersSeeASnapshot(t *testing.T) {
	s, err := OpenInMemory()
	require.NoError(t, err)
	defer s.Close()
	put(t, s, "a", "1")
	err = s.View(func(txn *badger.Txn) error {
		put(t, s, "a", "2") // a write finishing while the reader reads
		put(t, s, "b", "2")
		item, err := txn.Get([]byte("a"))
		require.NoError(t, err)
		v, _ := item.ValueCopy(nil)
		require.Equal(t, "1", string(v), "a reader keeps the state it started with")
		_, err = txn.Get([]byte("b"))
		require.ErrorIs(t, err, badger.ErrKeyNotFound)
		return nil
	})
	require.NoError(t, err)
	v, _ := get(t, s, "a")
	require.Equal(t, "2", v, "a reader that starts after a write sees it")
}

func TestFailedUpdateWritesNothing(t *testing.T) {
	s, err := OpenInMemory()
	require.NoError(t, err)
	defer s.Close()
	boom := errors.New("boom")
	err = s.Update(func(txn *badger.Txn) error {
		if err := txn.Set([]byte("a"), []byte("1")); err != nil {
			return err
		}
		return boom
	})
	require.ErrorIs(t, err, boom)
	_, ok := get(t, s, "a")
	require.False(t, ok, "a failed transaction must leave nothing behind")
}

func TestCloseTwiceIsSafe(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "nested", "folder"))
	require.NoError(t, err)
	require.NoError(t, s.Close())
	require.NoError(t, s.Close())
}

func TestDefaultDir(t *testing.T) {
	env := map[string]string{"XDG_DATA_HOME": "/data", "HOME": "/home/ann"}
	getenv := func(k string) string { return env[k] }
	dir, err := DefaultDir(getenv)
	require.NoError(t, err)
	if dir != filepath.Join("/data", AppFolder) {
		// Not Linux: the OS config folder is used instead; it must still end in our folder.
		require.Equal(t, AppFolder, filepath.Base(dir))
		return
	}
	env["XDG_DATA_HOME"] = "relative/ignored"
	dir, err = DefaultDir(getenv)
	require.NoError(t, err)
	require.Equal(t, filepath.Join("/home/ann", ".local", "share", AppFolder), dir)

	delete(env, "HOME")
	delete(env, "XDG_DATA_HOME")
	_, err = DefaultDir(getenv)
	require.Error(t, err)
}

func TestSubmittedWritesLandInOrderAndUpdatesWaitForThem(t *testing.T) {
	s, err := Open(t.TempDir())
	require.NoError(t, err)
	defer s.Close()
	var waits []func() error
	for i := range 50 {
		wait, err := s.Submit(func(txn *badger.Txn) error {
			return txn.Set([]byte("k"), binary.BigEndian.AppendUint32(nil, uint32(i)))
		})
		require.NoError(t, err)
		waits = append(waits, wait)
	}
	// An Update waits for the commit in flight: it reads the last value.
	var seen uint32
	require.NoError(t, s.Update(func(txn *badger.Txn) error {
		item, err := txn.Get([]byte("k"))
		if err != nil {
			return err
		}
		return item.Value(func(v []byte) error { seen = binary.BigEndian.Uint32(v); return nil })
	}))
	require.Equal(t, uint32(49), seen)
	for _, wait := range waits {
		require.NoError(t, wait())
	}

	// A refused transaction writes nothing and leaves the one in flight alone.
	wait, err := s.Submit(func(txn *badger.Txn) error { return txn.Set([]byte("a"), []byte("1")) })
	require.NoError(t, err)
	_, err = s.Submit(func(txn *badger.Txn) error {
		if err := txn.Set([]byte("b"), []byte("1")); err != nil {
			return err
		}
		return errors.New("refused")
	})
	require.EqualError(t, err, "refused")
	require.NoError(t, wait())
	_, ok := get(t, s, "a")
	require.True(t, ok)
	_, ok = get(t, s, "b")
	require.False(t, ok)
}
