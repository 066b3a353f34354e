package associations

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"fieldbook/backend/changelog"
	"fieldbook/backend/codec"
	"fieldbook/backend/errs"
	"fieldbook/backend/keys"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
)

// An activity's associations (with the records whose timelines show it) go
// through the same operations as every association: links, history,
// delete, restore, merge. They are not in the in-memory graph: a data
// folder holds many times more of them than of other associations, and
// they are read one timeline at a time. Each is stored twice, in the same
// transaction: on the record's timeline (keys.Timeline, ordered by the
// activity's date) and among the activity's records (keys.ActivityFor).
// Activities have no labels, no primary and no limits.

// activityInfo is what a timeline key holds of an activity besides its ID.
type activityInfo struct {
	at     int64 // its activity date, Unix ms
	author changelog.Actor
}

// ActivityDate is the moment that places an activity on timelines: its
// object's date property, else its creation.
func ActivityDate(obj *schema.ObjectDef, r records.RecordView) int64 {
	for _, v := range []any{r.Props[obj.ActivityDate], r.CreatedAt} {
		if text, ok := v.(string); ok {
			if t, err := time.Parse(time.RFC3339Nano, text); err == nil {
				return t.UnixMilli()
			}
		}
	}
	return 0
}

func infoOf(obj *schema.ObjectDef, r records.RecordView) *activityInfo {
	return &activityInfo{at: ActivityDate(obj, r), author: r.CreatedBy}
}

// timeline value: objNum(2) authorID authorName (codec strings).
func encodeTimeline(num uint16, author changelog.Actor) []byte {
	b := binary.BigEndian.AppendUint16(make([]byte, 0, 8+len(author.ID)+len(author.Name)), num)
	return codec.AppendString(codec.AppendString(b, author.ID), author.Name)
}

func decodeTimeline(v []byte) (num uint16, author changelog.Actor, err error) {
	d := codec.NewReader(v)
	num = d.Uint16()
	author = changelog.Actor{ID: d.String(), Name: d.String()}
	if !d.Done() {
		return 0, author, codec.ErrCorrupt
	}
	return num, author, nil
}

// activityFor and activity tombstone value: otherNum(2) created(varint ms) carried(1).
// carried: the activity went to the recycle bin with that record (it was
// its last), so restoring the record brings it back.
type activityLink struct {
	num     uint16
	created int64
	carried bool
}

func (l activityLink) encode() []byte {
	b := binary.AppendVarint(binary.BigEndian.AppendUint16(make([]byte, 0, 12), l.num), l.created)
	if l.carried {
		return append(b, 1)
	}
	return append(b, 0)
}

func decodeActivityLink(v []byte) (activityLink, error) {
	d := codec.NewReader(v)
	l := activityLink{num: d.Uint16(), created: d.Varint(), carried: d.Byte() == 1}
	if !d.Done() {
		return l, codec.ErrCorrupt
	}
	return l, nil
}

// isActivity: one end of the link is an activity.
func (l link) isActivity() bool { return l.from.act != nil || l.to.act != nil }

// activityLink checks a link with an activity: one activity, one record.
func (r *resolver) activityLink(l Link, from, to member) (link, error) {
	if r.fields == editFields {
		return link{}, errs.Invalid(r.fields.to, "An activity's records are changed from its timeline.")
	}
	if from.act != nil && to.act != nil {
		return link{}, errs.Invalid(r.fields.to, "An activity is associated with records, not with other activities.")
	}
	if len(l.Labels) > 0 || l.Primary {
		return link{}, errs.Invalid("labels", "Associations with activities have no labels and no primary.")
	}
	if from.act == nil {
		from, to = to, from // the activity first
	}
	return link{from: from, to: to, source: l.Source}, nil
}

// member finds a record, live or not: in the records index, or stored
// apart (activities other than tasks). ok is false for an unknown ID.
func (d *draft) member(id uuid.UUID) (member, bool, error) {
	if n := d.touched[id]; n != nil {
		m := member{id: id, ref: n.ref, obj: n.obj, act: n.act}
		if m.act != nil { // its bin state may have changed in this transaction
			r, err := d.s.records.Peek(d.tx.Txn, id)
			if err != nil {
				return m, false, nil
			}
			m.ref.Deleted = r.DeletedAt != ""
		}
		return m, true, nil
	}
	return d.s.lookup(d.tx.Txn, id)
}

// lookup finds a record for a link, reading an activity's date and author.
func (s *Service) lookup(txn *badger.Txn, id uuid.UUID) (member, bool, error) {
	ref, indexed := s.records.Lookup(id)
	if indexed {
		obj, ok := s.schema.ByNum(ref.Num)
		if !ok {
			return member{}, false, fmt.Errorf("record %s belongs to unknown object number %d", id, ref.Num)
		}
		if !obj.IsActivity() {
			return member{id: id, ref: ref, obj: obj}, true, nil
		}
	}
	if txn == nil {
		return member{}, false, nil
	}
	r, err := s.records.Peek(txn, id)
	if errs.HasCode(err, errs.CodeNotFound) {
		return member{}, false, nil
	}
	if err != nil {
		return member{}, false, err
	}
	obj, err := s.schema.Object(r.Object)
	if err != nil {
		return member{}, false, err
	}
	m := member{id: id, ref: records.Ref{Num: obj.Num, Name: r.DisplayName, Deleted: r.DeletedAt != ""}, obj: obj}
	if obj.IsActivity() {
		m.act = infoOf(&obj, r)
	}
	return m, true, nil
}

// linkActivity associates an activity (l.from) with a record (l.to); false
// if they were associated already.
func (d *draft) linkActivity(l link) (bool, error) {
	if l.source != "" {
		defer func(was changelog.Source) { d.source = was }(d.source)
		d.source = l.source
	}
	act, rec := d.seed(l.from), d.seed(l.to)
	pair := [2]uuid.UUID{l.from.id, l.to.id}
	if d.linked[pair] {
		return false, nil
	}
	if !l.from.created { // a new activity has no association yet: no need to look
		if _, err := d.tx.Get(keys.ActivityFor(l.from.id, l.to.id)); err == nil {
			return false, nil
		} else if !errors.Is(err, badger.ErrKeyNotFound) {
			return false, err
		}
	}
	if d.linked == nil {
		d.linked = map[[2]uuid.UUID]bool{}
	}
	d.linked[pair] = true
	return true, d.putActivityLink(l.from.id, act, l.to.id, rec, d.tx.Time().UnixMilli())
}

func (d *draft) putActivityLink(actID uuid.UUID, act *draftNode, recID uuid.UUID, rec *draftNode, created int64) error {
	if err := d.tx.Set(keys.ActivityFor(actID, recID), activityLink{num: rec.ref.Num, created: created}.encode()); err != nil {
		return err
	}
	if err := d.tx.Set(keys.Timeline(recID, act.act.at, actID), encodeTimeline(act.ref.Num, act.act.author)); err != nil {
		return err
	}
	d.event(changelog.AssociationCreated, recID, actID, nil, nil, nil)
	return nil
}

// unlinkActivity removes an activity's association with a record.
func (d *draft) unlinkActivity(act member, rec member) (activityLink, error) {
	a := d.seed(act)
	d.seed(rec)
	l, found, err := readActivityLink(d.tx.Txn, keys.ActivityFor(act.id, rec.id))
	if err != nil || !found {
		return l, err
	}
	if err := d.tx.Delete(keys.ActivityFor(act.id, rec.id)); err != nil {
		return l, err
	}
	if err := d.tx.Delete(keys.Timeline(rec.id, a.act.at, act.id)); err != nil {
		return l, err
	}
	d.event(changelog.AssociationRemoved, rec.id, act.id, nil, nil, nil)
	return l, nil
}

func readActivityLink(txn *badger.Txn, key []byte) (activityLink, bool, error) {
	item, err := txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return activityLink{}, false, nil
	}
	if err != nil {
		return activityLink{}, false, err
	}
	var l activityLink
	err = item.Value(func(v []byte) (err error) { l, err = decodeActivityLink(v); return err })
	return l, err == nil, err
}

// linkedRecord is one record an activity is associated with (or was,
// read from a tombstone).
type linkedRecord struct {
	id uuid.UUID
	activityLink
}

// activityRecords lists the records an activity is associated with.
func activityRecords(txn *badger.Txn, act uuid.UUID) ([]linkedRecord, error) {
	return scanLinks(txn, keys.ActivityForPrefix(act), keys.ParseActivityFor)
}

// activityTombstones lists the associations of a record or an activity
// that a deletion removed (keys.ActivityGone).
func activityTombstones(txn *badger.Txn, id uuid.UUID) ([]linkedRecord, error) {
	return scanLinks(txn, keys.ActivityGonePrefix(id), keys.ParseActivityGone)
}

func scanLinks(txn *badger.Txn, prefix []byte, parse func([]byte) (uuid.UUID, uuid.UUID, error)) ([]linkedRecord, error) {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix, PrefetchValues: true})
	defer it.Close()
	var out []linkedRecord
	for it.Rewind(); it.Valid(); it.Next() {
		_, other, err := parse(it.Item().Key())
		if err != nil {
			return nil, err
		}
		var l activityLink
		if err := it.Item().Value(func(v []byte) (err error) { l, err = decodeActivityLink(v); return err }); err != nil {
			return nil, err
		}
		out = append(out, linkedRecord{id: other, activityLink: l})
	}
	return out, nil
}

// timelineActivities lists the activities on a record's timeline.
func timelineActivities(txn *badger.Txn, record uuid.UUID) ([]uuid.UUID, error) {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: keys.TimelinePrefix(record)})
	defer it.Close()
	var out []uuid.UUID
	for it.Rewind(); it.Valid(); it.Next() {
		_, _, act, err := keys.ParseTimeline(it.Item().Key())
		if err != nil {
			return nil, err
		}
		out = append(out, act)
	}
	return out, nil
}

// timelinesOf reads the activities on several records' timelines with one
// iterator: in a transaction with many writes pending, each new iterator
// sorts them all again, which made deleting thousands of records quadratic.
func timelinesOf(txn *badger.Txn, ids []uuid.UUID) (map[uuid.UUID][]uuid.UUID, error) {
	sorted := slices.Clone(ids)
	slices.SortFunc(sorted, func(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) })
	it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{keys.PrefixTimeline}})
	defer it.Close()
	out := map[uuid.UUID][]uuid.UUID{}
	for _, id := range sorted {
		prefix := keys.TimelinePrefix(id)
		for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
			_, _, act, err := keys.ParseTimeline(it.Item().Key())
			if err != nil {
				return nil, err
			}
			out[id] = append(out[id], act)
		}
	}
	return out, nil
}

// buryActivity keeps a removed activity association for a restore, under
// both ends.
func (d *draft) buryActivity(act, rec member, l activityLink, carried bool) error {
	l.carried = carried
	l.num = rec.ref.Num
	if err := d.tx.Set(keys.ActivityGone(act.id, rec.id), l.encode()); err != nil {
		return err
	}
	l.num = act.ref.Num
	return d.tx.Set(keys.ActivityGone(rec.id, act.id), l.encode())
}

func (d *draft) unburyActivity(a, b uuid.UUID) error {
	if err := d.tx.Delete(keys.ActivityGone(a, b)); err != nil {
		return err
	}
	return d.tx.Delete(keys.ActivityGone(b, a))
}

// mustMember is member for a record known to exist.
func (d *draft) mustMember(id uuid.UUID) (member, error) {
	m, ok, err := d.member(id)
	if err == nil && !ok {
		err = fmt.Errorf("record %s is missing", id)
	}
	return m, err
}

// activitiesDeleted removes the activity associations of records going to
// the recycle bin. An activity left without a live record goes with it
// (carry), and comes back when that record is restored.
func (d *draft) activitiesDeleted(ids []uuid.UUID, carry records.Carry) error {
	deleting := map[uuid.UUID]bool{}
	for _, id := range ids {
		deleting[id] = true
	}
	var left []member // activities that lost a record
	timelines, err := timelinesOf(d.tx.Txn, ids)
	if err != nil {
		return err
	}
	for _, id := range ids {
		m, err := d.mustMember(id)
		if err != nil {
			return err
		}
		if m.act != nil {
			recs, err := activityRecords(d.tx.Txn, id)
			if err != nil {
				return err
			}
			for _, r := range recs {
				rec, err := d.mustMember(r.id)
				if err != nil {
					return err
				}
				if err := d.moveToTombstone(m, rec, false); err != nil {
					return err
				}
			}
			continue
		}
		for _, a := range timelines[id] {
			act, err := d.mustMember(a)
			if err != nil {
				return err
			}
			if err := d.moveToTombstone(act, m, false); err != nil {
				return err
			}
			if !deleting[a] {
				left = append(left, act)
			}
		}
	}
	var carried []uuid.UUID
	for _, act := range left {
		if slices.Contains(carried, act.id) {
			continue
		}
		recs, err := activityRecords(d.tx.Txn, act.id)
		if err != nil || len(recs) > 0 {
			if err != nil {
				return err
			}
			continue
		}
		// Its last records are going now: it goes with them.
		gone, err := activityTombstones(d.tx.Txn, act.id)
		if err != nil {
			return err
		}
		for _, g := range gone {
			if deleting[g.id] {
				rec, err := d.mustMember(g.id)
				if err != nil {
					return err
				}
				if err := d.buryActivity(act, rec, g.activityLink, true); err != nil {
					return err
				}
			}
		}
		carried = append(carried, act.id)
	}
	if len(carried) == 0 {
		return nil
	}
	return carry(carried)
}

// moveToTombstone removes an activity association and keeps it for a restore.
func (d *draft) moveToTombstone(act, rec member, carried bool) error {
	l, err := d.unlinkActivity(act, rec)
	if err != nil {
		return err
	}
	return d.buryActivity(act, rec, l, carried)
}

// activitiesRestored brings back the activity associations of restored
// records whose other end is live or restored with them, and the
// activities that went to the bin with a restored record.
func (d *draft) activitiesRestored(ids []uuid.UUID, carry records.Carry) error {
	restoring := map[uuid.UUID]bool{}
	for _, id := range ids {
		restoring[id] = true
	}
	var acts []member
	var bring []uuid.UUID
	for _, id := range ids {
		m, err := d.mustMember(id)
		if err != nil {
			return err
		}
		if m.act != nil {
			acts = append(acts, m)
			continue
		}
		gone, err := activityTombstones(d.tx.Txn, id)
		if err != nil {
			return err
		}
		for _, g := range gone {
			act, ok, err := d.member(g.id)
			switch {
			case err != nil:
				return err
			case !ok:
				if err := d.unburyActivity(id, g.id); err != nil { // erased since
					return err
				}
			case !act.ref.Deleted:
				if err := d.reviveActivity(act, m, g.activityLink); err != nil {
					return err
				}
			case g.carried && !restoring[g.id]:
				restoring[g.id] = true
				bring = append(bring, g.id)
			}
		}
	}
	if len(bring) > 0 {
		if err := carry(bring); err != nil {
			return err
		}
		for _, id := range bring {
			m, err := d.mustMember(id)
			if err != nil {
				return err
			}
			acts = append(acts, m)
		}
	}
	for _, act := range acts {
		gone, err := activityTombstones(d.tx.Txn, act.id)
		if err != nil {
			return err
		}
		for _, g := range gone {
			rec, ok, err := d.member(g.id)
			switch {
			case err != nil:
				return err
			case !ok:
				err = d.unburyActivity(act.id, g.id)
			case !rec.ref.Deleted || restoring[g.id]:
				err = d.reviveActivity(act, rec, g.activityLink)
			}
			if err != nil {
				return err
			}
		}
		recs, err := activityRecords(d.tx.Txn, act.id)
		if err != nil {
			return err
		}
		if len(recs) == 0 {
			return errs.Invalid("id", fmt.Sprintf("%s belonged only to records that are in the recycle bin or deleted. Restore one of them first.",
				quote(act.ref.Name)))
		}
	}
	return nil
}

// reviveActivity re-creates an activity association from its tombstone.
func (d *draft) reviveActivity(act, rec member, l activityLink) error {
	if err := d.unburyActivity(act.id, rec.id); err != nil {
		return err
	}
	a, r := d.seed(act), d.seed(rec)
	if _, found, err := readActivityLink(d.tx.Txn, keys.ActivityFor(act.id, rec.id)); err != nil || found {
		return err
	}
	return d.putActivityLink(act.id, a, rec.id, r, l.created)
}

// activitiesPurged forgets the activity tombstones of erased records.
func (d *draft) activitiesPurged(ids []uuid.UUID) error {
	for _, id := range ids {
		gone, err := activityTombstones(d.tx.Txn, id)
		if err != nil {
			return err
		}
		for _, g := range gone {
			if err := d.unburyActivity(id, g.id); err != nil {
				return err
			}
		}
	}
	return nil
}

// activitiesMerged moves gone's activities, and its tombstones of them, to keep.
func (d *draft) activitiesMerged(keep, gone uuid.UUID) error {
	k, err := d.mustMember(keep)
	if err != nil {
		return err
	}
	g, err := d.mustMember(gone)
	if err != nil {
		return err
	}
	acts, err := timelineActivities(d.tx.Txn, gone)
	if err != nil {
		return err
	}
	for _, a := range acts {
		act, err := d.mustMember(a)
		if err != nil {
			return err
		}
		l, err := d.unlinkActivity(act, g)
		if err != nil {
			return err
		}
		kept, ka := d.seed(act), d.seed(k)
		if _, found, err := readActivityLink(d.tx.Txn, keys.ActivityFor(a, keep)); err != nil {
			return err
		} else if !found {
			if err := d.putActivityLink(a, kept, keep, ka, l.created); err != nil {
				return err
			}
		}
	}
	buried, err := activityTombstones(d.tx.Txn, gone)
	if err != nil {
		return err
	}
	for _, b := range buried {
		if err := d.unburyActivity(gone, b.id); err != nil {
			return err
		}
		act, ok, err := d.member(b.id)
		if err != nil {
			return err
		}
		if ok {
			if err := d.buryActivity(act, k, b.activityLink, b.carried); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkActivities: every activity association is stored from both ends,
// at the activity's date, between a live activity and a live record that
// is not one; every live activity has a record; every activity tombstone
// has its mirror.
func (s *Service) checkActivities(txn *badger.Txn, report func(string, ...any)) error {
	members := map[uuid.UUID]member{}
	find := func(id uuid.UUID) (member, bool) {
		if m, ok := members[id]; ok {
			return m, true
		}
		m, ok, err := s.lookup(txn, id)
		if err != nil || !ok {
			return m, false
		}
		members[id] = m
		return m, true
	}
	linked := map[uuid.UUID]int{}
	onTimelines := map[[2]uuid.UUID]bool{}
	it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{keys.PrefixTimeline}, PrefetchValues: true})
	for it.Rewind(); it.Valid(); it.Next() {
		rec, at, act, err := keys.ParseTimeline(it.Item().Key())
		if err != nil {
			report("%v", err)
			continue
		}
		onTimelines[[2]uuid.UUID{act, rec}] = true
		var num uint16
		var author changelog.Actor
		if err := it.Item().Value(func(v []byte) (err error) { num, author, err = decodeTimeline(v); return err }); err != nil {
			report("timeline of %s: %v", rec, err)
			continue
		}
		a, ok := find(act)
		switch {
		case !ok || a.act == nil:
			report("the timeline of %s shows %s, which is not an activity", rec, act)
		case a.ref.Deleted:
			report("the timeline of %s shows %s, which is in the recycle bin", rec, act)
		case a.act.at != at || a.ref.Num != num || a.act.author != author:
			report("the timeline of %s shows %s at %d by %v, not at its date %d by %v", rec, act, at, author, a.act.at, a.act.author)
		}
	}
	it.Close()
	it = txn.NewIterator(badger.IteratorOptions{Prefix: []byte{keys.PrefixActivityFor}, PrefetchValues: true})
	for it.Rewind(); it.Valid(); it.Next() {
		act, rec, err := keys.ParseActivityFor(it.Item().Key())
		if err != nil {
			report("%v", err)
			continue
		}
		linked[act]++
		if !onTimelines[[2]uuid.UUID{act, rec}] {
			report("activity %s is associated with %s but is not on its timeline", act, rec)
		}
		delete(onTimelines, [2]uuid.UUID{act, rec})
		var l activityLink
		if err := it.Item().Value(func(v []byte) (err error) { l, err = decodeActivityLink(v); return err }); err != nil {
			report("activity %s → %s: %v", act, rec, err)
		}
		r, ok := find(rec)
		if !ok || r.ref.Deleted || r.act != nil || r.ref.Num != l.num {
			report("activity %s is associated with %s, which is missing, deleted, an activity or of another object", act, rec)
		}
	}
	it.Close()
	for pair := range onTimelines {
		report("the timeline of %s shows %s, which is not associated with it", pair[1], pair[0])
	}
	var live []uuid.UUID // every live activity
	it = txn.NewIterator(badger.IteratorOptions{Prefix: []byte{keys.PrefixActivity}})
	for it.Rewind(); it.Valid(); it.Next() {
		if id, err := keys.ParseActivity(it.Item().Key()); err == nil { // else the records' checker reports it
			if a, ok := find(id); ok && !a.ref.Deleted {
				live = append(live, id)
			}
		}
	}
	it.Close()
	for _, o := range s.schema.Objects() {
		if o.IsActivity() && o.Indexed() { // tasks: in the records index
			for offset := 0; ; offset += records.MaxPage {
				page, err := s.records.List(records.ListQuery{Object: o.ID, Offset: offset, Limit: records.MaxPage})
				if err != nil {
					return err
				}
				for _, r := range page.Records {
					live = append(live, uuid.MustParse(r.ID))
				}
				if len(page.Records) < records.MaxPage {
					break
				}
			}
		}
	}
	for _, id := range live {
		if linked[id] == 0 {
			report("activity %s belongs to no record", id)
		}
	}
	it = txn.NewIterator(badger.IteratorOptions{Prefix: []byte{keys.PrefixActivityGone}, PrefetchValues: true})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		a, b, err := keys.ParseActivityGone(it.Item().Key())
		if err != nil {
			report("%v", err)
			continue
		}
		if _, err := txn.Get(keys.ActivityGone(b, a)); err != nil {
			report("activity tombstone %s → %s has no mirror", a, b)
		}
	}
	return nil
}
