package app

import "fieldbook/backend/settings"

// Settings lets the frontend read and save preferences.
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
	return s.svc.Save(in)
}
