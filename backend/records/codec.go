package records

import (
	"encoding/binary"
	"fmt"
	"math"
	"strconv"

	"fieldbook/backend/changelog"
	"fieldbook/backend/codec"
)

// A record's value is a compact binary encoding, several times faster to
// read than JSON (index pages read a hundred records per page):
//
//	version(1) createdOp(16) object createdAt updatedAt deletedAt createdBy updatedBy props
//
// strings are uvarint length + bytes, times are varint Unix milliseconds, an
// actor is two strings, props are a uvarint count of (name, tag, value) with
// tag 's' string, 'f' float64 (8 bytes), 't'/'n' true/false. createdOp sits
// at a fixed place, so a record encoded before its transaction can be given
// it then (see newRow.write). Version 1 had no createdOp; it still decodes.
const codecVersion = 2

// createdOpAt is where createdOp is in an encoded record.
const createdOpAt = 1

func encodeRecord(r *stored) []byte {
	b := make([]byte, 0, 80+32*len(r.Props))
	b = append(b, codecVersion)
	b = append(b, r.CreatedOp[:]...)
	b = codec.AppendString(b, r.Object)
	b = binary.AppendVarint(b, r.CreatedAt)
	b = binary.AppendVarint(b, r.UpdatedAt)
	b = binary.AppendVarint(b, r.DeletedAt)
	b = codec.AppendString(codec.AppendString(b, r.CreatedBy.ID), r.CreatedBy.Name)
	b = codec.AppendString(codec.AppendString(b, r.UpdatedBy.ID), r.UpdatedBy.Name)
	b = binary.AppendUvarint(b, uint64(len(r.Props)))
	for name, value := range r.Props { // any order: decoding builds a map
		b = codec.AppendString(b, name)
		switch v := value.(type) {
		case string:
			b = codec.AppendString(append(b, 's'), v)
		case float64:
			b = binary.BigEndian.AppendUint64(append(b, 'f'), math.Float64bits(v))
		case bool:
			if v {
				b = append(b, 't')
			} else {
				b = append(b, 'n')
			}
		default:
			panic(fmt.Sprintf("records: cannot store a %T", v)) // normalize only yields the three above
		}
	}
	return b
}

func decodeRecord(b []byte) (*stored, error) {
	d := codec.NewReader(b)
	version := d.Byte()
	if version != 1 && version != codecVersion {
		return nil, codec.ErrCorrupt
	}
	r := &stored{}
	if version >= 2 {
		copy(r.CreatedOp[:], d.Fixed(len(r.CreatedOp)))
	}
	r.Object = d.String()
	r.CreatedAt, r.UpdatedAt, r.DeletedAt = d.Varint(), d.Varint(), d.Varint()
	r.CreatedBy = changelog.Actor{ID: d.String(), Name: d.String()}
	r.UpdatedBy = changelog.Actor{ID: d.String(), Name: d.String()}
	n := d.Uvarint()
	if n > uint64(d.Remaining()) {
		return nil, codec.ErrCorrupt
	}
	r.Props = make(map[string]any, n)
	for i := uint64(0); i < n && d.Err() == nil; i++ {
		name := d.String()
		switch d.Byte() {
		case 's':
			r.Props[name] = d.String()
		case 'f':
			r.Props[name] = math.Float64frombits(d.Uint64())
		case 't':
			r.Props[name] = true
		case 'n':
			r.Props[name] = false
		default:
			d.Fail()
		}
	}
	if !d.Done() {
		return nil, codec.ErrCorrupt
	}
	return r, nil
}

// propsJSON is the JSON of a record's values for the change log: encoding/json
// costs a fifth of a bulk load's time for these small maps of strings,
// numbers and booleans, which need no reflection.
func propsJSON(props map[string]any) []byte {
	b := make([]byte, 0, 32*len(props)+2)
	b = append(b, '{')
	first := true
	for name, value := range props {
		if !first {
			b = append(b, ',')
		}
		first = false
		b = codec.AppendJSONString(b, name)
		b = append(b, ':')
		switch v := value.(type) {
		case string:
			b = codec.AppendJSONString(b, v)
		case float64:
			b = strconv.AppendFloat(b, v, 'g', -1, 64)
		case bool:
			b = strconv.AppendBool(b, v)
		default:
			panic(fmt.Sprintf("records: cannot log a %T", v)) // normalize only yields the three above
		}
	}
	return append(b, '}')
}
