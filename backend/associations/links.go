package associations

import (
	"errors"
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"fieldbook/backend/changelog"
	"fieldbook/backend/errs"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
)

// Link is one association to make, the input every way of associating
// shares: an edit from a record's page becomes one Link per target, an
// import gives them row by row, and a Batch links the records it creates.
// To becomes one of From's associated records, with Labels read from From;
// Primary makes To From's primary company. From and To are record IDs, or
// in a Batch the Key of a record it creates. Source, when set, is what made
// this association if not the operation's source: in one operation a user
// picks some records and a rule adds others (an activity's automatic
// associations), and history tells them apart.
type Link struct {
	From    string           `json:"from"`
	To      string           `json:"to"`
	Labels  []LabelRef       `json:"labels"`
	Primary bool             `json:"primary"`
	Source  changelog.Source `json:"source,omitempty"`
	// Note says more about why a rule made the association ("2 other
	// companies share acme.com"); history shows it. Not bound to the UI.
	Note string `json:"-"`
}

// maxNote bounds a link's note.
const maxNote = 200

// link is a Link resolved: both records known, the labels on their sides.
type link struct {
	from, to member
	labels   []labelRef
	primary  bool
	source   changelog.Source // "" for the operation's
	note     string
}

// linkFields name a link's parts in errors: an edit calls its ends
// "record" and "targets", an import or a batch "from" and "to".
type linkFields struct{ from, to string }

var (
	editFields = linkFields{"record", "targets"}
	linkInput  = linkFields{"from", "to"}
)

// resolver finds the records links name, each once: live records by ID,
// and the records a batch creates by their keys.
type resolver struct {
	s      *Service
	fields linkFields
	known  map[string]member
	txn    *badger.Txn // the transaction under way, to read activities; nil in a plan
}

func (s *Service) resolver(fields linkFields, txn *badger.Txn) *resolver {
	return &resolver{s: s, fields: fields, known: map[string]member{}, txn: txn}
}

func (r *resolver) member(field, text string) (member, error) {
	if m, ok := r.known[text]; ok {
		return m, nil
	}
	m, err := r.s.liveRecord(r.txn, field, text)
	if err == nil {
		r.known[text] = m
	}
	return m, err
}

// link checks l: live records, not the same one, a defined pair, labels
// of that pair.
func (r *resolver) link(l Link) (link, error) {
	from, err := r.member(r.fields.from, l.From)
	if err != nil {
		return link{}, err
	}
	to, err := r.member(r.fields.to, l.To)
	if err != nil {
		return link{}, err
	}
	if from.id == to.id {
		return link{}, errs.Invalid(r.fields.to, fmt.Sprintf("%s cannot be associated with itself.", quote(from.ref.Name)))
	}
	if l.Source != "" && !slices.Contains(changelog.Sources, l.Source) {
		return link{}, errs.Invalid("source", fmt.Sprintf("%q is not a source of changes.", l.Source))
	}
	if from.act != nil || to.act != nil {
		return r.activityLink(l, from, to)
	}
	p, err := r.s.definedPair(from.obj, to.obj)
	if err != nil {
		return link{}, err
	}
	if len(l.Note) > maxNote || !utf8.ValidString(l.Note) {
		return link{}, errs.Invalid("note", fmt.Sprintf("A note on an association is valid text of at most %d bytes.", maxNote))
	}
	out := link{from: from, to: to, primary: l.Primary, source: l.Source, note: l.Note}
	for _, lr := range l.Labels {
		resolved, err := resolveLabel(p, from.obj, to.obj, lr)
		if err != nil {
			return link{}, err
		}
		out.labels = append(out.labels, resolved)
	}
	return out, nil
}

// resolveLabel turns a label named from a record of from into its side.
// Between two objects the side follows from the objects; within one object
// it is the caller's choice.
func resolveLabel(p *Pair, from, to schema.ObjectDef, l LabelRef) (labelRef, error) {
	def, ok := p.label(l.ID)
	if !ok {
		return labelRef{}, errs.Invalid("labels", fmt.Sprintf("%s and %s have no label with ID %d; it may have been deleted.", from.Plural, to.Plural, l.ID))
	}
	if def.From != def.To {
		if def.From == from.ID {
			return labelRef{l.ID, 0}, nil
		}
		return labelRef{l.ID, 1}, nil
	}
	if l.Inverse && def.Kind != Single {
		return labelRef{l.ID, 1}, nil
	}
	return labelRef{l.ID, 0}, nil
}

// liveRecord parses an ID and finds the live record it names (an
// activity only inside a transaction, txn).
func (s *Service) liveRecord(txn *badger.Txn, field, text string) (member, error) {
	id, err := records.ParseID(text)
	if err != nil {
		return member{}, errs.Invalid(field, errs.As(err).Message)
	}
	m, ok, err := s.lookup(txn, id)
	if err != nil {
		return member{}, err
	}
	if !ok {
		return member{}, &errs.Error{Code: errs.CodeNotFound, Field: field,
			Message: fmt.Sprintf("No record has the ID %s. It may have been deleted permanently.", id)}
	}
	if m.ref.Deleted {
		return member{}, errs.Invalid(field, fmt.Sprintf("%s is in the recycle bin. Restore it first.", quote(m.ref.Name)))
	}
	return m, nil
}

// applyLinks resolves and applies links in one draft; a refused link is
// named by its position (counted from first) when there are several.
func (s *Service) applyLinks(d *draft, r *resolver, links []Link, first int) (Result, error) {
	var res Result
	for i, in := range links {
		l, err := r.link(in)
		if err == nil {
			d.seed(l.from)
			d.seed(l.to)
			var changed bool
			if l.isActivity() {
				changed, err = d.linkActivity(l)
			} else {
				changed, err = d.apply(l)
			}
			res.count(changed)
		}
		if err != nil && (len(links) > 1 || first > 0) {
			e := errs.As(err)
			return res, &errs.Error{Code: e.Code, Field: e.Field, Message: fmt.Sprintf("Association %d: %s", first+i+1, e.Message)}
		}
		if err != nil {
			return res, err
		}
	}
	return res, nil
}

// importBatch is how many links one transaction of Import applies.
const importBatch = 1000

// Import applies many links between existing records (an import, sample
// data), importBatch per transaction: a failing link stops the import and
// its batch is not applied, the batches before it stay. Rules apply as in
// Associate; limits too. It returns how many links changed something.
//
// Each batch is prepared while Badger writes the one before it (see
// store.Submit), and shown to readers as soon as it is handed over, so that
// the next builds on it; if a commit fails, the graph is read again from
// the store. Batches with activities, whose associations are read from
// the store, wait for the one before to land.
func (s *Service) Import(meta changelog.Meta, links []Link) (Result, error) {
	var total Result
	var inFlight func() error
	landed := func() error {
		if inFlight == nil {
			return nil
		}
		err := inFlight()
		inFlight = nil
		if err != nil {
			return errors.Join(err, s.reload())
		}
		return nil
	}
	for start := 0; start < len(links); start += importBatch {
		batch := links[start:min(start+importBatch, len(links))]
		if !s.inGraph(batch) {
			if err := landed(); err != nil {
				return total, err
			}
		}
		var res Result
		wait, err := s.submit(meta, func(d *draft) (err error) {
			res, err = s.applyLinks(d, s.resolver(linkInput, d.tx.Txn), batch, start)
			return err
		})
		if err != nil {
			return total, errors.Join(err, landed())
		}
		inFlight = wait
		total.Changed += res.Changed
		total.Unchanged += res.Unchanged
	}
	return total, landed()
}

// inGraph says whether every record links name is one the in-memory graph
// holds (not an activity, not unknown), so a batch of them reads nothing
// from the store.
func (s *Service) inGraph(links []Link) bool {
	for _, l := range links {
		for _, text := range [2]string{l.From, l.To} {
			id, err := uuid.Parse(text)
			if err != nil {
				return false
			}
			ref, ok := s.records.Lookup(id)
			if !ok {
				return false
			}
			if obj, ok := s.schema.ByNum(ref.Num); !ok || obj.IsActivity() {
				return false
			}
		}
	}
	return true
}

// NewRecord is a record a Batch creates; Key names it in the batch's links
// (any text that is not a record ID, unique in the batch).
type NewRecord struct {
	ID      uuid.UUID      `json:"-"` // zero: a new one; a bulk writer may name its records first
	Checked bool           `json:"-"` // see records.Input
	Key     string         `json:"key"`
	Object  string         `json:"object"`
	Props   map[string]any `json:"props"`
}

// Batch is records to create and links to make, new records with each
// other or with existing ones, in one operation: all of it lands or none
// does (create-and-associate, an import's rows, an activity logged on a
// record and its associated records).
type Batch struct {
	Records []NewRecord `json:"records"`
	Links   []Link      `json:"links"`
	// Edits change existing records in the same transaction (an import's
	// rows that match records); not bound to the frontend.
	Edits []records.Edit `json:"-"`
	// Then runs last inside the transaction, with the records created (a
	// bulk writer's own bookkeeping, which must land with the batch).
	Then func(tx *changelog.Tx, made []records.Created) error `json:"-"`
}

// BatchResult is what a batch did: the records it created, in its order,
// what its links changed, and which edits changed a value.
type BatchResult struct {
	Records []records.RecordView `json:"records"`
	Links   Result               `json:"links"`
	Changed []bool               `json:"-"`
}

// MaxBatchLinks bounds the links of one batch (one transaction); a batch's
// records are bounded by records.MaxCreateLinked.
const MaxBatchLinks = 2 * importBatch

// Create creates a batch's records and makes its links in one transaction
// and one operation of the change log. Records are checked as Create
// checks them, links as Associate does, limits included; any refusal
// leaves nothing behind.
func (s *Service) Create(meta changelog.Meta, b Batch) (BatchResult, error) {
	if len(b.Links) > MaxBatchLinks {
		return BatchResult{}, errs.Invalid("links", fmt.Sprintf("Give at most %d associations at a time.", MaxBatchLinks))
	}
	if len(b.Records) == 0 && len(b.Edits) == 0 && b.Then == nil {
		var out BatchResult
		err := s.write(meta, func(d *draft) (err error) {
			out.Links, err = s.applyLinks(d, s.resolver(linkInput, d.tx.Txn), b.Links, 0)
			return err
		})
		return out, err
	}
	rows := make([]records.Input, len(b.Records))
	keys := make(map[string]bool, len(b.Records))
	for i, r := range b.Records {
		if _, err := uuid.Parse(r.Key); err == nil || r.Key == "" || keys[r.Key] {
			return BatchResult{}, errs.Invalid("records", fmt.Sprintf("Record %d needs a key of its own that is not a record ID.", i+1))
		}
		keys[r.Key] = true
		rows[i] = records.Input{ID: r.ID, Object: r.Object, Props: r.Props, Checked: r.Checked}
	}
	var out BatchResult
	applied, err := s.records.Apply(meta, rows, b.Edits, func(tx *changelog.Tx, made []records.Created) (func(), error) {
		d := s.newDraft(tx, "")
		r := s.resolver(linkInput, tx.Txn)
		for i, m := range made {
			obj, ok := s.schema.ByNum(m.Ref.Num)
			if !ok {
				return nil, fmt.Errorf("record %s belongs to unknown object number %d", m.ID, m.Ref.Num)
			}
			made := member{id: m.ID, ref: m.Ref, obj: obj, created: true}
			if obj.IsActivity() {
				made.act = infoOf(&obj, m.Record)
			}
			r.known[b.Records[i].Key] = made
		}
		var err error
		if out.Links, err = s.applyLinks(d, r, b.Links, 0); err != nil {
			return nil, err
		}
		if err := d.finish(); err != nil {
			return nil, err
		}
		if b.Then != nil {
			if err := b.Then(tx, made); err != nil {
				return nil, err
			}
		}
		return d.publish, nil
	})
	out.Records, out.Changed = applied.Created, applied.Changed
	return out, err
}

// CreateAssociated creates a record of object and associates record with
// it in one operation (labels read from record; primary: the new record
// becomes record's primary company). A refusal leaves nothing behind.
func (s *Service) CreateAssociated(meta changelog.Meta, record, object string, props map[string]any, labels []LabelRef, primary bool) (records.RecordView, error) {
	const key = "new"
	res, err := s.Create(meta, Batch{
		Records: []NewRecord{{Key: key, Object: object, Props: props}},
		Links:   []Link{{From: record, To: key, Labels: labels, Primary: primary}},
	})
	if err != nil {
		return records.RecordView{}, err
	}
	return res.Records[0], nil
}
