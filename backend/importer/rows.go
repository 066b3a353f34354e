package importer

import (
	"fmt"
	"strings"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"fieldbook/backend/associations"
	"fieldbook/backend/errs"
	"fieldbook/backend/keys"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
)

// A pass reads the file in batches of rows. For each batch it looks up
// every record the rows name at once (IDs, emails, domains, names), then
// plans the rows one by one in file order: which record each object of
// the row is (found, or new with an ID chosen now), what changes, which
// associations, and every problem. A check stops there; an import writes
// the rows without problems in one transaction.

// rawRow is one data row as read.
type rawRow struct {
	num   int // 1 = the first data row
	cells []string
	err   string // the row could not be read
}

// lookup kinds of the run's own directory of records (see pass.known).
const (
	byExternal = 'x' // an ID in an ID column or an association column
	byKey      = 'k' // a contact's email, a company's domain (records.KeyOf)
	byName     = 'n' // an exact display name
	byRow      = 'r' // a row of this file, for objects with no key
)

type knownKey struct {
	num   uint16
	kind  byte
	value string
}

// objectRow is one object of one row, planned.
type objectRow struct {
	present bool // the row has values for it
	id      uuid.UUID
	found   bool // an existing record
	again   bool // a record an earlier row of the file creates
	mapNew  bool // found by its key, its ID column's value is new: map it
	create  bool
	props   map[string]any
	extID   string // its ID column's value
	key     string // its unique key, "" for none
	name    string // its display name, when new
}

// plannedRow is a row ready to write.
type plannedRow struct {
	num      int
	objects  []objectRow
	links    []associations.Link
	problems []Problem
	known    []knownKey // what this row added to the run's directory
	planned  []plannedLink
	waiting  []waitingLink
	limits   map[limitKey]int // what its new associations add to the limits' counts
	newLinks int
	labels   int
	pending  int
}

func (r *plannedRow) fail(column, value, message string) {
	r.problems = append(r.problems, Problem{Row: r.num, Column: column, Value: short(value), Message: message})
}

func short(s string) string {
	const max = 200
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && (s[cut]&0xC0) == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}

// lookups are the answers a batch's bulk lookups found.
type lookups struct {
	byKey  map[knownKey][]uuid.UUID
	values map[uuid.UUID]records.RecordView // found records' values
}

// gather collects what a batch's rows name and looks it all up at once.
func (ps *pass) gather(rows []rawRow) (*lookups, error) {
	lk := &lookups{byKey: map[knownKey][]uuid.UUID{}, values: map[uuid.UUID]records.RecordView{}}
	want := map[knownKey]bool{}
	ask := func(k knownKey) {
		if k.value == "" {
			return
		}
		if _, ok := ps.known[k]; !ok {
			want[k] = true
		}
	}
	for _, row := range rows {
		if row.err != "" {
			continue
		}
		for oi := range ps.p.objects {
			obj := &ps.p.objects[oi]
			ask(knownKey{obj.Num, byExternal, ps.idCell(row, oi)})
			if col, ok := ps.keyColumn[oi]; ok {
				ask(knownKey{obj.Num, byKey, records.KeyOf(obj, cell(row, col))})
			}
			if ps.idCell(row, oi) == "" {
				if col, ok := ps.keyColumn[oi]; !ok || records.KeyOf(obj, cell(row, col)) == "" {
					ask(knownKey{obj.Num, byRow, ps.rowKey(row.num, oi)})
				}
			}
		}
		for ci, c := range ps.p.Columns {
			if c.Kind != Association {
				continue
			}
			t := ps.p.targets[c.Target]
			for _, v := range split(cell(row, ci)) {
				switch c.Match {
				case ByID:
					ask(knownKey{t.Num, byExternal, v})
				case ByEmail, ByDomain:
					ask(knownKey{t.Num, byKey, records.KeyOf(&t, v)})
				case ByName:
					ask(knownKey{t.Num, byName, v})
				}
			}
		}
	}
	// Group by object and kind, then ask each source once.
	type group struct {
		num  uint16
		kind byte
	}
	groups := map[group][]string{}
	for k := range want {
		groups[group{k.num, k.kind}] = append(groups[group{k.num, k.kind}], k.value)
	}
	var external []knownKey
	for g, values := range groups {
		obj, ok := ps.s.schema.ByNum(g.num)
		if !ok {
			continue
		}
		switch g.kind {
		case byKey, byName:
			find := ps.s.recs.FindByKey
			if g.kind == byName {
				find = ps.s.recs.FindByName
			}
			found, err := find(obj.ID, values)
			if err != nil {
				return nil, err
			}
			for i, v := range values {
				if len(found[i]) > 0 {
					lk.byKey[knownKey{g.num, g.kind, v}] = found[i]
				}
			}
		case byExternal, byRow:
			for _, v := range values {
				k := knownKey{g.num, g.kind, v}
				if id, err := uuid.Parse(v); err == nil && len(v) == 36 && g.kind == byExternal {
					if ref, ok := ps.s.recs.Lookup(id); ok && ref.Num == g.num {
						lk.byKey[k] = []uuid.UUID{id}
					} else if ok {
						lk.byKey[k] = []uuid.UUID{uuid.Nil} // another object's record
					}
					continue
				}
				external = append(external, k)
			}
		}
	}
	if len(external) > 0 {
		err := ps.s.log.Store().View(func(txn *badger.Txn) error {
			for _, k := range external {
				item, err := txn.Get(ps.externalKey(k))
				if err == badger.ErrKeyNotFound {
					continue
				}
				if err != nil {
					return err
				}
				if err := item.Value(func(v []byte) error {
					if len(v) != 16 {
						return nil
					}
					// A record since deleted (an undone import's) is as
					// good as unmapped: the row makes a new one.
					if ref, ok := ps.s.recs.Lookup(uuid.UUID(v)); ok && !ref.Deleted {
						lk.byKey[k] = []uuid.UUID{uuid.UUID(v)}
					}
					return nil
				}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	// The values of the records rows may update, to tell changed from
	// unchanged.
	var ids []uuid.UUID
	for k, found := range lk.byKey {
		if k.kind != byName && len(found) == 1 && found[0] != uuid.Nil {
			ids = append(ids, found[0])
		}
	}
	if len(ids) > 0 {
		views, err := ps.s.recs.GetMany(ids)
		if err != nil {
			return nil, err
		}
		for i, v := range views {
			if v.ID != "" && v.DeletedAt == "" {
				lk.values[ids[i]] = v
			}
		}
	}
	return lk, nil
}

// externalKey is where the ID another system gives a record is mapped.
func (ps *pass) externalKey(k knownKey) []byte {
	if k.kind == byRow {
		return keys.External(ps.rowSystem, k.num, k.value)
	}
	return keys.External(ps.system, k.num, k.value)
}

// find returns the records a key names: this run's first, then the
// lookups'.
func (ps *pass) find(lk *lookups, k knownKey) []uuid.UUID {
	if id, ok := ps.known[k]; ok {
		return []uuid.UUID{id}
	}
	return lk.byKey[k]
}

func cell(row rawRow, col int) string {
	if col < len(row.cells) {
		return row.cells[col]
	}
	return ""
}

// split reads a cell naming several records or labels: "a; b;c".
func split(v string) []string {
	if v == "" {
		return nil
	}
	var out []string
	for _, part := range strings.Split(v, ";") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

func (ps *pass) idCell(row rawRow, oi int) string {
	if col, ok := ps.idColumn[oi]; ok {
		return cell(row, col)
	}
	return ""
}

// rowKey names a row's object when nothing else does, so that importing
// the same file again finds the records the first import made.
func (ps *pass) rowKey(num, oi int) string {
	if ps.rowSystem == "" {
		return ""
	}
	return fmt.Sprintf("%d", num)
}

// planRow plans one row against the batch's lookups.
func (ps *pass) planRow(row rawRow, lk *lookups) plannedRow {
	out := plannedRow{num: row.num, objects: make([]objectRow, len(ps.p.objects))}
	if row.err != "" {
		out.fail("", "", row.err)
		return out
	}
	if len(row.cells) > len(ps.p.Columns) {
		out.fail("", "", fmt.Sprintf("This row has %d values; the first row names %d columns.", len(row.cells), len(ps.p.Columns)))
		return out
	}
	// Values, object by object.
	for ci, c := range ps.p.Columns {
		v := cell(row, ci)
		if v == "" {
			continue
		}
		oi := ps.p.index[c.Object]
		o := &out.objects[oi]
		switch c.Kind {
		case Property:
			obj := &ps.p.objects[oi]
			prop, _ := obj.Property(c.Property)
			val, err := readValue(obj, prop, v)
			if err != nil {
				out.fail(c.Header, v, errs.As(err).Message)
				continue
			}
			if val == nil {
				continue
			}
			if o.props == nil {
				o.props = map[string]any{}
			}
			o.props[prop.Name] = val
			o.present = true
		case RecordID:
			o.extID, o.present = v, true
		case Association, Labels:
			o.present = true
		}
	}
	if len(out.problems) > 0 {
		return out
	}
	present := 0
	for oi := range out.objects {
		if out.objects[oi].present {
			present++
		}
	}
	if present == 0 {
		out.fail("", "", "This row is empty.")
		return out
	}
	for oi := range out.objects {
		if out.objects[oi].present {
			ps.matchObject(&out, oi, row, lk)
		}
	}
	if len(out.problems) > 0 {
		return out
	}
	ps.planLinks(&out, row, lk)
	if len(out.problems) > 0 {
		return out
	}
	ps.checkLimits(&out)
	return out
}

// matchObject finds which record a row's object is, or plans a new one.
func (ps *pass) matchObject(out *plannedRow, oi int, row rawRow, lk *lookups) {
	obj := &ps.p.objects[oi]
	o := &out.objects[oi]
	mode := ps.p.Objects[oi].Mode
	var found []uuid.UUID
	what := ""
	if o.extID != "" {
		found = ps.find(lk, knownKey{obj.Num, byExternal, o.extID})
		what = fmt.Sprintf("the Record ID %s", o.extID)
		if len(found) == 1 && found[0] == uuid.Nil {
			out.fail(ps.p.Columns[ps.idColumn[oi]].Header, o.extID, fmt.Sprintf("%s is the ID of a record that is not a %s.", o.extID, strings.ToLower(obj.Singular)))
			return
		}
	}
	if len(found) == 0 {
		if col, ok := ps.keyColumn[oi]; ok {
			if key := records.KeyOf(obj, cell(row, col)); key != "" {
				o.key = key
				found = ps.find(lk, knownKey{obj.Num, byKey, key})
				if what == "" {
					what = fmt.Sprintf("%s %s", ps.p.Columns[col].Header, key)
				}
				if len(found) > 1 {
					out.fail(ps.p.Columns[col].Header, cell(row, col), fmt.Sprintf("%d %s have %s; the import does not pick one. Merge them first, or give a Record ID.", len(found), strings.ToLower(obj.Plural), key))
					return
				}
				// Found by its key, it now answers to its ID too.
				o.mapNew = len(found) == 1 && o.extID != "" && !isFieldbookID(o.extID)
			}
		}
		if o.key == "" && o.extID == "" {
			found = ps.find(lk, knownKey{obj.Num, byRow, ps.rowKey(row.num, oi)})
		}
	}
	if len(found) == 1 {
		o.id, o.found = found[0], true
		if o.mapNew {
			ps.remember(out, knownKey{obj.Num, byExternal, o.extID}, o.id)
		}
		if made, ok := ps.createdHere[o.id]; ok { // an earlier row made it
			o.again = true
			if !differs(o.props, made) {
				o.props = nil
			}
			for k, v := range o.props {
				made[k] = v
			}
			return
		}
		if mode == CreateOnly {
			o.props = nil // an existing record is left as it is
		}
		return
	}
	if mode == UpdateOnly {
		msg := fmt.Sprintf("No %s matches this row, and %s are set to update only.", strings.ToLower(obj.Singular), strings.ToLower(obj.Plural))
		if what != "" {
			msg = fmt.Sprintf("No %s has %s, and %s are set to update only.", strings.ToLower(obj.Singular), what, strings.ToLower(obj.Plural))
		}
		out.fail("", "", msg)
		return
	}
	if err := obj.RequireName(o.props); err != nil {
		out.fail("", "", fmt.Sprintf("A new %s needs a name: %s", strings.ToLower(obj.Singular), errs.As(err).Message))
		return
	}
	o.create = true
	if id, err := uuid.Parse(o.extID); err == nil && len(o.extID) == 36 {
		o.id = id // a Fieldbook ID no record has: the record comes back with it (an export imported elsewhere)
	} else {
		o.id = mustNewID()
	}
	o.name = obj.DisplayName(o.props)
	if o.key != "" || o.extID != "" { // a later row can name it again
		ps.createdHere[o.id] = clone(o.props)
	}
	ps.remember(out, knownKey{obj.Num, byExternal, o.extID}, o.id)
	ps.remember(out, knownKey{obj.Num, byKey, o.key}, o.id)
	ps.remember(out, knownKey{obj.Num, byName, o.name}, o.id)
	if o.key == "" && o.extID == "" {
		ps.remember(out, knownKey{obj.Num, byRow, ps.rowKey(row.num, oi)}, o.id)
	}
}

func (ps *pass) remember(out *plannedRow, k knownKey, id uuid.UUID) {
	if k.value == "" {
		return
	}
	if _, ok := ps.known[k]; ok {
		return
	}
	ps.known[k] = id
	out.known = append(out.known, k)
}

// forget takes back what a row that was not written remembered.
func (ps *pass) forget(row *plannedRow) {
	for _, k := range row.known {
		delete(ps.known, k)
	}
}

func mustNewID() uuid.UUID {
	id, err := uuid.NewV7()
	if err != nil {
		return uuid.New()
	}
	return id
}

// readValue reads a cell as a property's value, with the forms other apps
// write dates in and HubSpot's option values.
func readValue(obj *schema.ObjectDef, prop schema.Property, v string) (any, error) {
	switch prop.Type {
	case schema.Date:
		if t, ok := parseTime(v); ok {
			v = t.Format("2006-01-02")
		}
	case schema.DateTime:
		if t, ok := parseTime(v); ok {
			v = t.UTC().Format(time.RFC3339)
		}
	case schema.Dropdown:
		if mapped, ok := HubSpotValue(obj.ID, prop.Name, v); ok {
			v = mapped
		}
	}
	return prop.Normalize(v)
}

var timeLayouts = []string{
	time.RFC3339Nano, "2006-01-02", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04:05", "2006-01-02T15:04",
	"2006-01-02 15:04:05 MST", "2006/01/02", "2006/01/02 15:04",
}

func parseTime(v string) (time.Time, bool) {
	for _, layout := range timeLayouts {
		if t, err := time.ParseInLocation(layout, v, time.Local); err == nil {
			return t, true
		}
	}
	if ms, ok := epochMillis(v); ok { // HubSpot's API and some exports
		return time.UnixMilli(ms), true
	}
	return time.Time{}, false
}

func epochMillis(v string) (int64, bool) {
	if len(v) != 13 {
		return 0, false
	}
	var ms int64
	for _, r := range v {
		if r < '0' || r > '9' {
			return 0, false
		}
		ms = ms*10 + int64(r-'0')
	}
	return ms, true
}
