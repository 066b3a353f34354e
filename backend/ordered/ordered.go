// Package ordered is the in-memory sorted set behind the record indexes
// (sort orders and typeahead terms): entries of a text, an object number and
// a record ID, kept in a B+tree whose nodes search a dense array of each
// entry's first eight text bytes before they compare whole entries.
//
// It replaced a general-purpose B-tree that compared entries through a
// function value and copied them on every comparison; loading the sample
// data spent a quarter of its CPU there (docs/benchmarks.md).
package ordered

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"strings"

	"github.com/google/uuid"
)

// Text is an index entry's string: its first 16 bytes as two big-endian
// numbers (zero-padded) and only the bytes past 16 as a string. Most values
// (names, dates, numbers) fit in the head, so most entries compare without
// following a pointer. Zero padding is unambiguous because indexed values
// have no NUL bytes (control characters are refused) and numbers, dates and
// yes/no values encode at a fixed length.
type Text struct {
	hi, lo uint64
	rest   string
}

// TextOf makes the Text of s.
func TextOf(s string) Text {
	var b [16]byte
	copy(b[:], s)
	t := Text{hi: binary.BigEndian.Uint64(b[:8]), lo: binary.BigEndian.Uint64(b[8:])}
	if len(s) > 16 {
		t.rest = s[16:]
	}
	return t
}

// AppendTo appends the text's bytes to b (the padding of a short head is
// dropped).
func (t Text) AppendTo(b []byte) []byte {
	b = binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint64(b, t.hi), t.lo)
	if t.rest == "" {
		return bytes.TrimRight(b, "\x00")
	}
	return append(b, t.rest...)
}

// Compare orders texts as their bytes.
func (t Text) Compare(u Text) int {
	switch {
	case t.hi != u.hi:
		return compareUint(t.hi, u.hi)
	case t.lo != u.lo:
		return compareUint(t.lo, u.lo)
	}
	return strings.Compare(t.rest, u.rest)
}

func compareUint(a, b uint64) int {
	if a < b {
		return -1
	}
	return 1
}

// CompareIDs orders record IDs by their bytes without a call per comparison.
func CompareIDs(a, b uuid.UUID) int {
	ah, bh := binary.BigEndian.Uint64(a[:8]), binary.BigEndian.Uint64(b[:8])
	if ah != bh {
		return compareUint(ah, bh)
	}
	al, bl := binary.BigEndian.Uint64(a[8:]), binary.BigEndian.Uint64(b[8:])
	if al != bl {
		return compareUint(al, bl)
	}
	return 0
}

// Entry is one record's place in one order: by Text, then Num (the object,
// for typeahead terms; zero in an object's own orders), then ID.
type Entry struct {
	Text Text
	Num  uint16
	ID   uuid.UUID
}

// Compare orders entries by text, object number and ID.
func (e *Entry) Compare(f *Entry) int {
	if c := e.Text.Compare(f.Text); c != 0 {
		return c
	}
	return compareTies(e.Num, e.ID, f.Num, f.ID)
}

// compareTies orders entries whose texts are equal: by object number, then ID.
func compareTies(num uint16, id uuid.UUID, otherNum uint16, otherID uuid.UUID) int {
	if c := cmp.Compare(num, otherNum); c != 0 {
		return c
	}
	return CompareIDs(id, otherID)
}
