package activities

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
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

// DefaultTimelinePage is a timeline page's size when the query names none.
const DefaultTimelinePage = 50

// maxEvents bounds the record's own history read for a timeline (merges,
// and changes when asked): the newest ones.
const maxEvents = 500

// position is a place in a timeline: items sort by time, newest first,
// then by ID, highest first (IDs are UUIDv7: later ones are higher).
type position struct {
	at int64 // Unix ms
	id uuid.UUID
}

// before reports whether p comes after q in a timeline (is older).
func (p position) before(q position) bool {
	if p.at != q.at {
		return p.at < q.at
	}
	return bytes.Compare(p.id[:], q.id[:]) < 0
}

func (p position) String() string { return strconv.FormatInt(p.at, 10) + "_" + p.id.String() }

func parseCursor(text string) (*position, error) {
	if text == "" {
		return nil, nil
	}
	at, id, ok := strings.Cut(text, "_")
	ms, err := strconv.ParseInt(at, 10, 64)
	uid, uerr := uuid.Parse(id)
	if !ok || err != nil || uerr != nil {
		return nil, errs.Invalid("cursor", "The timeline position is not one this app gave.")
	}
	return &position{ms, uid}, nil
}

// timelineItem is an item of a page being made, in its place.
type timelineItem struct {
	position
	item  TimelineItem
	entry *associations.TimelineEntry // an activity, read once the page is known
}

// Timeline returns one page of a record's timeline: its activities by
// activity date, and the events of the record itself (merges; property
// and association changes when asked), newest first.
func (s *Service) Timeline(q TimelineQuery) (TimelinePage, error) {
	rec, obj, err := s.timelineRecord(q.Record)
	if err != nil {
		return TimelinePage{}, err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultTimelinePage
	}
	limit = min(limit, MaxTimelinePage)
	types := map[uint16]bool{}
	for _, t := range q.Types {
		o, err := s.activityObject(t)
		if err != nil {
			return TimelinePage{}, errs.Invalid("types", errs.As(err).Message)
		}
		types[o.Num] = true
	}
	cursor, err := parseCursor(q.Cursor)
	if err != nil {
		return TimelinePage{}, err
	}
	words := searchWords(q.Search)
	var events []timelineItem
	if len(types) == 0 && len(q.Authors) == 0 && len(words) == 0 { // events are not activities: filters hide them
		if events, err = s.events(rec, &obj, q.Changes); err != nil {
			return TimelinePage{}, err
		}
	}
	events = slices.DeleteFunc(events, func(e timelineItem) bool { return cursor != nil && !e.before(*cursor) })

	var page TimelinePage
	err = s.log.Store().View(func(txn *badger.Txn) error {
		var acts []timelineItem
		full := false
		at, after := int64(0), (*uuid.UUID)(nil)
		if cursor != nil {
			at, after = cursor.at, &cursor.id
		}
		var scanErr error
		err := s.links.ScanTimeline(txn, rec, at, after, func(e associations.TimelineEntry) bool {
			if len(types) > 0 && !types[e.Num] || len(q.Authors) > 0 && !slices.Contains(q.Authors, e.Author.ID) {
				return true
			}
			if len(words) > 0 {
				r, err := s.records.Peek(txn, e.Activity)
				if err != nil {
					scanErr = err
					return false
				}
				if !matches(r, words) {
					return true
				}
			}
			acts = append(acts, timelineItem{position: position{e.At, e.Activity}, entry: &e})
			full = len(acts) == limit
			return !full
		})
		if err == nil {
			err = scanErr
		}
		if err != nil {
			return err
		}
		all := append(acts, events...)
		slices.SortFunc(all, func(a, b timelineItem) int {
			if a.before(b.position) {
				return 1
			}
			if b.before(a.position) {
				return -1
			}
			return 0
		})
		more := full || len(all) > limit
		all = all[:min(len(all), limit)]
		if more && len(all) > 0 {
			page.Next = all[len(all)-1].position.String()
		}
		var ids []uuid.UUID
		for _, it := range all {
			if it.entry != nil {
				ids = append(ids, it.entry.Activity)
			}
		}
		recs, err := s.records.GetMany(ids)
		if err != nil {
			return err
		}
		shown, err := s.present(txn, recs)
		if err != nil {
			return err
		}
		byID := make(map[string]*Activity, len(shown))
		for i := range shown {
			byID[shown[i].ID] = &shown[i]
		}
		page.Items = make([]TimelineItem, 0, len(all))
		for _, it := range all {
			if it.entry != nil {
				a := byID[it.entry.Activity.String()]
				if a == nil {
					continue // deleted permanently since the scan
				}
				it.item = TimelineItem{Kind: ItemActivity, At: a.At, Activity: a}
			}
			page.Items = append(page.Items, it.item)
		}
		return nil
	})
	return page, err
}

// timelineRecord finds the record whose timeline is asked for.
func (s *Service) timelineRecord(text string) (uuid.UUID, schema.ObjectDef, error) {
	id, err := records.ParseID(text)
	if err != nil {
		return id, schema.ObjectDef{}, errs.Invalid("record", errs.As(err).Message)
	}
	ref, ok := s.records.Lookup(id)
	if !ok {
		return id, schema.ObjectDef{}, &errs.Error{Code: errs.CodeNotFound, Field: "record",
			Message: fmt.Sprintf("No record has the ID %s. It may have been deleted permanently.", id)}
	}
	obj, ok := s.schema.ByNum(ref.Num)
	if !ok || obj.IsActivity() {
		return id, obj, errs.Invalid("record", "Activities have no timeline of their own: open one of their records.")
	}
	return id, obj, nil
}

// Overview counts a record's activities by type and lists their authors.
func (s *Service) Overview(record string) (Overview, error) {
	rec, _, err := s.timelineRecord(record)
	if err != nil {
		return Overview{}, err
	}
	out := Overview{Types: map[string]int{}, Authors: []changelog.Actor{}}
	seen := map[string]bool{}
	err = s.log.Store().View(func(txn *badger.Txn) error {
		return s.links.ScanTimeline(txn, rec, 0, nil, func(e associations.TimelineEntry) bool {
			out.Total++
			if o, ok := s.schema.ByNum(e.Num); ok {
				out.Types[o.ID]++
			}
			if !seen[e.Author.ID] {
				seen[e.Author.ID] = true
				out.Authors = append(out.Authors, e.Author)
			}
			return true
		})
	})
	return out, err
}

// searchWords are the lower-cased words of a timeline search.
func searchWords(q string) []string { return strings.Fields(strings.ToLower(q)) }

// matches: every word is in one of the activity's text values.
func matches(r records.RecordView, words []string) bool {
	var all strings.Builder
	for _, v := range r.Props {
		if s, ok := v.(string); ok {
			all.WriteString(strings.ToLower(s))
			all.WriteByte('\n')
		}
	}
	text := all.String()
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

// events are the record's own history shown on its timeline, newest
// first: merges always, property and association changes when asked.
func (s *Service) events(rec uuid.UUID, obj *schema.ObjectDef, changes bool) ([]timelineItem, error) {
	// Not the operation that created the record: an import's names
	// thousands of records, and it is never a merge or a change.
	ops, err := s.log.RecordHistory(rec, uuid.Nil, maxEvents)
	if err != nil {
		return nil, err
	}
	var out []timelineItem
	for _, op := range ops {
		opID, err := uuid.Parse(op.ID)
		if err != nil {
			return nil, err
		}
		for _, c := range op.Changes {
			if c.Record != rec.String() {
				continue
			}
			var kind ItemKind
			var text string
			switch {
			case c.Kind == changelog.RecordMerged:
				kind, text = ItemMerge, mergeText(obj, c)
			case c.Kind == changelog.RecordUpdated && changes:
				kind, text = ItemProperty, propertyText(obj, c)
			default:
				continue
			}
			out = append(out, timelineItem{position: position{op.Time.UnixMilli(), opID}, item: TimelineItem{
				Kind: kind, At: op.Time.UTC().Format(time.RFC3339),
				Event: &Event{Actor: op.Actor, Source: op.Source, Text: text, Record: otherRecord(c)},
			}})
		}
	}
	if changes {
		assoc, err := s.associationEvents(rec)
		if err != nil {
			return nil, err
		}
		out = append(out, assoc...)
	}
	return out, nil
}

// associationEvents are the record's association changes with records
// that are not activities (those are the timeline's items). They are read
// object by object: a record's activity associations, thousands of events,
// would otherwise fill the newest maxEvents and hide the others.
func (s *Service) associationEvents(rec uuid.UUID) ([]timelineItem, error) {
	var out []timelineItem
	seq := map[string]byte{} // events of one operation share its ID: number them
	for _, o := range s.schema.Objects() {
		if o.IsActivity() {
			continue
		}
		evs, err := s.links.History(rec.String(), o.ID, maxEvents, "")
		if err != nil {
			return nil, err
		}
		for _, e := range evs {
			at, err := time.Parse(time.RFC3339Nano, e.Time)
			if err != nil {
				return nil, err
			}
			id, err := uuid.Parse(e.OpID)
			if err != nil {
				return nil, err
			}
			seq[e.OpID]++
			id[15] = 255 - seq[e.OpID] // newest first within the operation too, as History lists them
			out = append(out, timelineItem{position: position{at.UnixMilli(), id}, item: TimelineItem{
				Kind: ItemAssociation, At: at.UTC().Format(time.RFC3339),
				Event: &Event{Actor: e.Actor, Source: e.Source, Text: associationText(o, e), Record: e.Record},
			}})
		}
	}
	return out, nil
}

func associationText(o schema.ObjectDef, e associations.Event) string {
	what := strings.ToLower(o.Singular)
	if what == "" {
		what = "record"
	}
	name := "“" + e.Name + "”"
	if e.Name == "" {
		name = "a deleted " + what
	}
	switch e.Change {
	case associations.Created:
		return fmt.Sprintf("Associated with %s %s", what, name)
	case associations.Removed:
		return fmt.Sprintf("No longer associated with %s %s", what, name)
	case associations.LabelAdded:
		return fmt.Sprintf("Label “%s” added for %s", e.Label, name)
	case associations.LabelRemoved:
		return fmt.Sprintf("Label “%s” removed for %s", e.Label, name)
	case associations.PrimarySet:
		return fmt.Sprintf("%s became the primary company", name)
	case associations.PrimaryUnset:
		return fmt.Sprintf("%s is no longer the primary company", name)
	}
	return string(e.Change)
}

// mergeText says which record was merged into this one.
func mergeText(obj *schema.ObjectDef, c changelog.Change) string {
	var props map[string]any
	_ = json.Unmarshal(c.Before, &props)
	name := obj.DisplayName(props)
	if name == "" {
		name = "a " + strings.ToLower(obj.Singular)
	} else {
		name = "“" + name + "”"
	}
	return fmt.Sprintf("%s was merged into this %s", name, strings.ToLower(obj.Singular))
}

// otherRecord is the record a merge names (its ID now resolves to this one).
func otherRecord(c changelog.Change) string {
	var id string
	_ = json.Unmarshal(c.After, &id)
	if c.Kind != changelog.RecordMerged {
		return ""
	}
	return id
}

// propertyText says how a property changed, with labels for dropdowns.
func propertyText(obj *schema.ObjectDef, c changelog.Change) string {
	p, ok := obj.Property(c.Property)
	label := c.Property
	if ok {
		label = p.Label
	}
	value := func(raw json.RawMessage) string {
		var v any
		if len(raw) == 0 || json.Unmarshal(raw, &v) != nil || v == nil {
			return ""
		}
		s := fmt.Sprint(v)
		for _, o := range p.Options {
			if o.Value == s {
				return o.Label
			}
		}
		return s
	}
	before, after := value(c.Before), value(c.After)
	switch {
	case before == "":
		return fmt.Sprintf("%s set to “%s”", label, after)
	case after == "":
		return fmt.Sprintf("%s cleared (was “%s”)", label, before)
	}
	return fmt.Sprintf("%s changed from “%s” to “%s”", label, before, after)
}
