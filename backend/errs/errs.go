// Package errs defines the domain error every layer returns: a stable code,
// a message a person understands, and the field at fault.
package errs

import (
	"errors"
	"fmt"
)

// Code is what kind of failure an error is, for the frontend to branch on.
// Codes cross the IPC boundary (bound as errs.Code): keep them stable.
type Code string

const (
	CodeInvalid     Code = "invalid"      // input failed validation; Field names it
	CodeNotFound    Code = "not_found"    // an ID that does not exist
	CodeStoreLocked Code = "store_locked" // another process holds the database
	CodeUnavailable Code = "unavailable"  // the database could not be opened
	CodeInternal    Code = "internal"     // a bug: the message says so plainly

	CodeLimit           Code = "limit_reached"    // an association limit blocks the change
	CodePrimaryRequired Code = "primary_required" // a contact needs a new primary company chosen
	CodeNotDefined      Code = "not_defined"      // a custom object's association pair is not defined
)

// Codes lists every code, for binding to the frontend.
var Codes = []Code{
	CodeInvalid, CodeNotFound, CodeStoreLocked, CodeUnavailable, CodeInternal,
	CodeLimit, CodePrimaryRequired, CodeNotDefined,
}

// Error is the one error type that crosses from backend to app to frontend.
type Error struct {
	Code    Code   `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
	// Others are more fields refused in the same input, so a form shows
	// every problem at once rather than one per attempt.
	Others []FieldError `json:"others,omitempty"`
	cause  error
}

// FieldError is one more field's refusal (see Error.Others).
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Joined returns the first of errs with the other invalid-field errors as
// its Others, or nil for none.
func Joined(errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	first := *As(errs[0])
	for _, err := range errs[1:] {
		if e := As(err); e.Code == CodeInvalid && e.Field != "" {
			first.Others = append(first.Others, FieldError{Field: e.Field, Message: e.Message})
		}
	}
	return &first
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s (%s)", e.Code, e.Message, e.Field)
	}
	return string(e.Code) + ": " + e.Message
}

func (e *Error) Unwrap() error { return e.cause }

// New returns an error with a code and a message.
func New(code Code, message string) *Error { return &Error{Code: code, Message: message} }

// Invalid names the field whose value was rejected and says why.
func Invalid(field, message string) *Error {
	return &Error{Code: CodeInvalid, Message: message, Field: field}
}

// Wrap keeps cause for logs while showing the user message.
func Wrap(cause error, code Code, message string) *Error {
	return &Error{Code: code, Message: message, cause: cause}
}

// As returns err as a domain error; anything else becomes an internal error
// whose message does not leak implementation detail.
func As(err error) *Error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return Internal(err)
}

// Internal reports a bug without leaking implementation detail; cause stays
// available for logs.
func Internal(cause error) *Error {
	return Wrap(cause, CodeInternal, "Something went wrong inside Fieldbook. Your data is safe; please try again.")
}

// HasCode reports whether err is a domain error with the given code.
func HasCode(err error, code Code) bool {
	var e *Error
	return errors.As(err, &e) && e.Code == code
}

// IsRefusal tells a rule's refusal of some input (invalid, unknown, over a
// limit) from a failure of the store or a bug: a bulk writer skips the
// refused part and stops on a failure.
func IsRefusal(err error) bool {
	switch As(err).Code {
	case CodeInvalid, CodeLimit, CodeNotFound, CodePrimaryRequired, CodeNotDefined:
		return true
	}
	return false
}
