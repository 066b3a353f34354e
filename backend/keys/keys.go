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
	"encoding/binary"

	"github.com/google/uuid"
)

// Prefixes. Never reuse or renumber a byte: data on users' disks depends on it.
const (
	PrefixMeta    byte = 0x01 // meta/<name> → store-wide facts (schema version, counters)
	PrefixSetting byte = 0x02 // setting/<name> → one user setting's JSON value

	PrefixOp       byte = 0x10 // op/<opID16> → changelog.Op JSON (append-only)
	PrefixRecordOp byte = 0x11 // recop/<recordID16><opID16> → ∅: a record's history

	PrefixObject byte = 0x20 // object/<objectID> → schema.Object JSON

	PrefixRecord       byte = 0x30 // record/<recordID16> → record JSON
	PrefixObjectRecord byte = 0x31 // objrec/<num2><recordID16> → ∅: live records of an object
	PrefixSort         byte = 0x32 // sort/<num2><property>0x00<sortable value><recordID16> → ∅
	PrefixSearch       byte = 0x33 // search/<term>0x00<num2><recordID16> → ∅: typeahead terms
	PrefixBin          byte = 0x34 // bin/<num2><deletedAt8><recordID16> → ∅: recycle bin, oldest first
	PrefixCount        byte = 0x35 // count/<num2> → uint64 live records of an object
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

// Object is the key of an object's schema.
func Object(id string) []byte { return withString(PrefixObject, id) }

// Record is the key of a record.
func Record(id uuid.UUID) []byte { return append([]byte{PrefixRecord}, id[:]...) }

// ObjectRecord lists a live record under its object.
func ObjectRecord(num uint16, id uuid.UUID) []byte { return append(ObjectRecords(num), id[:]...) }

// ObjectRecords is the prefix of an object's live records.
func ObjectRecords(num uint16) []byte {
	return binary.BigEndian.AppendUint16([]byte{PrefixObjectRecord}, num)
}

// SortPrefix is the prefix of one property's sort index within an object.
func SortPrefix(num uint16, property string) []byte {
	k := binary.BigEndian.AppendUint16([]byte{PrefixSort}, num)
	k = append(k, property...)
	return append(k, 0)
}

// Sort is a sort-index entry: value is already encoded to sort bytewise.
func Sort(num uint16, property string, value []byte, id uuid.UUID) []byte {
	k := append(SortPrefix(num, property), value...)
	return append(k, id[:]...)
}

// TrailingID reads the record ID that ends an index key.
func TrailingID(key []byte) uuid.UUID { return uuid.UUID(key[len(key)-16:]) }

// SearchPrefix is the prefix of every search term starting with text.
func SearchPrefix(text string) []byte { return withString(PrefixSearch, text) }

// Search is a search-index entry for one term of one record.
func Search(term string, num uint16, id uuid.UUID) []byte {
	k := withString(PrefixSearch, term)
	k = append(k, 0)
	k = binary.BigEndian.AppendUint16(k, num)
	return append(k, id[:]...)
}

// SearchObjectNum reads the object number out of a Search key.
func SearchObjectNum(key []byte) uint16 { return binary.BigEndian.Uint16(key[len(key)-18:]) }

// Bin lists a deleted record in its object's recycle bin.
func Bin(num uint16, deletedAtMillis int64, id uuid.UUID) []byte {
	k := append(BinPrefix(num), make([]byte, 8)...)
	binary.BigEndian.PutUint64(k[3:], uint64(deletedAtMillis))
	return append(k, id[:]...)
}

// BinPrefix is the prefix of one object's recycle bin.
func BinPrefix(num uint16) []byte { return binary.BigEndian.AppendUint16([]byte{PrefixBin}, num) }

// BinDeletedAt reads the deletion time (Unix milliseconds) out of a Bin key.
func BinDeletedAt(key []byte) int64 { return int64(binary.BigEndian.Uint64(key[3:11])) }

// Count is the key of an object's live record count.
func Count(num uint16) []byte { return binary.BigEndian.AppendUint16([]byte{PrefixCount}, num) }

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
