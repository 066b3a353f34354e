package app

import "fieldbook/backend/settings"

// Settings lets the frontend read and save preferences and the user profile.
type Settings struct {
	life *Lifecycle
	svc  *settings.Service
}

// NewSettings builds the settings service.
func NewSettings(life *Lifecycle, svc *settings.Service) *Settings {
	return &Settings{life: life, svc: svc}
}

// Get returns the saved settings.
func (s *Settings) Get() (out settings.Settings, err error) {
	defer guard(&err)
	if err = s.life.ready(); err != nil {
		return out, err
	}
	return s.svc.Get()
}

// Save validates and stores the settings, returning what was saved.
func (s *Settings) Save(in settings.Settings) (out settings.Settings, err error) {
	defer guard(&err)
	if err = s.life.ready(); err != nil {
		return out, err
	}
	return s.svc.Save(s.life.userMeta(), in)
}

// ProfileInfo is the local user, and whether they have told us their name.
type ProfileInfo struct {
	settings.Profile
	Set bool `json:"set"`
}

// Profile returns the local user (asked for on first launch).
func (s *Settings) Profile() (out ProfileInfo, err error) {
	defer guard(&err)
	if err = s.life.ready(); err != nil {
		return out, err
	}
	p, ok, err := s.svc.Profile()
	return ProfileInfo{Profile: p, Set: ok}, err
}

// SaveProfile sets the local user's name.
func (s *Settings) SaveProfile(name string) (out ProfileInfo, err error) {
	defer guard(&err)
	if err = s.life.ready(); err != nil {
		return out, err
	}
	p, err := s.svc.SaveProfile(name)
	return ProfileInfo{Profile: p, Set: err == nil}, err
}

// Preference returns a remembered UI choice as JSON text ("" when none).
func (s *Settings) Preference(key string) (out string, err error) {
	defer guard(&err)
	if err = s.life.ready(); err != nil {
		return out, err
	}
	return s.svc.Preference(key)
}

// SavePreference remembers a UI choice given as JSON text.
func (s *Settings) SavePreference(key, value string) (err error) {
	defer guard(&err)
	if err = s.life.ready(); err != nil {
		return err
	}
	return s.svc.SavePreference(s.life.userMeta(), key, value)
}
