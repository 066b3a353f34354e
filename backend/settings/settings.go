// Package settings stores the user's preferences (theme and, later, profile
// and layout choices) in the database so they follow the data folder.
package settings

import (
	"encoding/json"
	"errors"

	"github.com/dgraph-io/badger/v4"

	"fieldbook/backend/errs"
	"fieldbook/backend/keys"
	"fieldbook/backend/store"
)

// Theme is the colour scheme; "system" follows the OS.
type Theme string

const (
	ThemeSystem Theme = "system"
	ThemeLight  Theme = "light"
	ThemeDark   Theme = "dark"
)

// Settings are all preferences, with defaults filled in.
type Settings struct {
	Theme Theme `json:"theme"`
}

// Defaults are what a new data folder starts with.
func Defaults() Settings { return Settings{Theme: ThemeSystem} }

// Service reads and writes settings.
type Service struct{ st *store.Store }

// New returns a settings service over st.
func New(st *store.Store) *Service { return &Service{st: st} }

const themeKey = "theme"

// Get returns the saved settings, defaults where nothing is saved.
func (s *Service) Get() (Settings, error) {
	out := Defaults()
	err := s.st.View(func(txn *badger.Txn) error {
		return readJSON(txn, themeKey, &out.Theme)
	})
	return out, err
}

// Save validates and stores every setting in one transaction.
func (s *Service) Save(in Settings) (Settings, error) {
	if err := in.Validate(); err != nil {
		return Settings{}, err
	}
	err := s.st.Update(func(txn *badger.Txn) error {
		return writeJSON(txn, themeKey, in.Theme)
	})
	if err != nil {
		return Settings{}, err
	}
	return in, nil
}

// Validate names the first setting whose value is not allowed.
func (in Settings) Validate() error {
	switch in.Theme {
	case ThemeSystem, ThemeLight, ThemeDark:
		return nil
	}
	return errs.Invalid("theme", `Theme must be "system", "light" or "dark".`)
}

func readJSON(txn *badger.Txn, name string, dst any) error {
	item, err := txn.Get(keys.Setting(name))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	return item.Value(func(v []byte) error { return json.Unmarshal(v, dst) })
}

func writeJSON(txn *badger.Txn, name string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return txn.Set(keys.Setting(name), b)
}
