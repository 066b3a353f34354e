package ordered

import (
	"strings"

	"github.com/google/uuid"
)

// capacity is the number of entries per node (a node is about 3 KB).
const capacity = 64

// slot is an entry as a node stores it. It holds no pointer (a text's bytes
// past 16 live in the set's arena), so the garbage collector reads one word
// of a node, its kids, instead of every entry: loading the sample data
// spent a fifth of its CPU scanning index entries before.
type slot struct {
	hi, lo uint64
	id     uuid.UUID
	rest   uint32 // position in the arena
	n      uint16 // length of the rest
	num    uint16
}

// node is a leaf (kids nil) or an inner node. In an inner node, slots[i]
// separates kids[i], whose entries are all less, from kids[i+1], whose
// entries are all greater or equal. keys[i] is slots[i].hi: a search reads
// the dense keys and compares whole entries only on a tie. Deleting never
// rebalances; a node that empties leaves its parent.
type node struct {
	kids  *[capacity + 1]*node // first: the only pointer the collector scans
	n     int
	keys  [capacity]uint64
	slots [capacity]slot
}

// Set is a sorted set of entries; the zero Set is empty and ready. It is
// not safe for concurrent writes (the index holds its lock).
type Set struct {
	root  *node
	len   int
	arena arena
}

// Len returns the number of entries.
func (s *Set) Len() int { return s.len }

// Put adds e if the set does not hold it yet.
func (s *Set) Put(e Entry) {
	if len(e.Text.rest) > maxRest {
		panic("ordered: text too long for an index entry")
	}
	if s.root == nil {
		s.root = &node{}
	}
	right, sep, added := s.put(s.root, &e)
	if added {
		s.len++
	}
	if right != nil {
		root := &node{n: 1, kids: new([capacity + 1]*node)}
		root.slots[0], root.keys[0] = sep, sep.hi
		root.kids[0], root.kids[1] = s.root, right
		s.root = root
	}
}

// Delete removes the entry equal to e and reports whether there was one.
func (s *Set) Delete(e Entry) bool {
	if s.root == nil || !s.delete(s.root, &e) {
		return false
	}
	s.len--
	for s.root != nil && s.root.kids != nil && s.root.n == 0 { // one child left: it becomes the root
		s.root = s.root.kids[0]
	}
	if s.root != nil && s.root.empty() {
		s.root = nil
	}
	if s.arena.wasteful() {
		s.compact()
	}
	return true
}

// Ascend visits every entry in order until fn returns false.
func (s *Set) Ascend(fn func(Entry) bool) {
	if s.root != nil {
		s.ascend(s.root, nil, fn)
	}
}

// AscendFrom visits the entries greater than or equal to from, in order,
// until fn returns false.
func (s *Set) AscendFrom(from Entry, fn func(Entry) bool) {
	if s.root != nil {
		s.ascend(s.root, &from, fn)
	}
}

// Descend visits every entry in reverse order until fn returns false.
func (s *Set) Descend(fn func(Entry) bool) {
	if s.root != nil {
		s.descend(s.root, fn)
	}
}

func (s *Set) entry(sl *slot) Entry {
	return Entry{Text: Text{hi: sl.hi, lo: sl.lo, rest: s.arena.text(sl.rest, sl.n)}, Num: sl.num, ID: sl.id}
}

// compare orders a stored entry against e, like Entry.Compare.
func (s *Set) compare(sl *slot, e *Entry) int {
	switch {
	case sl.hi != e.Text.hi:
		return compareUint(sl.hi, e.Text.hi)
	case sl.lo != e.Text.lo:
		return compareUint(sl.lo, e.Text.lo)
	}
	if c := strings.Compare(s.arena.text(sl.rest, sl.n), e.Text.rest); c != 0 {
		return c
	}
	return compareTies(sl.num, sl.id, e.Num, e.ID)
}

// search returns how many entries of n are less than e, or with orEqual,
// less than or equal to it.
func (s *Set) search(n *node, e *Entry, orEqual bool) int {
	h := e.Text.hi
	lo, hi := 0, n.n // first key greater than h
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if n.keys[m] <= h {
			lo = m + 1
		} else {
			hi = m
		}
	}
	end := lo
	if end == 0 || n.keys[end-1] != h {
		return end // no entry shares e's first eight bytes
	}
	lo = 0 // first key equal to h
	for hi = end - 1; lo < hi; {
		m := int(uint(lo+hi) >> 1)
		if n.keys[m] < h {
			lo = m + 1
		} else {
			hi = m
		}
	}
	for lo < end { // entries lo..end-1 tie on the key: compare them whole
		m := int(uint(lo+end) >> 1)
		if c := s.compare(&n.slots[m], e); c < 0 || orEqual && c == 0 {
			lo = m + 1
		} else {
			end = m
		}
	}
	return lo
}

func (n *node) empty() bool {
	return n.kids == nil && n.n == 0 || n.kids != nil && n.kids[0] == nil
}

// put adds e under n. When n splits, it returns the new right sibling and
// the separator that goes up to the parent.
func (s *Set) put(n *node, e *Entry) (right *node, sep slot, added bool) {
	i := s.search(n, e, true)
	if n.kids == nil {
		if i > 0 && s.compare(&n.slots[i-1], e) == 0 {
			return nil, slot{}, false
		}
		sl := slot{hi: e.Text.hi, lo: e.Text.lo, id: e.ID, num: e.Num}
		sl.rest, sl.n = s.arena.add(e.Text.rest)
		if n.n < capacity {
			n.insert(i, &sl, nil)
			return nil, slot{}, true
		}
		right = n.split(i)
		if i < n.n {
			n.insert(i, &sl, nil)
		} else {
			right.insert(i-n.n, &sl, nil)
		}
		return right, right.slots[0], true
	}
	kid, kidSep, added := s.put(n.kids[i], e)
	if kid == nil {
		return nil, slot{}, added
	}
	if n.n < capacity {
		n.insert(i, &kidSep, kid)
		return nil, slot{}, added
	}
	right = n.split(i)
	sep = n.slots[n.n] // the middle separator moves up
	if i <= n.n {
		n.insert(i, &kidSep, kid)
	} else {
		right.insert(i-n.n-1, &kidSep, kid)
	}
	return right, sep, added
}

// split moves the upper entries of a full node to a new right sibling and
// returns it. An insert at the end (IDs and creation times only grow) keeps
// the left node full; any other splits it in half. An inner node leaves its
// middle separator at slots[n.n] for the caller to move up.
func (n *node) split(at int) *node {
	mid := capacity / 2
	right := &node{}
	if n.kids == nil {
		if at == capacity {
			mid = capacity
		}
		right.n = copy(right.slots[:], n.slots[mid:n.n])
		copy(right.keys[:], n.keys[mid:n.n])
	} else {
		if at == capacity {
			mid = capacity - 1
		}
		right.kids = new([capacity + 1]*node)
		right.n = copy(right.slots[:], n.slots[mid+1:n.n])
		copy(right.keys[:], n.keys[mid+1:n.n])
		copy(right.kids[:], n.kids[mid+1:n.n+1])
		clear(n.kids[mid+1 : n.n+1])
	}
	n.n = mid
	return right
}

// insert puts sl at position i and, in an inner node, kid right of it.
func (n *node) insert(i int, sl *slot, kid *node) {
	copy(n.slots[i+1:n.n+1], n.slots[i:n.n])
	copy(n.keys[i+1:n.n+1], n.keys[i:n.n])
	n.slots[i], n.keys[i] = *sl, sl.hi
	if kid != nil {
		copy(n.kids[i+2:n.n+2], n.kids[i+1:n.n+1])
		n.kids[i+1] = kid
	}
	n.n++
}

// delete removes e from under n and reports whether it was there.
func (s *Set) delete(n *node, e *Entry) bool {
	i := s.search(n, e, true)
	if n.kids == nil {
		if i == 0 || s.compare(&n.slots[i-1], e) != 0 {
			return false
		}
		s.arena.free(n.slots[i-1].n)
		copy(n.slots[i-1:], n.slots[i:n.n])
		copy(n.keys[i-1:], n.keys[i:n.n])
		n.n--
		return true
	}
	kid := n.kids[i]
	if !s.delete(kid, e) {
		return false
	}
	if kid.empty() {
		n.removeKid(i)
	}
	return true
}

// removeKid takes an emptied child out of an inner node, with the
// separator beside it. The last child leaves the node empty.
func (n *node) removeKid(i int) {
	if n.n == 0 {
		n.kids[0] = nil
		return
	}
	sep := max(i-1, 0) // the separator left of the child, or right of the first
	copy(n.slots[sep:], n.slots[sep+1:n.n])
	copy(n.keys[sep:], n.keys[sep+1:n.n])
	copy(n.kids[i:], n.kids[i+1:n.n+1])
	n.kids[n.n] = nil
	n.n--
}

func (s *Set) ascend(n *node, from *Entry, fn func(Entry) bool) bool {
	i := 0
	if from != nil {
		i = s.search(n, from, n.kids != nil) // a leaf starts at from; an inner node at the child that may hold it
	}
	if n.kids == nil {
		for ; i < n.n; i++ {
			if !fn(s.entry(&n.slots[i])) {
				return false
			}
		}
		return true
	}
	if !s.ascend(n.kids[i], from, fn) {
		return false
	}
	for i++; i <= n.n; i++ {
		if !s.ascend(n.kids[i], nil, fn) {
			return false
		}
	}
	return true
}

func (s *Set) descend(n *node, fn func(Entry) bool) bool {
	if n.kids == nil {
		for i := n.n - 1; i >= 0; i-- {
			if !fn(s.entry(&n.slots[i])) {
				return false
			}
		}
		return true
	}
	for i := n.n; i >= 0; i-- {
		if !s.descend(n.kids[i], fn) {
			return false
		}
	}
	return true
}

// compact copies the texts still in use to a new arena once most of the
// old one is texts of deleted entries.
func (s *Set) compact() {
	var fresh arena
	var walk func(n *node)
	walk = func(n *node) {
		for i := range n.n {
			sl := &n.slots[i]
			sl.rest, sl.n = fresh.add(s.arena.text(sl.rest, sl.n))
		}
		if n.kids != nil {
			for _, kid := range n.kids[:n.n+1] {
				walk(kid)
			}
		}
	}
	if s.root != nil {
		walk(s.root)
	}
	s.arena = fresh
}
