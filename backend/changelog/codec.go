package changelog

import (
	"encoding/binary"
	"time"

	"fieldbook/backend/codec"
)

// An operation is stored in a compact binary form (writes are on the hot
// path of every change):
//
//	version(1) id time(varint Unix ns) actorID actorName source batch
//	n × (kind object record property before after other otherObject source)
//
// with length-prefixed strings; before/after are the JSON of the values.
// Version 1 had no other, otherObject and source; it still decodes.
const opVersion = 2

func encodeOp(op *Op) []byte {
	size := 96 + len(op.Actor.ID) + len(op.Actor.Name) + len(op.Batch)
	for i := range op.Changes {
		c := &op.Changes[i]
		size += 9*binary.MaxVarintLen32 + len(c.Kind) + len(c.Object) + len(c.Record) + len(c.Property) +
			len(c.Before) + len(c.After) + len(c.Other) + len(c.OtherObject) + len(c.Source)
	}
	b := make([]byte, 0, size) // one allocation: a bulk batch's entry is hundreds of kilobytes
	b = append(b, opVersion)
	b = codec.AppendString(b, op.ID)
	b = binary.AppendVarint(b, op.Time.UnixNano())
	b = codec.AppendString(codec.AppendString(b, op.Actor.ID), op.Actor.Name)
	b = codec.AppendString(b, string(op.Source))
	b = codec.AppendString(b, op.Batch)
	b = binary.AppendUvarint(b, uint64(len(op.Changes)))
	for _, c := range op.Changes {
		b = codec.AppendString(b, string(c.Kind))
		b = codec.AppendString(b, c.Object)
		b = codec.AppendString(b, c.Record)
		b = codec.AppendString(b, c.Property)
		b = codec.AppendBytes(b, c.Before)
		b = codec.AppendBytes(b, c.After)
		b = codec.AppendString(b, c.Other)
		b = codec.AppendString(b, c.OtherObject)
		b = codec.AppendString(b, string(c.Source))
	}
	return b
}

func decodeOp(b []byte) (Op, error) {
	d := codec.NewReader(b)
	version := d.Byte()
	if version != 1 && version != opVersion {
		return Op{}, codec.ErrCorrupt
	}
	op := Op{ID: d.String(), Time: time.Unix(0, d.Varint()).UTC()}
	op.Actor = Actor{ID: d.String(), Name: d.String()}
	op.Source = Source(d.String())
	op.Batch = d.String()
	n := d.Uvarint()
	if n > uint64(d.Remaining()) {
		return Op{}, codec.ErrCorrupt
	}
	op.Changes = make([]Change, 0, n)
	for i := uint64(0); i < n && d.Err() == nil; i++ {
		c := Change{Kind: Kind(d.String()), Object: d.String(), Record: d.String(), Property: d.String()}
		if before := d.Bytes(); len(before) > 0 {
			c.Before = before
		}
		if after := d.Bytes(); len(after) > 0 {
			c.After = after
		}
		if version >= 2 {
			c.Other, c.OtherObject, c.Source = d.String(), d.String(), Source(d.String())
		}
		op.Changes = append(op.Changes, c)
	}
	if !d.Done() {
		return Op{}, codec.ErrCorrupt
	}
	return op, nil
}
