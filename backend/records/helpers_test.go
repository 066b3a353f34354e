package records

import (
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

func mustID(t *testing.T, s string) uuid.UUID {
	t.Helper()
	id, err := uuid.Parse(s)
	require.NoError(t, err)
	return id
}
