package records

import (
	"fmt"
	"strings"
	"testing"
	"unsafe"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

func TestNamesShareChunks(t *testing.T) {
	var n names
	a, b := n.add("Ada Lovelace"), n.add("Grace Hopper")
	require.Equal(t, "Ada Lovelace", a)
	require.Equal(t, "Grace Hopper", b)
	require.Equal(t, uintptr(unsafe.Pointer(unsafe.StringData(a)))+uintptr(len(a)), uintptr(unsafe.Pointer(unsafe.StringData(b))), "b follows a in one chunk")
	long := strings.Repeat("x", aloneName+1)
	require.Equal(t, long, n.add(long))
	require.Empty(t, n.add(""))
}

// Renaming and removing records leaves old names behind in the chunks;
// the directory copies the names in use once those are the minority.
func TestDirectoryNamesSurviveCompaction(t *testing.T) {
	ix := newIndex()
	ids := make([]uuid.UUID, 1000)
	for i := range ids {
		ids[i] = uuid.New()
		ix.setRef(ids[i], Ref{Num: 1, Name: fmt.Sprintf("Record %d", i)})
	}
	compacted := false
	for round := range 100 {
		for i, id := range ids {
			ix.setRef(id, Ref{Num: 1, Name: fmt.Sprintf("Record %d, round %d", i, round)})
		}
		used := ix.names.used
		ix.compactNames()
		compacted = compacted || ix.names.used < used
		require.False(t, ix.names.wasteful(), "old names are given back")
	}
	require.True(t, compacted)
	for i, id := range ids[:500] {
		require.Equal(t, fmt.Sprintf("Record %d, round 99", i), ix.dir[id].Name)
		ix.dropRef(id)
	}
	ix.compactNames()
	for i, id := range ids[500:] {
		require.Equal(t, fmt.Sprintf("Record %d, round 99", 500+i), ix.dir[id].Name)
	}
	live := 0
	for _, ref := range ix.dir {
		live += len(ref.Name)
	}
	require.Equal(t, live, ix.names.live)
}
