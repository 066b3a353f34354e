// Package keys is the one place that registers every Badger key prefix and
// says how keys are encoded. Every package that reads or writes the store
// builds its keys here, so prefixes never collide and layouts stay documented.
//
// Layout rules: a key starts with a one-byte prefix; integers are big-endian
// so byte order is numeric order; IDs are 16 raw bytes (UUIDv7, so byte order
// is creation order); object numbers are 2 bytes; secondary indexes are keys
// with empty values, read with key-only prefix scans.
package keys

import (
	"github.com/google/uuid"
)

// Prefixes. Never reuse or renumber a byte: data on users' disks depends on it.
// Secondary indexes of records live in memory (backend/records/index.go),
// so records need only their own prefix.
const (
	PrefixMeta    byte = 0x01 // meta/<name> → store-wide facts (schema version, counters)
	PrefixSetting byte = 0x02 // setting/<name> → one user setting's JSON value

	PrefixOp       byte = 0x10 // op/<opID16> → changelog.Op (changelog/codec.go), append-only
	PrefixRecordOp byte = 0x11 // recop/<recordID16><opID16> → ∅: a record's history (the record names its creation itself until it is erased)

	PrefixObject byte = 0x20 // object/<objectID> → schema.ObjectDef JSON

	PrefixRecord byte = 0x30 // record/<recordID16> → record (backend/records/codec.go)
	// 0x31–0x35 were index prefixes in development builds; never reuse them.
	PrefixMerged byte = 0x36 // merged/<goneID16> → keptID16: a merged record's ID resolves to the kept one

	PrefixPair      byte = 0x40 // pair/<objNumLo2><objNumHi2> → associations.Pair JSON (labels, limits)
	PrefixAssoc     byte = 0x41 // assoc/<fromID16><toID16> → association as seen from "from" (associations/codec.go)
	PrefixAssocGone byte = 0x42 // assocgone/<recordID16><otherID16> → association removed by a deletion, for restore
	PrefixAssocOp   byte = 0x43 // assocop/<recordID16><otherObjNum2><opID16 inverted> → the operation's events there: a record's association history
	PrefixPairOp    byte = 0x44 // pairop/<lowID16><highID16><opID16> → ∅: one association's history
)

// Meta is the key of a store-wide fact such as the schema version.
func Meta(name string) []byte { return withString(PrefixMeta, name) }

// Setting is the key of one user setting.
func Setting(name string) []byte { return withString(PrefixSetting, name) }

// Op is the key of one operation in the change log.
func Op(id uuid.UUID) []byte { return append([]byte{PrefixOp}, id[:]...) }

// RecordOp indexes an operation under a record it changed.
func RecordOp(record, op uuid.UUID) []byte {
	return append(RecordOpPrefix(record), op[:]...)
}

// RecordOpPrefix is the prefix of a record's history entries.
func RecordOpPrefix(record uuid.UUID) []byte { return append([]byte{PrefixRecordOp}, record[:]...) }

// RecordOpID reads the operation ID out of a RecordOp key.
func RecordOpID(key []byte) uuid.UUID { return uuid.UUID(key[17:33]) }

// Merged is the key of a merged record's forwarding address.
func Merged(gone uuid.UUID) []byte { return append([]byte{PrefixMerged}, gone[:]...) }

// Object is the key of an object's schema.
func Object(id string) []byte { return withString(PrefixObject, id) }

// Record is the key of a record.
func Record(id uuid.UUID) []byte { return append([]byte{PrefixRecord}, id[:]...) }

// TrailingID reads the record ID that ends a key.
func TrailingID(key []byte) uuid.UUID { return uuid.UUID(key[len(key)-16:]) }

// PrefixEnd is the first key after every key that starts with prefix, for
// reverse iteration (Seek there and walk back).
func PrefixEnd(prefix []byte) []byte {
	end := append([]byte{}, prefix...)
	for i := len(end) - 1; i >= 0; i-- {
		if end[i] < 0xff {
			end[i]++
			return end[:i+1]
		}
	}
	return append(end, 0xff) // all 0xff: nothing sorts after it
}

func withString(prefix byte, s string) []byte {
	k := make([]byte, 0, 1+len(s))
	k = append(k, prefix)
	return append(k, s...)
}
