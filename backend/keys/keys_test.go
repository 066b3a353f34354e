package keys

import (
	"bytes"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

var (
	a  = uuid.MustParse("0190a0b2-1c3d-7e4f-8a5b-6c7d8e9f0a1b")
	b  = uuid.MustParse("0190a0b2-1c3d-7e4f-8a5b-6c7d8e9f0a1c")
	op = uuid.MustParse("0190a0b2-ffff-7000-8000-000000000001")
)

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// The layouts are what users' data folders hold: a change here needs an
// upgrade of older folders, so the bytes are pinned.
func TestLayoutsArePinned(t *testing.T) {
	inv := make([]byte, 16)
	for i := range op {
		inv[i] = ^op[i]
	}
	for _, c := range []struct {
		name      string
		got, want []byte
	}{
		{"record", Record(a), cat([]byte{0x30}, a[:])},
		{"merged", Merged(a), cat([]byte{0x36}, a[:])},
		{"op", Op(op), cat([]byte{0x10}, op[:])},
		{"record op", RecordOp(a, op), cat([]byte{0x11}, a[:], op[:])},
		{"pair", Pair(3, 0x102), []byte{0x40, 0, 3, 1, 2}},
		{"assoc", Assoc(a, b), cat([]byte{0x41}, a[:], b[:])},
		{"tombstone", Tombstone(a, b), cat([]byte{0x42}, a[:], b[:])},
		{"history", AssocHistory(a, 0x102, op), cat([]byte{0x43}, a[:], []byte{1, 2}, inv)},
		{"setting", Setting("theme"), []byte("\x02theme")},
		{"activity", Activity(a), cat([]byte{0x37}, a[:])},
		{"activity bin", ActivityBin(5, 1, a), cat([]byte{0x38, 0, 5, 0x80, 0, 0, 0, 0, 0, 0, 1}, a[:])},
		{"timeline", Timeline(a, 1, op), cat([]byte{0x45}, a[:], []byte{0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe}, inv)},
		{"activity for", ActivityFor(a, b), cat([]byte{0x46}, a[:], b[:])},
		{"activity gone", ActivityGone(a, b), cat([]byte{0x47}, a[:], b[:])},
		{"not a duplicate", NotDup(b, a), cat([]byte{0x60}, a[:], b[:])},
		{"suggestion dismissed", SuggestionDismissed(b, a), cat([]byte{0x61}, b[:], a[:])},
	} {
		require.Equal(t, c.want, c.got, c.name)
	}
}

func TestParsersReadWhatBuildersWrite(t *testing.T) {
	rec, o, err := ParseRecordOp(RecordOp(a, op))
	require.NoError(t, err)
	require.Equal(t, [2]uuid.UUID{a, op}, [2]uuid.UUID{rec, o})

	id, err := ParseRecord(Record(b))
	require.NoError(t, err)
	require.Equal(t, b, id)

	lo, hi, err := ParsePair(Pair(7, 9))
	require.NoError(t, err)
	require.Equal(t, [2]uint16{7, 9}, [2]uint16{lo, hi})

	from, to, err := ParseAssoc(Assoc(a, b))
	require.NoError(t, err)
	require.Equal(t, [2]uuid.UUID{a, b}, [2]uuid.UUID{from, to})

	from, to, err = ParseTombstone(Tombstone(b, a))
	require.NoError(t, err)
	require.Equal(t, [2]uuid.UUID{b, a}, [2]uuid.UUID{from, to})

	rec, num, o, err := ParseAssocHistory(AssocHistory(a, 5, op))
	require.NoError(t, err)
	require.Equal(t, a, rec)
	require.Equal(t, uint16(5), num)
	require.Equal(t, op, o)
	require.True(t, bytes.HasPrefix(AssocHistory(a, 5, op), AssocHistoryPrefix(a, 5)))
	require.Equal(t, AssocHistory(a, 5, op), AssocHistoryFrom(AssocHistoryPrefix(a, 5), op))
}

func TestActivityKeysRoundTrip(t *testing.T) {
	rec, at, act, err := ParseTimeline(Timeline(a, -5, b))
	require.NoError(t, err)
	require.Equal(t, []any{a, int64(-5), b}, []any{rec, at, act})
	num, del, id, err := ParseActivityBin(ActivityBin(7, 1234, b))
	require.NoError(t, err)
	require.Equal(t, []any{uint16(7), int64(1234), b}, []any{num, del, id})
	act, rec, err = ParseActivityFor(ActivityFor(a, b))
	require.NoError(t, err)
	require.Equal(t, [2]uuid.UUID{a, b}, [2]uuid.UUID{act, rec})
	id, err = ParseActivity(Activity(b))
	require.NoError(t, err)
	require.Equal(t, b, id)
}

func TestTimelineReadsLatestFirst(t *testing.T) {
	newer := uuid.MustParse("0190a0b3-0000-7000-8000-000000000000")
	for _, c := range []struct{ first, then []byte }{
		{Timeline(a, 2000, op), Timeline(a, 1000, op)},
		{Timeline(a, 5, op), Timeline(a, -5, op)},
		{Timeline(a, 1000, newer), Timeline(a, 1000, op)},
	} {
		require.Negative(t, bytes.Compare(c.first, c.then))
	}
	require.Negative(t, bytes.Compare(ActivityBin(1, -1, a), ActivityBin(1, 1, a)), "bins list the oldest deletion first")
}

func TestNewerOperationsSortFirstInHistory(t *testing.T) {
	newer := uuid.MustParse("0190a0b3-0000-7000-8000-000000000000")
	require.Negative(t, bytes.Compare(AssocHistory(a, 1, newer), AssocHistory(a, 1, op)),
		"a forward scan reads the newest operation first")
}

func TestParsersRefuseOtherKeys(t *testing.T) {
	_, _, err := ParseAssoc(Tombstone(a, b))
	require.ErrorContains(t, err, "malformed")
	_, _, err = ParseAssoc(Assoc(a, b)[:20])
	require.Error(t, err)
	_, err = ParseRecord(Merged(a))
	require.Error(t, err)
	_, _, _, err = ParseAssocHistory(AssocHistoryPrefix(a, 1))
	require.Error(t, err)
	_, _, err = ParsePair(nil)
	require.Error(t, err)
	_, _, err = ParseRecordOp(Record(a))
	require.Error(t, err)
}

func TestPrefixEnd(t *testing.T) {
	require.Equal(t, []byte{0x11, 0x02}, PrefixEnd([]byte{0x11, 0x01}))
	require.Equal(t, []byte{0x12}, PrefixEnd([]byte{0x11, 0xff}))
	require.Equal(t, []byte{0xff, 0xff}, PrefixEnd([]byte{0xff}))
}
