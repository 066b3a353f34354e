// Package keys is the one place that registers every Badger key prefix and
// says how keys are encoded. Every package that reads or writes the store
// builds its keys here, so prefixes never collide and layouts stay documented.
//
// Layout rules: a key starts with a one-byte prefix; integers are big-endian
// so byte order is numeric order; IDs are 16 raw bytes; secondary indexes are
// keys with empty values, read with key-only prefix scans.
package keys

// Prefixes. Never reuse or renumber a byte: data on users' disks depends on it.
const (
	PrefixMeta    byte = 0x01 // meta/<name> → store-wide facts (schema version)
	PrefixSetting byte = 0x02 // setting/<name> → one user setting's JSON value
)

// Meta is the key of a store-wide fact such as the schema version.
func Meta(name string) []byte { return withString(PrefixMeta, name) }

// Setting is the key of one user setting.
func Setting(name string) []byte { return withString(PrefixSetting, name) }

func withString(prefix byte, s string) []byte {
	k := make([]byte, 0, 1+len(s))
	k = append(k, prefix)
	return append(k, s...)
}
