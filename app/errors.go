package app

import (
	"encoding/json"
	"fmt"
	"log"
	"runtime/debug"

	"fieldbook/backend/errs"
)

// FormatError is Wails' ErrorFormatter: every error a bound method returns
// reaches the frontend as {code, message, field}. It is sent as a JSON string
// because the Wails runtime wraps the rejection in `new Error(value)`, which
// would turn an object into "[object Object]"; frontend/src/api/errors.ts
// parses it back.
func FormatError(err error) any {
	e := errs.As(err)
	if e.Code == errs.CodeInternal {
		log.Printf("internal error: %v", err)
	}
	b, _ := json.Marshal(e) // a struct of strings always marshals
	return string(b)
}

// guard turns a panic in a bound method into an internal error, so the
// frontend's promise rejects with a message instead of waiting forever.
// Every bound method starts with `defer guard(&err)`.
func guard(err *error) {
	if r := recover(); r != nil {
		log.Printf("panic in bound method: %v\n%s", r, debug.Stack())
		*err = errs.Internal(fmt.Errorf("panic: %v", r))
	}
}
