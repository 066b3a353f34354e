package activities

import (
	"fieldbook/backend/changelog"
	"fieldbook/backend/errs"
)

var errTODO = errs.New(errs.CodeInternal, "Not built yet.")

// Log creates an activity and its associations in one transaction.
func (s *Service) Log(meta changelog.Meta, in LogInput) (Activity, error) { return Activity{}, errTODO }

// Get returns one activity with the records it is associated with.
func (s *Service) Get(id string) (Activity, error) { return Activity{}, errTODO }

// Update changes some properties of an activity.
func (s *Service) Update(meta changelog.Meta, id string, props map[string]any) (Activity, error) {
	return Activity{}, errTODO
}

// SetRecords makes an activity associated with exactly these records.
func (s *Service) SetRecords(meta changelog.Meta, id string, records []string) (Activity, error) {
	return Activity{}, errTODO
}

// Delete moves an activity to the recycle bin.
func (s *Service) Delete(meta changelog.Meta, id string) error { return errTODO }

// Restore brings an activity back from the recycle bin.
func (s *Service) Restore(meta changelog.Meta, id string) (Activity, error) { return Activity{}, errTODO }

// Timeline returns one page of a record's timeline.
func (s *Service) Timeline(q TimelineQuery) (TimelinePage, error) { return TimelinePage{}, errTODO }
