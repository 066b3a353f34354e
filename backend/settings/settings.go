// Package settings stores the user's preferences (theme, the local user
// profile, and remembered UI choices such as index columns) in the database,
// so they follow the data folder. Every write goes through the change log.
package settings

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"fieldbook/backend/changelog"
	"fieldbook/backend/errs"
	"fieldbook/backend/keys"
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

// Profile is the local user: the actor of every change made in the UI.
type Profile struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Service reads and writes settings.
type Service struct{ log *changelog.Log }

// New returns a settings service writing through log.
func New(log *changelog.Log) *Service { return &Service{log: log} }

const (
	themeKey      = "theme"
	profileKey    = "profile"
	prefKeyPrefix = "pref:"
	maxPrefKey    = 100
	maxPrefValue  = 64 << 10
	maxNameLen    = 100
)

// Get returns the saved settings, defaults where nothing is saved.
func (s *Service) Get() (Settings, error) {
	out := Defaults()
	err := s.log.Store().View(func(txn *badger.Txn) error {
		return readJSON(txn, themeKey, &out.Theme)
	})
	return out, err
}

// Save validates and stores every setting in one transaction.
func (s *Service) Save(meta changelog.Meta, in Settings) (Settings, error) {
	if err := in.Validate(); err != nil {
		return Settings{}, err
	}
	_, err := s.log.Write(meta, func(tx *changelog.Tx) error {
		return writeJSON(tx, themeKey, in.Theme)
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

// Profile returns the local user, and false when none was set up yet.
func (s *Service) Profile() (Profile, bool, error) {
	var p Profile
	err := s.log.Store().View(func(txn *badger.Txn) error { return readJSON(txn, profileKey, &p) })
	return p, p.ID != "", err
}

// SaveProfile sets the local user's name, creating the user ID the first time.
func (s *Service) SaveProfile(name string) (Profile, error) {
	name, err := cleanName(name)
	if err != nil {
		return Profile{}, err
	}
	var out Profile
	_, err = s.log.Write(changelog.Meta{Source: changelog.SourceUser}, func(tx *changelog.Tx) error {
		if err := readJSON(tx.Txn, profileKey, &out); err != nil {
			return err
		}
		if out.ID == "" {
			id, err := uuid.NewV7()
			if err != nil {
				return err
			}
			out.ID = id.String()
		}
		out.Name = name
		return writeJSON(tx, profileKey, out)
	})
	return out, err
}

// Preference returns a remembered UI choice (JSON text), or "" if none.
func (s *Service) Preference(key string) (string, error) {
	if err := checkPrefKey(key); err != nil {
		return "", err
	}
	var out string
	err := s.log.Store().View(func(txn *badger.Txn) error {
		item, err := txn.Get(keys.Setting(prefKeyPrefix + key))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		v, err := item.ValueCopy(nil)
		out = string(v)
		return err
	})
	return out, err
}

// SavePreference remembers a UI choice such as an index page's columns.
func (s *Service) SavePreference(meta changelog.Meta, key, value string) error {
	if err := checkPrefKey(key); err != nil {
		return err
	}
	if len(value) > maxPrefValue || !json.Valid([]byte(value)) {
		return errs.Invalid("value", "The preference must be JSON of at most 64 KB.")
	}
	_, err := s.log.Write(meta, func(tx *changelog.Tx) error {
		tx.Record(changelog.Change{Kind: changelog.SettingUpdated, Property: prefKeyPrefix + key, After: json.RawMessage(value)})
		return tx.Set(keys.Setting(prefKeyPrefix+key), []byte(value))
	})
	return err
}

func checkPrefKey(key string) error {
	if key == "" || len(key) > maxPrefKey || !utf8.ValidString(key) || strings.IndexFunc(key, unicode.IsControl) >= 0 {
		return errs.Invalid("key", "A preference needs a short name.")
	}
	return nil
}

func cleanName(name string) (string, error) {
	if !utf8.ValidString(name) {
		return "", errs.Invalid("name", "Your name contains characters that are not valid text (invalid UTF-8).")
	}
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return "", errs.Invalid("name", "Enter your name: it is shown on the changes you make.")
	case utf8.RuneCountInString(name) > maxNameLen:
		return "", errs.Invalid("name", fmt.Sprintf("Your name is too long (at most %d characters).", maxNameLen))
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return "", errs.Invalid("name", "Your name must be a single line without control characters.")
	}
	return name, nil
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

func writeJSON(tx *changelog.Tx, name string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	tx.Record(changelog.Change{Kind: changelog.SettingUpdated, Property: name, After: b})
	return tx.Set(keys.Setting(name), b)
}

// Window is the main window's size, remembered between launches.
type Window struct {
	Width     int  `json:"width"`
	Height    int  `json:"height"`
	Maximised bool `json:"maximised"`
}

const windowKey = "window"

// Window limits: below the minimum the layout does not fit; above the
// maximum the value cannot be a real screen.
const (
	MinWindowWidth  = 900
	MinWindowHeight = 560
	maxWindowSide   = 16384
)

// Window returns the remembered window, and false when there is none.
func (s *Service) Window() (Window, bool, error) {
	var w Window
	err := s.log.Store().View(func(txn *badger.Txn) error { return readJSON(txn, windowKey, &w) })
	return w, w.Width != 0, err
}

// SaveWindow remembers the window's size, clamped to what the layout needs.
func (s *Service) SaveWindow(meta changelog.Meta, w Window) error {
	w.Width = min(max(w.Width, MinWindowWidth), maxWindowSide)
	w.Height = min(max(w.Height, MinWindowHeight), maxWindowSide)
	_, err := s.log.Write(meta, func(tx *changelog.Tx) error { return writeJSON(tx, windowKey, w) })
	return err
}
