package associations

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"fieldbook/backend/changelog"
	"fieldbook/backend/errs"
	"fieldbook/backend/keys"
	"fieldbook/backend/schema"
)

// LabelKind is how a label reads and how many a record may carry; stored
// in pair definitions and bound to the frontend (app.Enums).
type LabelKind string

const (
	Single  LabelKind = "single"  // reads the same both ways ("Colleague")
	Paired  LabelKind = "paired"  // one name per direction ("Manager" ↔ "Employee")
	Primary LabelKind = "primary" // at most one per record on its From side
)

// LabelKinds lists every label kind, for binding to the frontend.
var LabelKinds = []LabelKind{Single, Paired, Primary}

// PrimaryLabel is the ID of the built-in "Primary" label of every object's
// pair with Companies: the company is the record's primary company.
const PrimaryLabel uint32 = 1

// Label is one way two associated records can relate. Name is what a record
// of To is to a record of From (shown on the From record's page), Inverse
// the other way round (equal to Name for single labels).
type Label struct {
	ID      uint32    `json:"id"`
	Kind    LabelKind `json:"kind"`
	From    string    `json:"from"`
	To      string    `json:"to"`
	Name    string    `json:"name"`
	Inverse string    `json:"inverse"`
	BuiltIn bool      `json:"builtIn"`
}

// Limit caps how many records of the other object a record of From may be
// associated with: all of them (Label 0) or those carrying one label, read
// from From's side (Inverse: its inverse name, for pairs of one object).
type Limit struct {
	From    string `json:"from"`
	Label   uint32 `json:"label"`
	Inverse bool   `json:"inverse"`
	Max     int    `json:"max"`
}

// Pair is the definition of the associations between two objects (A's
// number ≤ B's). Pairs of built-in objects are always defined; a custom
// object's pairs exist once the user defines them.
type Pair struct {
	A       string  `json:"a"`
	B       string  `json:"b"`
	Defined bool    `json:"defined"`
	Labels  []Label `json:"labels"`
	Limits  []Limit `json:"limits"`
	NextID  uint32  `json:"nextId"`
}

type pairKey struct{ lo, hi uint16 }

func keyOf(a, b uint16) pairKey {
	if a > b {
		a, b = b, a
	}
	return pairKey{a, b}
}

func (k pairKey) bytes() []byte { return keys.Pair(k.lo, k.hi) }

// label returns the pair's label by ID.
func (p *Pair) label(id uint32) (Label, bool) {
	for _, l := range p.Labels {
		if l.ID == id {
			return l, true
		}
	}
	return Label{}, false
}

// clone is a deep copy, to change without touching the one readers see.
func (p *Pair) clone() *Pair {
	c := *p
	c.Labels = slices.Clone(p.Labels)
	c.Limits = slices.Clone(p.Limits)
	return &c
}

// builtinPair is the definition a pair has before anyone changes it.
func builtinPair(a, b schema.ObjectDef) *Pair {
	if a.Num > b.Num {
		a, b = b, a
	}
	// Activities are associated through their own path (activities.go).
	p := &Pair{A: a.ID, B: b.ID, Defined: a.BuiltIn && b.BuiltIn && !a.IsActivity() && !b.IsActivity(), NextID: PrimaryLabel + 1}
	p.addPrimary(a, b)
	return p
}

// addPrimary gives a pair with Companies (of another object) its built-in
// Primary label, read from the object whose records have a primary company.
func (p *Pair) addPrimary(a, b schema.ObjectDef) {
	if a.HasPrimaryCompany() == b.HasPrimaryCompany() {
		return
	}
	from := a.ID
	if !a.HasPrimaryCompany() {
		from = b.ID
	}
	p.Labels = append([]Label{{ID: PrimaryLabel, Kind: Primary, From: from, To: schema.Companies,
		Name: "Primary", Inverse: "Primary", BuiltIn: true}}, p.Labels...)
}

// pair returns the definition of the pair of two objects (never to be
// changed: changePair replaces it).
func (s *Service) pair(a, b schema.ObjectDef) *Pair {
	k := keyOf(a.Num, b.Num)
	s.defsMu.RLock()
	p := s.pairs[k]
	s.defsMu.RUnlock()
	if p == nil { // remember the built-in definition, read on every write
		p = builtinPair(a, b)
		s.defsMu.Lock()
		if q := s.pairs[k]; q != nil {
			p = q
		} else {
			s.pairs[k] = p
		}
		s.defsMu.Unlock()
	}
	return p
}

// definedPair returns the pair of two objects, or an error saying the user
// must define it first.
func (s *Service) definedPair(a, b schema.ObjectDef) (*Pair, error) {
	p := s.pair(a, b)
	if a.IsActivity() || b.IsActivity() {
		return nil, errs.New(errs.CodeNotDefined, "Activities are associated with records from the timeline, without labels or limits.")
	}
	if !p.Defined {
		return nil, errs.New(errs.CodeNotDefined, fmt.Sprintf(
			"%s and %s cannot be associated yet. Define this association in Settings → Associations first.", a.Plural, b.Plural))
	}
	return p, nil
}

// LabelOption is a label as seen from one object's records: the name shown
// there, and whether it is the label's inverse name.
type LabelOption struct {
	ID      uint32    `json:"id"`
	Inverse bool      `json:"inverse"`
	Name    string    `json:"name"`
	Kind    LabelKind `json:"kind"`
	BuiltIn bool      `json:"builtIn"`
}

// options are the labels a record of from can give an association with a
// record of to. A pair of one object offers a paired or primary label once
// per direction.
func (p *Pair) options(from string) []LabelOption {
	out := []LabelOption{} // JSON [] rather than null
	for _, l := range p.Labels {
		if l.From == from {
			out = append(out, LabelOption{ID: l.ID, Name: l.Name, Kind: l.Kind, BuiltIn: l.BuiltIn})
		}
		if l.To == from && (l.From != l.To || l.Kind != Single) {
			out = append(out, LabelOption{ID: l.ID, Inverse: true, Name: l.Inverse, Kind: l.Kind, BuiltIn: l.BuiltIn})
		}
	}
	return out
}

// PairView is a pair's definition as Settings shows it.
type PairView struct {
	Pair
	Key string `json:"key"` // "a|b"
}

// Pairs lists every pair an object takes part in, defined or not, with the
// other objects in the schema's order.
func (s *Service) Pairs(objectID string) ([]PairView, error) {
	obj, err := s.schema.Object(objectID)
	if err != nil {
		return nil, err
	}
	var out []PairView
	for _, other := range s.schema.Objects() {
		if !obj.IsActivity() && !other.IsActivity() {
			out = append(out, s.pair(obj, other).view())
		}
	}
	return out, nil
}

// Options returns the labels a record of from can give an association with
// a record of to.
func (s *Service) Options(from, to string) ([]LabelOption, error) {
	a, b, err := s.objects(from, to)
	if err != nil {
		return nil, err
	}
	return s.pair(a, b).options(a.ID), nil
}

func (s *Service) objects(from, to string) (schema.ObjectDef, schema.ObjectDef, error) {
	a, err := s.schema.Object(from)
	if err != nil {
		return a, a, err
	}
	b, err := s.schema.Object(to)
	return a, b, err
}

// changePair runs fn on a copy of the pair of two objects and stores it,
// logged, in one transaction; then readers see the new definition.
func (s *Service) changePair(meta changelog.Meta, from, to string, kind changelog.Kind, fn func(p *Pair, a, b schema.ObjectDef) error) (PairView, error) {
	a, b, err := s.objects(from, to)
	if err != nil {
		return PairView{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	next := s.pair(a, b).clone()
	if err := fn(next, a, b); err != nil {
		return PairView{}, err
	}
	raw, err := json.Marshal(next)
	if err != nil {
		return PairView{}, err
	}
	if _, err := s.log.Write(meta, func(tx *changelog.Tx) error {
		tx.Record(changelog.Change{Kind: kind, Object: next.A, Property: next.B, After: raw})
		return tx.Set(keyOf(a.Num, b.Num).bytes(), raw)
	}); err != nil {
		return PairView{}, err
	}
	s.setPair(keyOf(a.Num, b.Num), next)
	return next.view(), nil
}

// view is the pair as the app shows it: a copy, with [] for no labels or
// limits (JSON null would trip the frontend).
func (p *Pair) view() PairView {
	c := p.clone()
	if c.Labels == nil {
		c.Labels = []Label{}
	}
	if c.Limits == nil {
		c.Limits = []Limit{}
	}
	return PairView{Pair: *c, Key: c.A + "|" + c.B}
}

func (s *Service) setPair(k pairKey, p *Pair) {
	s.defsMu.Lock()
	s.pairs[k] = p
	s.defsMu.Unlock()
}

// DefinePair lets records of two objects be associated (needed when one is
// a custom object). Defining a custom object's pair with Companies brings
// the built-in Primary label.
func (s *Service) DefinePair(meta changelog.Meta, from, to string) (PairView, error) {
	return s.changePair(meta, from, to, changelog.AssociationPairDefined, func(p *Pair, a, b schema.ObjectDef) error {
		p.Defined = true
		return nil
	})
}

// LabelInput describes a new or renamed label. From is the object on whose
// records' pages Name is shown.
type LabelInput struct {
	Kind    LabelKind `json:"kind"`
	From    string    `json:"from"`
	Name    string    `json:"name"`
	Inverse string    `json:"inverse"`
}

func (in LabelInput) clean(p *Pair, kind LabelKind) (Label, error) {
	name, err := schema.CleanLabel("name", "The label name", in.Name)
	if err != nil {
		return Label{}, err
	}
	inverse := name
	if kind != Single {
		if strings.TrimSpace(in.Inverse) == "" && kind == Primary {
			in.Inverse = name
		}
		if inverse, err = schema.CleanLabel("inverse", "The name the other way round", in.Inverse); err != nil {
			return Label{}, err
		}
	}
	from := in.From
	if from == "" {
		from = p.A
	}
	if from != p.A && from != p.B {
		return Label{}, errs.Invalid("from", fmt.Sprintf("The label must start from %s or %s.", p.A, p.B))
	}
	to := p.B
	if from == p.B {
		to = p.A
	}
	return Label{Kind: kind, From: from, To: to, Name: name, Inverse: inverse}, nil
}

func (p *Pair) nameTaken(l Label, except uint32) error {
	for _, o := range p.Labels {
		if o.ID == except {
			continue
		}
		if strings.EqualFold(o.Name, l.Name) || strings.EqualFold(o.Inverse, l.Name) ||
			(l.Kind != Single && (strings.EqualFold(o.Name, l.Inverse) || strings.EqualFold(o.Inverse, l.Inverse))) {
			return errs.Invalid("name", fmt.Sprintf("There is already a label named %q for these objects.", o.Name))
		}
	}
	return nil
}

// CreateLabel adds a label to the pair of two objects.
func (s *Service) CreateLabel(meta changelog.Meta, objA, objB string, in LabelInput) (PairView, error) {
	return s.changePair(meta, objA, objB, changelog.AssociationLabelCreated, func(p *Pair, a, b schema.ObjectDef) error {
		if !p.Defined {
			_, err := s.definedPair(a, b)
			return err
		}
		if in.Kind != Single && in.Kind != Paired && in.Kind != Primary {
			return errs.Invalid("kind", "Choose single, paired or primary for the label's kind.")
		}
		l, err := in.clean(p, in.Kind)
		if err != nil {
			return err
		}
		if err := p.nameTaken(l, 0); err != nil {
			return err
		}
		if len(p.Labels) >= maxLabels {
			return errs.Invalid("name", fmt.Sprintf("A pair of objects can have at most %d labels.", maxLabels))
		}
		l.ID = p.NextID
		p.NextID++
		p.Labels = append(p.Labels, l)
		return nil
	})
}

const maxLabels = 200

// RenameLabel changes a label's names everywhere it is used.
func (s *Service) RenameLabel(meta changelog.Meta, objA, objB string, id uint32, in LabelInput) (PairView, error) {
	return s.changePair(meta, objA, objB, changelog.AssociationLabelRenamed, func(p *Pair, a, b schema.ObjectDef) error {
		i := slices.IndexFunc(p.Labels, func(l Label) bool { return l.ID == id })
		if i < 0 {
			return errs.New(errs.CodeNotFound, "This label no longer exists.")
		}
		old := p.Labels[i]
		if old.BuiltIn {
			return errs.Invalid("name", "The built-in Primary label cannot be renamed.")
		}
		in.From = old.From
		l, err := in.clean(p, old.Kind)
		if err != nil {
			return err
		}
		if err := p.nameTaken(l, id); err != nil {
			return err
		}
		l.ID = id
		p.Labels[i] = l
		return nil
	})
}

// SetLimit sets (max > 0) or removes (max 0) a limit on a pair.
func (s *Service) SetLimit(meta changelog.Meta, from, to string, limit Limit) (PairView, error) {
	return s.changePair(meta, from, to, changelog.AssociationLimitSet, func(p *Pair, a, b schema.ObjectDef) error {
		if !p.Defined {
			_, err := s.definedPair(a, b)
			return err
		}
		if limit.Max < 0 || limit.Max > 1_000_000 {
			return errs.Invalid("max", "A limit is a whole number from 1 to 1,000,000 (or 0 for no limit).")
		}
		limit.From = a.ID
		if limit.Label != 0 {
			l, ok := p.label(limit.Label)
			if !ok {
				return errs.New(errs.CodeNotFound, "This label no longer exists.")
			}
			if l.From != l.To { // the side follows from the objects
				limit.Inverse = l.From != a.ID
			}
		} else {
			limit.Inverse = false
		}
		p.Limits = slices.DeleteFunc(p.Limits, func(o Limit) bool {
			return o.From == limit.From && o.Label == limit.Label && o.Inverse == limit.Inverse
		})
		if limit.Max > 0 {
			p.Limits = append(p.Limits, limit)
		}
		return nil
	})
}

// deleteBatch is how many associations one transaction of DeleteLabel
// changes (a transaction must stay small).
const deleteBatch = 1000

// DeleteLabel deletes a label and takes it off every association that
// carries it, logged, and returns how many did. Big deletions run in
// batches; the label itself goes with the last one, so a crash midway
// leaves it defined on the associations not yet done.
func (s *Service) DeleteLabel(meta changelog.Meta, objA, objB string, id uint32) (int, error) {
	a, b, err := s.objects(objA, objB)
	if err != nil {
		return 0, err
	}
	def, ok := s.pair(a, b).label(id)
	if !ok {
		return 0, errs.New(errs.CodeNotFound, "This label no longer exists.")
	}
	if def.BuiltIn {
		return 0, errs.Invalid("label", "The built-in Primary label cannot be deleted.")
	}
	removed := 0
	for {
		carriers := s.carriers(a, b, id)
		last := len(carriers) <= deleteBatch
		batch := carriers[:min(len(carriers), deleteBatch)]
		err := s.write(meta, func(d *draft) error {
			for _, c := range batch {
				n, err := d.rec(c[0])
				if err != nil {
					return err
				}
				e, _ := n.after.edge(b.Num, c[1])
				for _, l := range slices.Clone(e.labels()) {
					if l.id != id {
						continue
					}
					if _, err := d.removeLabel(c[0], c[1], l); err != nil {
						return err
					}
				}
			}
			if !last {
				return nil
			}
			next := s.pair(a, b).clone()
			next.Labels = slices.DeleteFunc(next.Labels, func(l Label) bool { return l.ID == id })
			next.Limits = slices.DeleteFunc(next.Limits, func(l Limit) bool { return l.Label == id })
			raw, err := json.Marshal(next)
			if err != nil {
				return err
			}
			d.tx.Record(changelog.Change{Kind: changelog.AssociationLabelDeleted, Object: next.A, Property: next.B, After: raw})
			d.then = append(d.then, func() { s.setPair(keyOf(a.Num, b.Num), next) })
			return d.tx.Set(keyOf(a.Num, b.Num).bytes(), raw)
		})
		if err != nil {
			return removed, err
		}
		removed += len(batch)
		if last {
			return removed, nil
		}
	}
}
