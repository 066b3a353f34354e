package associations

import (
	"encoding/binary"
	"slices"

	"github.com/google/uuid"

	"fieldbook/backend/codec"
	"fieldbook/backend/keys"
)

// The associations live twice: in Badger, one key per direction (assoc/A/B
// and assoc/B/A, written in the same transaction), and in memory as the
// graph below, rebuilt from those keys when the store opens. Queries read
// the graph; writes change both, the graph only after the commit.

// labelRef is a label on one direction of an association. side 0: the
// direction's own record is on the label's From side (it shows the label's
// Name); side 1: on its To side (it shows Inverse).
type labelRef struct {
	id   uint32
	side uint8
}

func (r labelRef) flip() labelRef { return labelRef{r.id, 1 - r.side} }

// edge is one direction of an association, seen from its record.
type edge struct {
	other   uuid.UUID
	created int64 // Unix ms: when the two were first associated
	labels  []labelRef
}

func (e *edge) has(r labelRef) bool { return slices.Contains(e.labels, r) }

// isPrimary: the other record is this record's primary company.
func (e *edge) isPrimary() bool { return e.has(labelRef{PrimaryLabel, 0}) }

// group is a record's associations with the records of one object, oldest
// association first.
type group struct {
	num   uint16
	owned bool // edges belong to this copy alone (see clone): changed in place
	edges []edge
}

// own makes the group's edges its node's alone before a change.
func (g *group) own() {
	if !g.owned {
		g.edges = slices.Clone(g.edges)
		g.owned = true
	}
}

// size is the number of associations in the group (0 for none).
func (g *group) size() int {
	if g == nil {
		return 0
	}
	return len(g.edges)
}

func (g *group) find(other uuid.UUID) int {
	return slices.IndexFunc(g.edges, func(e edge) bool { return e.other == other })
}

// node is everything one record is associated with, and the record's own
// object. A node is never changed once readers can see it: writers change a
// copy and swap it in.
type node struct {
	num    uint16
	groups []group
}

func (n *node) group(num uint16) *group {
	if n == nil {
		return nil
	}
	for i := range n.groups {
		if n.groups[i].num == num {
			return &n.groups[i]
		}
	}
	return nil
}

func (n *node) edge(num uint16, other uuid.UUID) (edge, bool) {
	if g := n.group(num); g != nil {
		if i := g.find(other); i >= 0 {
			return g.edges[i], true
		}
	}
	return edge{}, false
}

func (n *node) size() int {
	if n == nil {
		return 0
	}
	total := 0
	for _, g := range n.groups {
		total += len(g.edges)
	}
	return total
}

// clone copies a node to change it. The copy shares the edges of each
// group until it changes them (see own), so touching one association of a
// record with thousands copies only the group it changes.
func (n *node) clone() *node {
	c := &node{}
	if n == nil {
		return c
	}
	c.num = n.num
	c.groups = make([]group, len(n.groups))
	for i, g := range n.groups {
		c.groups[i] = group{num: g.num, edges: g.edges}
	}
	return c
}

// snapshot copies the groups and their edges as they are now, to walk
// while the node changes.
func (n *node) snapshot() []group {
	if n == nil {
		return nil
	}
	out := make([]group, len(n.groups))
	for i, g := range n.groups {
		out[i] = group{num: g.num, edges: slices.Clone(g.edges)}
	}
	return out
}

// put adds or replaces the edge to e.other in the group of num, keeping
// the oldest-first order.
func (n *node) put(num uint16, e edge) {
	g := n.group(num)
	if g == nil {
		n.groups = append(n.groups, group{num: num})
		g = &n.groups[len(n.groups)-1]
	}
	g.own()
	if i := g.find(e.other); i >= 0 {
		g.edges[i] = e
		return
	}
	i, _ := slices.BinarySearchFunc(g.edges, e.created, func(x edge, t int64) int {
		if x.created <= t {
			return -1
		}
		return 1
	})
	g.edges = slices.Insert(g.edges, i, e)
}

// remove deletes the edge to other from the group of num.
func (n *node) remove(num uint16, other uuid.UUID) {
	g := n.group(num)
	if g == nil {
		return
	}
	if i := g.find(other); i >= 0 {
		g.own()
		g.edges = slices.Delete(g.edges, i, i+1)
	}
	if len(g.edges) == 0 {
		n.groups = slices.DeleteFunc(n.groups, func(x group) bool { return x.num == num })
	}
}

// An association direction's value:
//
//	version(1) ownNum(2) otherNum(2) created(varint ms) n(uvarint) n × (labelID uvarint, side byte)
const edgeVersion = 1

func encodeEdge(own, other uint16, e *edge) []byte {
	b := make([]byte, 0, 16+6*len(e.labels))
	b = append(b, edgeVersion)
	b = binary.BigEndian.AppendUint16(b, own)
	b = binary.BigEndian.AppendUint16(b, other)
	b = binary.AppendVarint(b, e.created)
	b = binary.AppendUvarint(b, uint64(len(e.labels)))
	for _, l := range e.labels {
		b = binary.AppendUvarint(b, uint64(l.id))
		b = append(b, l.side)
	}
	return b
}

func decodeEdge(v []byte) (own, other uint16, e edge, err error) {
	d := codec.NewReader(v)
	if d.Byte() != edgeVersion {
		return 0, 0, e, codec.ErrCorrupt
	}
	own, other = d.Uint16(), d.Uint16()
	e.created = d.Varint()
	n := d.Uvarint()
	if n > uint64(d.Remaining()) {
		return 0, 0, e, codec.ErrCorrupt
	}
	for i := uint64(0); i < n && d.Err() == nil; i++ {
		e.labels = append(e.labels, labelRef{id: uint32(d.Uvarint()), side: d.Byte()})
	}
	if !d.Done() {
		return 0, 0, e, codec.ErrCorrupt
	}
	return own, other, e, nil
}

func assocKey(from, to uuid.UUID) []byte {
	k := make([]byte, 0, 33)
	k = append(k, keys.PrefixAssoc)
	k = append(k, from[:]...)
	return append(k, to[:]...)
}

func goneKey(record, other uuid.UUID) []byte {
	k := make([]byte, 0, 33)
	k = append(k, keys.PrefixAssocGone)
	k = append(k, record[:]...)
	return append(k, other[:]...)
}
