package associations

import (
	"encoding/binary"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"fieldbook/backend/changelog"
	"fieldbook/backend/codec"
)

func TestHistoryEntriesKeepTheirNotes(t *testing.T) {
	en := entry{at: 42, actor: changelog.Actor{ID: "u", Name: "Ann"}, events: []event{
		{seq: 1, other: uuid.New(), source: changelog.SourceAutoDomain, change: Created, note: "Another company shares acme.com; the oldest was chosen."},
		{seq: 2, other: uuid.New(), source: changelog.SourceUser, change: LabelAdded, label: "Billing contact"},
	}}
	var r entryReader
	got, err := r.decode(en.encode())
	require.NoError(t, err)
	require.Equal(t, en, got)
}

// Entries written before notes (version 1) still read, without one.
func TestHistoryEntriesOfVersion1StillRead(t *testing.T) {
	other := uuid.New()
	b := []byte{1}
	b = codec.AppendString(codec.AppendString(binary.AppendVarint(b, 42), "u"), "Ann")
	b = append(b, 1, 7) // one event, seq 7
	b = append(b, other[:]...)
	for _, s := range []string{string(changelog.SourceUser), string(Created), "", ""} {
		b = codec.AppendString(b, s)
	}
	var r entryReader
	got, err := r.decode(b)
	require.NoError(t, err)
	require.Equal(t, []event{{seq: 7, other: other, source: changelog.SourceUser, change: Created}}, got.events)

	_, err = r.decode(append([]byte{9}, b[1:]...))
	require.ErrorIs(t, err, codec.ErrCorrupt, "an unknown version is refused")
}
