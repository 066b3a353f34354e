package records

import (
	"github.com/google/uuid"

	"fieldbook/backend/ordered"
	"fieldbook/backend/schema"
)

// maxFound bounds the records FindByKey, FindByName and Duplicates return
// per value: enough to tell one from several, or to offer the existing
// record, not to list them all.
const maxFound = 3

// KeyOf is the form of a unique-key value (a contact's email, a company's
// domain) two records share when they are the same: "" when obj has no
// unique key or the value is not valid.
func KeyOf(obj *schema.ObjectDef, value string) string {
	p, ok := uniqueKey(obj)
	if !ok {
		return ""
	}
	v, err := p.Normalize(value)
	given, _ := v.(string)
	if err != nil {
		return ""
	}
	return keyOf(p, given)
}

// KeyOfValue is KeyOf for a value its property has already normalized.
func KeyOfValue(obj *schema.ObjectDef, value string) string {
	p, ok := uniqueKey(obj)
	if !ok {
		return ""
	}
	return keyOf(p, value)
}

// FindByKey returns, for each key (in the form KeyOf gives), up to
// maxFound live records of the object whose unique key (see uniqueKey) is
// the same: an importer matches contacts by email and companies by domain
// this way.
func (s *Service) FindByKey(objectID string, keys []string) ([][]uuid.UUID, error) {
	obj, err := s.schema.Object(objectID)
	if err != nil {
		return nil, err
	}
	out := make([][]uuid.UUID, len(keys))
	p, ok := uniqueKey(&obj)
	if !ok {
		return out, nil
	}
	type candidate struct {
		value int
		id    uuid.UUID
	}
	var cands []candidate
	s.idx.rlock()
	for i, key := range keys {
		if key == "" {
			continue
		}
		term := ordered.TextOf(truncate(fold(key), maxTermBytes))
		n := 0
		s.idx.terms.AscendFrom(ordered.Entry{Text: term, Num: obj.Num}, func(t ordered.Entry) bool {
			if t.Text.Compare(term) != 0 || t.Num != obj.Num {
				return false
			}
			cands = append(cands, candidate{i, t.ID})
			n++
			return n < 4*maxFound // a few more in case some share only the folded term
		})
	}
	s.idx.mu.RUnlock()
	if len(cands) == 0 {
		return out, nil
	}
	ids := make([]uuid.UUID, len(cands))
	for i, c := range cands {
		ids[i] = c.id
	}
	found, err := s.readMany(ids)
	if err != nil {
		return nil, err
	}
	for i, r := range found {
		c := cands[i]
		if r == nil || r.DeletedAt != 0 || len(out[c.value]) == maxFound {
			continue
		}
		if identifiedBy(&obj, p, r.Props, keys[c.value]) {
			out[c.value] = append(out[c.value], c.id)
		}
	}
	return out, nil
}

// FindByName returns, for each name, up to maxFound live records of the
// object with exactly that display name, from the in-memory name order.
func (s *Service) FindByName(objectID string, names []string) ([][]uuid.UUID, error) {
	obj, err := s.schema.Object(objectID)
	if err != nil {
		return nil, err
	}
	out := make([][]uuid.UUID, len(names))
	s.idx.rlock()
	defer s.idx.mu.RUnlock()
	order := s.idx.get(obj.Num).tree(SortName)
	if order == nil {
		return out, nil
	}
	for i, name := range names {
		if name == "" {
			continue
		}
		text := ordered.TextOf(string(foldedSortValue(fold(name))))
		order.AscendFrom(ordered.Entry{Text: text}, func(e ordered.Entry) bool {
			if e.Text.Compare(text) != 0 {
				return false
			}
			if ref, ok := s.idx.dir[e.ID]; ok && !ref.Deleted && ref.Name == name {
				out[i] = append(out[i], e.ID)
			}
			return len(out[i]) < maxFound
		})
	}
	return out, nil
}
