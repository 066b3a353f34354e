package changelog

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"fieldbook/backend/keys"
	"fieldbook/backend/store"
)

func TestOpCodecRoundTrip(t *testing.T) {
	op := Op{
		ID: "0190a0b2-0000-7000-8000-000000000001", Time: time.Date(2026, 3, 1, 10, 0, 0, 123456789, time.UTC),
		Actor: Actor{ID: "u1", Name: "Ann Ñ"}, Source: SourceImport, Batch: "b1",
		Changes: []Change{
			{Kind: "record.updated", Object: "contacts", Record: "r1", Property: "email", Before: json.RawMessage(`"a@x.com"`), After: json.RawMessage(`"b@x.com"`)},
			{Kind: "record.deleted", Object: "contacts", Record: "r1"},
		},
	}
	got, err := decodeOp(encodeOp(&op))
	require.NoError(t, err)
	require.Equal(t, op, got)

	b := encodeOp(&op)
	for i := 0; i < len(b); i++ {
		_, err := decodeOp(b[:i])
		require.Error(t, err, "truncated at %d", i)
	}
}

func FuzzDecodeOp(f *testing.F) {
	f.Add(encodeOp(&Op{ID: "x", Changes: []Change{{Kind: "k", After: json.RawMessage(`1`)}}}))
	f.Fuzz(func(t *testing.T, b []byte) {
		op, err := decodeOp(b) // must never panic
		if err != nil {
			return
		}
		again, err := decodeOp(encodeOp(&op))
		require.NoError(t, err)
		require.Equal(t, op, again)
	})
}

func TestWriteLogsOnlyWhatChanged(t *testing.T) {
	st, err := store.OpenInMemory()
	require.NoError(t, err)
	defer st.Close()
	lg := New(st)
	rec := uuid.Must(uuid.NewV7())

	op, err := lg.Write(Meta{Actor: Actor{ID: "u", Name: "Ann"}, Source: SourceUser}, func(tx *Tx) error {
		tx.Record(Change{Kind: "record.created", Record: rec.String()})
		return tx.Set([]byte("x"), []byte("1"))
	})
	require.NoError(t, err)
	_, err = lg.Write(Meta{}, func(tx *Tx) error { return nil }) // nothing changed: no entry
	require.NoError(t, err)
	_, err = lg.Write(Meta{}, func(tx *Tx) error {
		tx.Record(Change{Kind: "record.updated", Record: rec.String()})
		return errFail
	})
	require.ErrorIs(t, err, errFail)

	var all []Op
	require.NoError(t, lg.Each(func(o Op) error { all = append(all, o); return nil }))
	require.Len(t, all, 1, "only the committed change is logged")
	require.Equal(t, op.ID, all[0].ID)
	hist, err := lg.RecordHistory(rec, uuid.Nil, 10)
	require.NoError(t, err)
	require.Len(t, hist, 1)
	require.Equal(t, SourceUser, hist[0].Source)
	require.NoError(t, st.View(func(txn *badger.Txn) error {
		_, err := txn.Get([]byte("x"))
		return err
	}))

	_, err = lg.Write(Meta{}, func(tx *Tx) error {
		tx.Record(Change{Kind: "record.created", Record: "not-a-uuid"})
		return nil
	})
	require.Error(t, err, "a malformed record ID is refused, not logged")
}

func TestRecordHistoryAddsTheCreationTheRecordNames(t *testing.T) {
	st, err := store.OpenInMemory()
	require.NoError(t, err)
	defer st.Close()
	lg := New(st)
	rec := uuid.Must(uuid.NewV7())
	created, err := lg.Write(Meta{Source: SourceImport}, func(tx *Tx) error {
		tx.Record(Change{Kind: "record.created", Record: rec.String(), Unindexed: true})
		return nil
	})
	require.NoError(t, err)
	require.NoError(t, st.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: keys.RecordOpPrefix(rec)})
		defer it.Close()
		it.Rewind()
		require.False(t, it.Valid(), "an unindexed change writes no history key")
		return nil
	}))
	updated, err := lg.Write(Meta{Source: SourceUser}, func(tx *Tx) error {
		tx.Record(Change{Kind: "record.updated", Record: rec.String()})
		return nil
	})
	require.NoError(t, err)
	createdID := uuid.MustParse(created.ID)

	hist, err := lg.RecordHistory(rec, createdID, 10)
	require.NoError(t, err)
	require.Equal(t, []string{updated.ID, created.ID}, []string{hist[0].ID, hist[1].ID}, "newest first, the creation last")
	hist, err = lg.RecordHistory(rec, createdID, 1)
	require.NoError(t, err)
	require.Len(t, hist, 1, "the limit holds")
	hist, err = lg.RecordHistory(rec, uuid.Nil, 10)
	require.NoError(t, err)
	require.Len(t, hist, 1, "without the record's word, only indexed operations")

	// Indexed as well (a record erased keeps its creation indexed): listed once.
	require.NoError(t, st.Update(func(txn *badger.Txn) error { return txn.Set(keys.RecordOp(rec, createdID), nil) }))
	hist, err = lg.RecordHistory(rec, createdID, 10)
	require.NoError(t, err)
	require.Len(t, hist, 2)
}

var errFail = errorString("fail")

type errorString string

func (e errorString) Error() string { return string(e) }
