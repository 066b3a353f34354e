// Package codec has the few primitives of Fieldbook's compact binary
// encodings (records, associations and their history, change-log
// operations): length-prefixed strings, varints and fixed 8-byte numbers,
// a reader whose first error sticks, and JSON strings written without
// reflection.
package codec

import (
	"encoding/binary"
	"errors"
)

// ErrCorrupt is returned for a value that does not decode.
var ErrCorrupt = errors.New("stored value is damaged")

// AppendString appends s as a uvarint length and its bytes.
func AppendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// AppendBytes appends p as a uvarint length and its bytes.
func AppendBytes(b []byte, p []byte) []byte {
	return append(binary.AppendUvarint(b, uint64(len(p))), p...)
}

// Reader decodes what the Append functions wrote. After the first problem
// every read returns a zero value and Err reports ErrCorrupt.
type Reader struct {
	b   []byte
	err error
}

// NewReader reads b.
func NewReader(b []byte) *Reader { return &Reader{b: b} }

// Err is ErrCorrupt once a read failed.
func (r *Reader) Err() error { return r.err }

// Done reports whether everything was read without error.
func (r *Reader) Done() bool { return r.err == nil && len(r.b) == 0 }

// Fail marks the value as damaged.
func (r *Reader) Fail() { r.err, r.b = ErrCorrupt, nil }

// Byte reads one byte.
func (r *Reader) Byte() byte {
	if len(r.b) < 1 {
		r.Fail()
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

// Uvarint reads an unsigned varint.
func (r *Reader) Uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.Fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

// Varint reads a signed varint.
func (r *Reader) Varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.Fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

// Fixed reads n raw bytes (a view of the input, not a copy).
func (r *Reader) Fixed(n int) []byte {
	if len(r.b) < n {
		r.Fail()
		return make([]byte, n)
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}

// Uint16 reads 2 big-endian bytes.
func (r *Reader) Uint16() uint16 {
	if len(r.b) < 2 {
		r.Fail()
		return 0
	}
	v := binary.BigEndian.Uint16(r.b)
	r.b = r.b[2:]
	return v
}

// Uint64 reads 8 big-endian bytes.
func (r *Reader) Uint64() uint64 {
	if len(r.b) < 8 {
		r.Fail()
		return 0
	}
	v := binary.BigEndian.Uint64(r.b)
	r.b = r.b[8:]
	return v
}

// Bytes reads a length-prefixed byte slice (a copy).
func (r *Reader) Bytes() []byte {
	n := r.Uvarint()
	if n > uint64(len(r.b)) {
		r.Fail()
		return nil
	}
	out := append([]byte(nil), r.b[:n]...)
	r.b = r.b[n:]
	return out
}

// String reads a length-prefixed string.
func (r *Reader) String() string {
	n := r.Uvarint()
	if n > uint64(len(r.b)) {
		r.Fail()
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

// Known reads a length-prefixed string and returns the element of known
// it equals, or a copy when none does: values drawn from a small set then
// decode without allocating.
func (r *Reader) Known(known ...string) string {
	n := r.Uvarint()
	if n > uint64(len(r.b)) {
		r.Fail()
		return ""
	}
	b := r.b[:n]
	r.b = r.b[n:]
	for _, k := range known {
		if string(b) == k {
			return k
		}
	}
	return string(b)
}

// Remaining is how many bytes are left, to bound counts read from the value.
func (r *Reader) Remaining() int { return len(r.b) }

// AppendJSONString quotes s as a JSON string, as encoding/json does for
// valid UTF-8 (callers validate their text first), without reflection.
func AppendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
