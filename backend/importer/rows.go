package importer

import (
	"fmt"
	"hash/maphash"
	"strconv"
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
}

// plannedRow is a row ready to write.
type plannedRow struct {
	num      int
	raw      rawRow
	refs     []cellRef // the records its association columns name
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

// cellRef is one record an association cell names: the value, and the
// key it stands for when it is an email or a domain.
type cellRef struct {
	column int
	value  string
	key    string
}

// fingerprint stands for a record's values: a later row naming a record
// an earlier row created changes it unless it repeats them.
func fingerprint(props map[string]any) uint64 {
	var sum uint64
	var h maphash.Hash
	h.SetSeed(fingerprintSeed)
	for k, v := range props {
		h.Reset()
		h.WriteString(k)
		h.WriteByte(0)
		switch x := v.(type) {
		case string:
			h.WriteString(x)
		case float64:
			maphash.WriteComparable(&h, x)
		case bool:
			maphash.WriteComparable(&h, x)
		}
		sum += h.Sum64() // order-free
	}
	return sum
}

var fingerprintSeed = maphash.MakeSeed()

// lookups are the answers a batch's bulk lookups found.
type lookups struct {
	byKey  map[knownKey][]uuid.UUID
	values map[uuid.UUID]records.RecordView // found records' values
}

// gather collects what a batch's rows name and looks it all up at once.
func (ps *pass) gather(rows []plannedRow) (*lookups, error) {
	lk := &lookups{byKey: map[knownKey][]uuid.UUID{}, values: map[uuid.UUID]records.RecordView{}}
	want := map[knownKey]bool{}
	ask := func(k knownKey) { // what this pass makes it finds in pass.known first
		if k.value != "" {
			want[k] = true
		}
	}
	for ri := range rows {
		row := &rows[ri]
		if len(row.problems) > 0 {
			continue
		}
		for oi, o := range row.objects {
			if !o.present {
				continue
			}
			num := ps.p.objects[oi].Num
			ask(knownKey{num, byExternal, o.extID})
			ask(knownKey{num, byKey, o.key})
			if o.extID == "" && o.key == "" {
				ask(knownKey{num, byRow, ps.rowKey(row.num)})
			}
		}
		for _, ref := range row.refs {
			c := ps.p.Columns[ref.column]
			t := ps.p.targets[c.Target]
			switch c.Match {
			case ByID:
				ask(knownKey{t.Num, byExternal, ref.value})
			case ByEmail, ByDomain:
				ask(knownKey{t.Num, byKey, ref.key})
			case ByName:
				ask(knownKey{t.Num, byName, ref.value})
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
	// A check tells changed from unchanged by the values of the records
	// rows may update; an import learns it from its writes.
	if ps.write {
		return lk, nil
	}
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

// rowKey names a row (its objects apart by their number in the key) when
// nothing else names them, so that importing the same file again finds
// the records the first import made.
func (ps *pass) rowKey(num int) string {
	if ps.rowSystem == "" {
		return ""
	}
	return strconv.Itoa(num)
}

// parse reads a row's values for each of its objects, and the keys of
// the records its association columns name: the work of a row that needs
// no other row, so a batch's rows are parsed on two goroutines.
func (ps *pass) parse(row rawRow) plannedRow {
	out := plannedRow{num: row.num, raw: row, objects: make([]objectRow, len(ps.p.objects))}
	if row.err != "" {
		out.fail("", "", row.err)
		return out
	}
	if len(row.cells) > len(ps.p.Columns) {
		out.fail("", "", fmt.Sprintf("This row has %d values; the first row names %d columns.", len(row.cells), len(ps.p.Columns)))
		return out
	}
	for ci, c := range ps.p.Columns {
		v := cell(row, ci)
		if v == "" || c.Kind == Skip {
			continue
		}
		oi := ps.p.index[c.Object]
		o := &out.objects[oi]
		o.present = true
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
				o.props = make(map[string]any, 8)
			}
			o.props[prop.Name] = val
			if s, ok := val.(string); ok && isKey(obj, prop.Name) {
				o.key = records.KeyOfValue(obj, s)
			}
		case RecordID:
			o.extID = v
		case Association:
			t := ps.p.targets[c.Target]
			for _, name := range split(v) {
				ref := cellRef{column: ci, value: name}
				if c.Match == ByEmail || c.Match == ByDomain {
					ref.key = records.KeyOf(&t, name)
				}
				out.refs = append(out.refs, ref)
			}
		}
	}
	if len(out.problems) == 0 {
		present := false
		for oi := range out.objects {
			present = present || out.objects[oi].present
		}
		if !present {
			out.fail("", "", "This row is empty.")
		}
	}
	return out
}

// plan matches a parsed row's records and plans its associations against
// the batch's lookups; rows are planned in file order, each seeing what
// the rows before it make.
func (ps *pass) plan(out *plannedRow, lk *lookups) {
	if len(out.problems) > 0 {
		return
	}
	for oi := range out.objects {
		if out.objects[oi].present {
			ps.matchObject(out, oi, lk)
		}
	}
	if len(out.problems) > 0 {
		return
	}
	ps.planLinks(out, lk)
	if len(out.problems) > 0 {
		return
	}
	ps.checkLimits(out)
}

// matchObject finds which record a row's object is, or plans a new one.
func (ps *pass) matchObject(out *plannedRow, oi int, lk *lookups) {
	obj := &ps.p.objects[oi]
	o := &out.objects[oi]
	mode := ps.p.Objects[oi].Mode
	var found []uuid.UUID
	what := func() string { return "" } // how the row names it, for an error
	if o.extID != "" {
		found = ps.find(lk, knownKey{obj.Num, byExternal, o.extID})
		what = func() string { return fmt.Sprintf("the Record ID %s", o.extID) }
		if len(found) == 1 && found[0] == uuid.Nil {
			out.fail(ps.p.Columns[ps.idColumn[oi]].Header, o.extID, fmt.Sprintf("%s is the ID of a record that is not a %s.", o.extID, strings.ToLower(obj.Singular)))
			return
		}
	}
	if len(found) == 0 {
		if o.key != "" {
			col := ps.keyColumn[oi]
			found = ps.find(lk, knownKey{obj.Num, byKey, o.key})
			if o.extID == "" {
				what = func() string { return fmt.Sprintf("%s %s", ps.p.Columns[col].Header, o.key) }
			}
			if len(found) > 1 {
				out.fail(ps.p.Columns[col].Header, cell(out.raw, col), fmt.Sprintf("%d %s have %s; the import does not pick one. Merge them first, or give a Record ID.", len(found), strings.ToLower(obj.Plural), o.key))
				return
			}
			// Found by its key, it now answers to its ID too.
			o.mapNew = len(found) == 1 && o.extID != "" && !isFieldbookID(o.extID)
		}
		if o.key == "" && o.extID == "" {
			found = ps.find(lk, knownKey{obj.Num, byRow, ps.rowKey(out.num)})
		}
	}
	if len(found) == 1 {
		o.id, o.found = found[0], true
		if o.mapNew {
			ps.remember(out, knownKey{obj.Num, byExternal, o.extID}, o.id)
		}
		if made, ok := ps.createdHere[o.id]; ok { // an earlier row made it
			o.again = true
			if fingerprint(o.props) == made {
				o.props = nil // the same values again
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
		if named := what(); named != "" {
			msg = fmt.Sprintf("No %s has %s, and %s are set to update only.", strings.ToLower(obj.Singular), named, strings.ToLower(obj.Plural))
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
	if o.key != "" || o.extID != "" { // a later row can name it again
		ps.createdHere[o.id] = fingerprint(o.props)
	}
	ps.remember(out, knownKey{obj.Num, byExternal, o.extID}, o.id)
	ps.remember(out, knownKey{obj.Num, byKey, o.key}, o.id)
	if ps.byName[obj.Num] { // an association column names such records
		ps.remember(out, knownKey{obj.Num, byName, obj.DisplayName(o.props)}, o.id)
	}
	if o.key == "" && o.extID == "" {
		ps.remember(out, knownKey{obj.Num, byRow, ps.rowKey(out.num)}, o.id)
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
