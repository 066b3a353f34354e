package activities

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"fieldbook/backend/associations"
	"fieldbook/backend/changelog"
	"fieldbook/backend/errs"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
)

// activityKey names the new activity among a Log batch's links.
const activityKey = "activity"

// Log creates an activity and its associations with in.Records in one
// transaction. Those in in.Auto carry the source Activity auto
// association; the others the operation's.
func (s *Service) Log(meta changelog.Meta, in LogInput) (Activity, error) {
	obj, err := s.activityObject(in.Object)
	if err != nil {
		return Activity{}, err
	}
	if len(in.Records) == 0 {
		return Activity{}, errs.Invalid("records", "Choose at least one record to log this "+singular(&obj)+" on.")
	}
	if len(in.Records) > associations.MaxActivityRecords {
		return Activity{}, errs.Invalid("records", fmt.Sprintf("Associate an activity with at most %d records.", associations.MaxActivityRecords))
	}
	props := withDefaults(&obj, in.Props, time.Now())
	if err := checkTimes(&obj, props); err != nil {
		return Activity{}, err
	}
	auto := map[string]bool{}
	for _, a := range in.Auto {
		if !slices.Contains(in.Records, a) {
			return Activity{}, errs.Invalid("auto", "A record the rules suggested must be one of the records to associate.")
		}
		auto[a] = true
	}
	links := make([]associations.Link, len(in.Records))
	for i, rec := range in.Records {
		links[i] = associations.Link{From: activityKey, To: rec}
		if auto[rec] {
			links[i].Source = changelog.SourceActivityAuto
		}
	}
	res, err := s.links.Create(meta, associations.Batch{
		Records: []associations.NewRecord{{Key: activityKey, Object: obj.ID, Props: props}},
		Links:   links,
	})
	if err != nil {
		return Activity{}, err
	}
	// Its records are the ones just associated: named from memory, not read.
	rec := res.Records[0]
	ids := make([]uuid.UUID, len(in.Records))
	for i, r := range in.Records {
		ids[i] = uuid.MustParse(r) // Create has checked them
	}
	return Activity{RecordView: rec, At: dateText(&obj, rec), Records: s.links.Named(ids)}, nil
}

// dateText is an activity's date as the app shows it.
func dateText(obj *schema.ObjectDef, r records.RecordView) string {
	return time.UnixMilli(associations.ActivityDate(obj, r)).UTC().Format(time.RFC3339)
}

// activityObject is the activity object with this ID.
func (s *Service) activityObject(id string) (schema.ObjectDef, error) {
	obj, err := s.schema.Object(id)
	if err != nil {
		return obj, errs.Invalid("object", errs.As(err).Message)
	}
	if !obj.IsActivity() {
		return obj, errs.Invalid("object", fmt.Sprintf("%s are not activities: log a note, call, email, meeting or task.", obj.Plural))
	}
	return obj, nil
}

func singular(obj *schema.ObjectDef) string { return strings.ToLower(obj.Singular) }

// withDefaults fills in what a new activity has unless the user said
// otherwise: its date (now), a task's status.
func withDefaults(obj *schema.ObjectDef, props map[string]any, now time.Time) map[string]any {
	out := maps.Clone(props)
	if out == nil {
		out = map[string]any{}
	}
	if v, ok := out[obj.ActivityDate]; (!ok || v == nil || v == "") && obj.ID != schema.Tasks {
		out[obj.ActivityDate] = now.UTC().Format(time.RFC3339)
	}
	if v, ok := out["status"]; obj.ID == schema.Tasks && (!ok || v == nil || v == "") {
		out["status"] = "not_started"
	}
	return out
}

// checkTimes refuses a meeting that ends before it starts (times as given,
// RFC 3339; a value that is not a time is left to the property's check).
func checkTimes(obj *schema.ObjectDef, props map[string]any) error {
	if obj.ID != schema.Meetings {
		return nil
	}
	start, okStart := timeOf(props["start"])
	end, okEnd := timeOf(props["end"])
	if okStart && okEnd && end.Before(start) {
		return errs.Invalid("end", "The meeting ends before it starts: choose an end after the start.")
	}
	return nil
}

func timeOf(v any) (time.Time, bool) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	return t, err == nil
}

// Get returns one activity with the records it is associated with.
func (s *Service) Get(id string) (Activity, error) {
	rec, err := s.records.Get(id)
	if err != nil {
		return Activity{}, err
	}
	obj, err := s.schema.Object(rec.Object)
	if err != nil {
		return Activity{}, err
	}
	if !obj.IsActivity() {
		return Activity{}, errs.Invalid("id", fmt.Sprintf("%s is not an activity.", rec.DisplayName))
	}
	return s.activity(rec)
}

// activity presents one activity record.
func (s *Service) activity(rec records.RecordView) (Activity, error) {
	var out Activity
	err := s.log.Store().View(func(txn *badger.Txn) error {
		all, err := s.present(txn, []records.RecordView{rec})
		if err == nil {
			out = all[0]
		}
		return err
	})
	return out, err
}

// present adds to activities their date and their records, with one
// iterator for all of them.
func (s *Service) present(txn *badger.Txn, recs []records.RecordView) ([]Activity, error) {
	out := make([]Activity, len(recs))
	ids := make([]string, len(recs))
	for i, r := range recs {
		obj, err := s.schema.Object(r.Object)
		if err != nil {
			return nil, err
		}
		out[i] = Activity{RecordView: r, At: dateText(&obj, r)}
		ids[i] = r.ID
	}
	linked, err := s.links.ActivityRecordsMany(txn, ids)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Records = linked[i]
	}
	return out, nil
}

// Update changes some properties of an activity; a new date moves it on
// every timeline it is on, in the same transaction.
func (s *Service) Update(meta changelog.Meta, id string, props map[string]any) (Activity, error) {
	_, err := s.records.UpdateLinked(meta, id, props, func(tx *changelog.Tx, before, after records.RecordView) error {
		obj, err := s.activityObject(after.Object)
		if err != nil {
			return errs.Invalid("id", fmt.Sprintf("%s is not an activity.", after.DisplayName))
		}
		if err := checkTimes(&obj, after.Props); err != nil {
			return err
		}
		aid, err := records.ParseID(after.ID)
		if err != nil {
			return err
		}
		return s.links.MoveActivity(tx, aid, obj.Num, after.CreatedBy,
			associations.ActivityDate(&obj, before), associations.ActivityDate(&obj, after))
	})
	if err != nil {
		return Activity{}, err
	}
	return s.Get(id)
}

// SetRecords makes an activity associated with exactly these records.
func (s *Service) SetRecords(meta changelog.Meta, id string, recs []string) (Activity, error) {
	if err := s.links.SetActivityRecords(meta, id, recs); err != nil {
		return Activity{}, err
	}
	return s.Get(id)
}

// Delete moves an activity to the recycle bin: it leaves every timeline.
func (s *Service) Delete(meta changelog.Meta, id string) error {
	if _, err := s.Get(id); err != nil {
		return err
	}
	_, err := s.records.Delete(meta, []string{id})
	return err
}

// Restore brings an activity back from the recycle bin, onto the
// timelines of its records that are live.
func (s *Service) Restore(meta changelog.Meta, id string) (Activity, error) {
	if _, err := s.Get(id); err != nil {
		return Activity{}, err
	}
	if _, err := s.records.Restore(meta, []string{id}); err != nil {
		return Activity{}, err
	}
	return s.Get(id)
}

// RecordsOf lists, for each activity, the live records it is associated
// with (the Tasks index page's "Associated with" column).
func (s *Service) RecordsOf(ids []string) ([][]associations.Linked, error) {
	if len(ids) > records.MaxPage {
		return nil, errs.Invalid("ids", fmt.Sprintf("Ask for at most %d activities at a time.", records.MaxPage))
	}
	var out [][]associations.Linked
	err := s.log.Store().View(func(txn *badger.Txn) (err error) {
		out, err = s.links.ActivityRecordsMany(txn, ids)
		return err
	})
	return out, err
}
