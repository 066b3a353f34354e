package records

import (
	"strings"

	"github.com/google/uuid"
)

// names holds the directory's display names in a few large strings, one
// allocation per 64 KiB of names instead of one per record: the garbage
// collector marks every live allocation on each cycle, and a data set of
// 160,000 records had as many name strings as the rest of the index held
// objects. A name replaced or removed stays in its chunk until a rebuild
// copies the names in use into new chunks.
type names struct {
	chunk strings.Builder // being filled; what it wrote never changes
	live  int             // bytes of the names in use
	used  int             // bytes written to chunks, in use or not
}

const (
	namesChunk = 64 << 10
	// aloneName: longer names get their own allocation rather than leave
	// most of a chunk unused.
	aloneName = namesChunk / 16
)

// add returns s as stored in a chunk.
func (n *names) add(s string) string {
	if s == "" {
		return ""
	}
	n.live += len(s)
	n.used += len(s)
	if len(s) > aloneName {
		return strings.Clone(s)
	}
	if n.chunk.Cap()-n.chunk.Len() < len(s) {
		n.chunk = strings.Builder{}
		n.chunk.Grow(namesChunk)
	}
	start := n.chunk.Len()
	n.chunk.WriteString(s)
	return n.chunk.String()[start:]
}

// drop notes that a name returned by add is no longer in use.
func (n *names) drop(s string) { n.live -= len(s) }

// wasteful reports whether names no longer in use fill most of the chunks,
// so that the names in use are better copied into new ones.
func (n *names) wasteful() bool { return n.used > 4*namesChunk && n.used > 2*n.live }

// setRef sets the directory entry of id, its name stored in the chunks
// (the stored one when the name is unchanged).
func (ix *index) setRef(id uuid.UUID, ref Ref) {
	old, had := ix.dir[id]
	if had && old.Name == ref.Name {
		ref.Name = old.Name
	} else {
		ix.names.drop(old.Name)
		ref.Name = ix.names.add(ref.Name)
	}
	ix.dir[id] = ref
}

// dropRef removes the directory entry of id.
func (ix *index) dropRef(id uuid.UUID) {
	ix.names.drop(ix.dir[id].Name)
	delete(ix.dir, id)
}

// compactNames copies the names in use into new chunks once the old ones
// are mostly names no longer in use.
func (ix *index) compactNames() {
	if !ix.names.wasteful() {
		return
	}
	ix.names = names{}
	for id, ref := range ix.dir {
		ref.Name = ix.names.add(ref.Name)
		ix.dir[id] = ref
	}
}
