package ordered

import "unsafe"

// chunkBits sizes the arena's chunks (64 KB); a position is the chunk's
// number above these bits and the offset in the chunk below them.
const chunkBits = 16

// maxRest is the longest text past its first 16 bytes an entry may have;
// the records index truncates its values far below it.
const maxRest = 1<<chunkBits - 1

// arena holds the bytes of entries' texts past their first 16, appended in
// chunks that are never written again once used: the strings handed out
// point into them. Deleted entries leave their bytes behind until the set
// compacts.
type arena struct {
	chunks [][]byte
	size   int // bytes added
	waste  int // bytes of deleted entries
}

// add stores s and returns its position and length.
func (a *arena) add(s string) (uint32, uint16) {
	if s == "" {
		return 0, 0
	}
	last := len(a.chunks) - 1
	if last < 0 || len(a.chunks[last])+len(s) > cap(a.chunks[last]) {
		a.chunks = append(a.chunks, make([]byte, 0, 1<<chunkBits))
		last++
	}
	at := len(a.chunks[last])
	a.chunks[last] = append(a.chunks[last], s...)
	a.size += len(s)
	return uint32(last)<<chunkBits | uint32(at), uint16(len(s))
}

// text returns the string stored at pos, without copying it.
func (a *arena) text(pos uint32, n uint16) string {
	if n == 0 {
		return ""
	}
	chunk := a.chunks[pos>>chunkBits]
	return unsafe.String(&chunk[pos&(1<<chunkBits-1)], n)
}

// free counts the bytes of a deleted entry as waste.
func (a *arena) free(n uint16) { a.waste += int(n) }

// wasteful reports whether deleted entries hold most of the arena (and
// enough of it to be worth a copy).
func (a *arena) wasteful() bool { return a.waste >= 1<<20 && 2*a.waste >= a.size }
