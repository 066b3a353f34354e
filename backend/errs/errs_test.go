package errs

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestAsKeepsDomainErrorsThroughWrapping(t *testing.T) {
	inner := Invalid("email", "Email must contain @.")
	got := As(fmt.Errorf("saving contact: %w", inner))
	require.Equal(t, CodeInvalid, got.Code)
	require.Equal(t, "email", got.Field)
	require.Equal(t, "Email must contain @.", got.Message)
}

func TestAsHidesInternalDetail(t *testing.T) {
	cause := errors.New("badger: value log truncated at offset 1234")
	got := As(cause)
	require.Equal(t, CodeInternal, got.Code)
	require.NotContains(t, got.Message, "badger")
	require.ErrorIs(t, got, cause, "the cause stays available for logs")
}

func TestAsNil(t *testing.T) { require.Nil(t, As(nil)) }

func TestHasCode(t *testing.T) {
	require.True(t, HasCode(New(CodeNotFound, "x"), CodeNotFound))
	require.False(t, HasCode(New(CodeNotFound, "x"), CodeInvalid))
	require.False(t, HasCode(errors.New("plain"), CodeNotFound))
}

func TestJoinedKeepsTheFirstAndListsTheOtherFields(t *testing.T) {
	require.NoError(t, Joined(nil))
	err := Joined([]error{Invalid("email", "Bad email."), Invalid("phone", "Bad phone."), New(CodeNotFound, "gone")})
	e := As(err)
	require.Equal(t, "email", e.Field)
	require.Equal(t, "Bad email.", e.Message)
	require.Equal(t, []FieldError{{Field: "phone", Message: "Bad phone."}}, e.Others)
}
