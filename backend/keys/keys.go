// Package keys owns every Badger key: it registers each prefix and builds
// and parses every key layout, so no other package slices a key's bytes and
// prefixes never collide.
//
// Layout rules: a key starts with a one-byte prefix; integers are big-endian
// so byte order is numeric order; IDs are 16 raw bytes (UUIDv7, so byte order
// is creation order); object numbers are 2 bytes; secondary indexes are keys
// with empty values, read with key-only prefix scans.
package keys

import (
	"bytes"
	"encoding/binary"
	"fmt"

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
	// Records of objects kept out of the in-memory index (schema.ObjectDef.Indexed:
	// notes, calls, emails, meetings), so that opening a data folder does not read them.
	PrefixActivity    byte = 0x37 // activity/<recordID16> → record, as under PrefixRecord
	PrefixActivityBin byte = 0x38 // activitybin/<objNum2><deletedAtMs8><recordID16> → ∅: such a record in its recycle bin

	PrefixPair      byte = 0x40 // pair/<objNumLo2><objNumHi2> → associations.Pair JSON (labels, limits)
	PrefixAssoc     byte = 0x41 // assoc/<fromID16><toID16> → association as seen from "from" (associations/codec.go)
	PrefixAssocGone byte = 0x42 // assocgone/<recordID16><otherID16> → association removed by a deletion, for restore
	PrefixAssocOp   byte = 0x43 // assocop/<recordID16><otherObjNum2><opID16 inverted> → the operation's events there: a record's association history
	// 0x44 is reserved (a per-association history index that was planned
	// and never written: one association's history is read from
	// PrefixAssocOp). Never use it for something else.

	// An activity's associations (backend/associations/activities.go), kept
	// out of the in-memory graph for the same reason as PrefixActivity.
	PrefixTimeline     byte = 0x45 // timeline/<recordID16><at8 desc><activityID16 desc> → activity's objNum2 + author ID: a record's timeline, newest first
	PrefixActivityFor  byte = 0x46 // activityfor/<activityID16><recordID16> → record's objNum2 + associated-at varint ms: the records an activity is associated with
	PrefixActivityGone byte = 0x47 // activitygone/<recordID16><otherID16> → as ActivityFor: an activity association removed by a deletion, for restore

	// Imports (backend/importer).
	PrefixImport   byte = 0x50 // import/<importID16> → importer's record of one import (its setup, state and counts)
	PrefixImportOp byte = 0x51 // importop/<importID16><opID16> → ∅: an operation the import (or its undo) wrote
	PrefixExternal byte = 0x52 // external/<system>\x00<objNum2><externalID> → recordID16: another system's ID (a HubSpot Record ID, a file's row) of a record
	PrefixWaiting  byte = 0x53 // waiting/<system>\x00<objNum2><externalID>\x00<fromID16> → link JSON: an association an import could not make yet, for when a record with that ID arrives

	// The duplicate finder (backend/duplicates).
	PrefixNotDup byte = 0x60 // notdup/<idLo16><idHi16> → ∅: two records the user said are not duplicates, the smaller ID first

	// Companies by domain (backend/autodomain).
	PrefixSuggestionDismissed byte = 0x61 // suggestiondismissed/<contactID16><companyID16> → ∅: a company suggestion the user dismissed
)

const (
	idLen  = 16
	numLen = 2
)

// Import is the key of an import's record.
func Import(id uuid.UUID) []byte { return withIDs(PrefixImport, id) }

// ImportOp is the key that lists op among an import's operations.
func ImportOp(importID, op uuid.UUID) []byte { return withIDs(PrefixImportOp, importID, op) }

// ImportOpPrefix is the prefix of an import's operations, oldest first
// (operation IDs are UUIDv7).
func ImportOpPrefix(importID uuid.UUID) []byte { return withIDs(PrefixImportOp, importID) }

// ParseImportOp reads an ImportOp key.
func ParseImportOp(k []byte) (importID, op uuid.UUID, err error) {
	if err = check(k, PrefixImportOp, 2*idLen); err != nil {
		return
	}
	return id(k, 1), id(k, 1+idLen), nil
}

// External is the key mapping another system's ID of a record of object
// num to its Fieldbook ID; system names the namespace ("hubspot", a file).
func External(system string, num uint16, externalID string) []byte {
	k := make([]byte, 0, 1+len(system)+1+numLen+len(externalID))
	k = append(k, PrefixExternal)
	k = append(k, system...)
	k = append(k, 0)
	k = binary.BigEndian.AppendUint16(k, num)
	return append(k, externalID...)
}

// WaitingPrefix is the prefix of the associations waiting for the record
// another system calls externalID.
func WaitingPrefix(system string, num uint16, externalID string) []byte {
	k := External(system, num, externalID)
	k[0] = PrefixWaiting
	return append(k, 0)
}

// Waiting is the key of one association waiting for a record, from the
// record from.
func Waiting(system string, num uint16, externalID string, from uuid.UUID) []byte {
	return append(WaitingPrefix(system, num, externalID), from[:]...)
}

// NotDup is the key of two records the user said are not duplicates, the
// same whichever order they are given in.
func NotDup(a, b uuid.UUID) []byte {
	if bytes.Compare(a[:], b[:]) > 0 {
		a, b = b, a
	}
	return withIDs(PrefixNotDup, a, b)
}

// SuggestionDismissed is the key of a company suggestion dismissed on a
// contact.
func SuggestionDismissed(contact, company uuid.UUID) []byte {
	return withIDs(PrefixSuggestionDismissed, contact, company)
}

// ParseNotDup reads a NotDup key: lo sorts before hi.
func ParseNotDup(k []byte) (lo, hi uuid.UUID, err error) {
	if err = check(k, PrefixNotDup, 2*idLen); err != nil {
		return
	}
	return id(k, 1), id(k, 1+idLen), nil
}

// Meta is the key of a store-wide fact such as the schema version.
func Meta(name string) []byte { return withString(PrefixMeta, name) }

// Setting is the key of one user setting.
func Setting(name string) []byte { return withString(PrefixSetting, name) }

// Object is the key of an object's schema.
func Object(id string) []byte { return withString(PrefixObject, id) }

// Op is the key of one operation in the change log.
func Op(id uuid.UUID) []byte { return withIDs(PrefixOp, id) }

// RecordOp indexes an operation under a record it changed.
func RecordOp(record, op uuid.UUID) []byte { return withIDs(PrefixRecordOp, record, op) }

// RecordOpPrefix is the prefix of a record's history entries.
func RecordOpPrefix(record uuid.UUID) []byte { return withIDs(PrefixRecordOp, record) }

// ParseRecordOp reads a RecordOp key.
func ParseRecordOp(k []byte) (record, op uuid.UUID, err error) {
	if err = check(k, PrefixRecordOp, 2*idLen); err != nil {
		return
	}
	return id(k, 1), id(k, 1+idLen), nil
}

// Record is the key of a record.
func Record(id uuid.UUID) []byte { return withIDs(PrefixRecord, id) }

// ParseRecord reads the record ID of a Record key.
func ParseRecord(k []byte) (uuid.UUID, error) {
	if err := check(k, PrefixRecord, idLen); err != nil {
		return uuid.Nil, err
	}
	return id(k, 1), nil
}

// Activity is the key of a record kept out of the in-memory index.
func Activity(id uuid.UUID) []byte { return withIDs(PrefixActivity, id) }

// ParseActivity reads an Activity key.
func ParseActivity(k []byte) (uuid.UUID, error) {
	if err := check(k, PrefixActivity, idLen); err != nil {
		return uuid.UUID{}, err
	}
	return id(k, 1), nil
}

// ActivityBin is the key of an unindexed record in its object's recycle bin.
func ActivityBin(num uint16, deletedAt int64, id uuid.UUID) []byte {
	k := ActivityBinPrefix(num)
	k = binary.BigEndian.AppendUint64(k, uint64(deletedAt)^1<<63)
	return append(k, id[:]...)
}

// ActivityBinPrefix is the prefix of an object's ActivityBin keys, oldest
// deletion first.
func ActivityBinPrefix(num uint16) []byte {
	return binary.BigEndian.AppendUint16([]byte{PrefixActivityBin}, num)
}

// ParseActivityBin reads an ActivityBin key.
func ParseActivityBin(k []byte) (num uint16, deletedAt int64, record uuid.UUID, err error) {
	if err = check(k, PrefixActivityBin, numLen+8+idLen); err != nil {
		return 0, 0, uuid.UUID{}, err
	}
	return binary.BigEndian.Uint16(k[1:]), int64(binary.BigEndian.Uint64(k[1+numLen:]) ^ 1<<63), id(k, 1+numLen+8), nil
}

// Timeline is the key of an activity on a record's timeline; a forward
// scan of TimelinePrefix reads the latest activity date first.
func Timeline(record uuid.UUID, at int64, activity uuid.UUID) []byte {
	k := binary.BigEndian.AppendUint64(TimelinePrefix(record), ^(uint64(at) ^ 1<<63))
	inv := invert(activity)
	return append(k, inv[:]...)
}

// TimelinePrefix is the prefix of a record's timeline.
func TimelinePrefix(record uuid.UUID) []byte { return withIDs(PrefixTimeline, record) }

// ParseTimeline reads a Timeline key.
func ParseTimeline(k []byte) (record uuid.UUID, at int64, activity uuid.UUID, err error) {
	if err = check(k, PrefixTimeline, 2*idLen+8); err != nil {
		return uuid.UUID{}, 0, uuid.UUID{}, err
	}
	return id(k, 1), int64(^binary.BigEndian.Uint64(k[1+idLen:]) ^ 1<<63), invert(id(k, 1+idLen+8)), nil
}

// ActivityFor is the key of a record an activity is associated with.
func ActivityFor(activity, record uuid.UUID) []byte {
	return withIDs(PrefixActivityFor, activity, record)
}

// ActivityForPrefix is the prefix of the records an activity is associated with.
func ActivityForPrefix(activity uuid.UUID) []byte { return withIDs(PrefixActivityFor, activity) }

// ParseActivityFor reads an ActivityFor key.
func ParseActivityFor(k []byte) (activity, record uuid.UUID, err error) {
	if err = check(k, PrefixActivityFor, 2*idLen); err != nil {
		return uuid.UUID{}, uuid.UUID{}, err
	}
	return id(k, 1), id(k, 1+idLen), nil
}

// ActivityGone is the key of an activity association removed by a deletion,
// under one of its ends (a record or the activity).
func ActivityGone(record, other uuid.UUID) []byte { return withIDs(PrefixActivityGone, record, other) }

// ActivityGonePrefix is the prefix of a record's or an activity's ActivityGone keys.
func ActivityGonePrefix(record uuid.UUID) []byte { return withIDs(PrefixActivityGone, record) }

// ParseActivityGone reads an ActivityGone key.
func ParseActivityGone(k []byte) (record, other uuid.UUID, err error) {
	if err = check(k, PrefixActivityGone, 2*idLen); err != nil {
		return uuid.UUID{}, uuid.UUID{}, err
	}
	return id(k, 1), id(k, 1+idLen), nil
}

// Merged is the key of a merged record's forwarding address.
func Merged(gone uuid.UUID) []byte { return withIDs(PrefixMerged, gone) }

// Pair is the key of the definition of two objects' associations; lo is
// the smaller object number.
func Pair(lo, hi uint16) []byte {
	k := make([]byte, 0, 1+2*numLen)
	k = append(k, PrefixPair)
	k = binary.BigEndian.AppendUint16(k, lo)
	return binary.BigEndian.AppendUint16(k, hi)
}

// ParsePair reads a Pair key.
func ParsePair(k []byte) (lo, hi uint16, err error) {
	if err = check(k, PrefixPair, 2*numLen); err != nil {
		return
	}
	return binary.BigEndian.Uint16(k[1:]), binary.BigEndian.Uint16(k[1+numLen:]), nil
}

// Assoc is the key of one direction of an association: from's side.
func Assoc(from, to uuid.UUID) []byte { return withIDs(PrefixAssoc, from, to) }

// ParseAssoc reads an Assoc key.
func ParseAssoc(k []byte) (from, to uuid.UUID, err error) {
	if err = check(k, PrefixAssoc, 2*idLen); err != nil {
		return
	}
	return id(k, 1), id(k, 1+idLen), nil
}

// Tombstone is the key of an association a deletion removed, kept under
// record for a restore.
func Tombstone(record, other uuid.UUID) []byte { return withIDs(PrefixAssocGone, record, other) }

// TombstonePrefix is the prefix of a record's tombstones.
func TombstonePrefix(record uuid.UUID) []byte { return withIDs(PrefixAssocGone, record) }

// ParseTombstone reads a Tombstone key.
func ParseTombstone(k []byte) (record, other uuid.UUID, err error) {
	if err = check(k, PrefixAssocGone, 2*idLen); err != nil {
		return
	}
	return id(k, 1), id(k, 1+idLen), nil
}

// AssocHistory indexes an operation's association events under one record
// and the other records' object. The operation ID is inverted, so a
// forward scan (Badger's fast direction) reads the newest first.
func AssocHistory(record uuid.UUID, otherNum uint16, op uuid.UUID) []byte {
	inv := invert(op)
	return append(AssocHistoryPrefix(record, otherNum), inv[:]...)
}

// AssocHistoryPrefix is the prefix of a record's association history with
// the records of one object.
func AssocHistoryPrefix(record uuid.UUID, otherNum uint16) []byte {
	k := make([]byte, 0, 1+2*idLen+numLen+idLen) // room for the operation
	k = append(k, PrefixAssocOp)
	k = append(k, record[:]...)
	return binary.BigEndian.AppendUint16(k, otherNum)
}

// AssocHistoryFrom is where a scan of the history under prefix starts to
// read operations older than op (op's own key, which the scan skips).
func AssocHistoryFrom(prefix []byte, op uuid.UUID) []byte {
	inv := invert(op)
	k := make([]byte, 0, len(prefix)+idLen)
	return append(append(k, prefix...), inv[:]...)
}

// ParseAssocHistory reads an AssocHistory key.
func ParseAssocHistory(k []byte) (record uuid.UUID, otherNum uint16, op uuid.UUID, err error) {
	if err = check(k, PrefixAssocOp, 2*idLen+numLen); err != nil {
		return
	}
	return id(k, 1), binary.BigEndian.Uint16(k[1+idLen:]), invert(id(k, 1+idLen+numLen)), nil
}

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

func withIDs(prefix byte, ids ...uuid.UUID) []byte {
	k := make([]byte, 0, 1+idLen*len(ids))
	k = append(k, prefix)
	for _, id := range ids {
		k = append(k, id[:]...)
	}
	return k
}

func id(k []byte, at int) uuid.UUID { return uuid.UUID(k[at : at+idLen]) }

func invert(id uuid.UUID) uuid.UUID {
	for i := range id {
		id[i] = ^id[i]
	}
	return id
}

// check refuses a key that is not of prefix's layout, with body bytes
// after the prefix: a store with such a key is corrupt.
func check(k []byte, prefix byte, body int) error {
	if len(k) != 1+body || k[0] != prefix {
		return fmt.Errorf("key %x is malformed (want prefix %#x and %d bytes)", k, prefix, 1+body)
	}
	return nil
}
