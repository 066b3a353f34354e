package importer

import (
	"fmt"
	"strings"

	"fieldbook/backend/changelog"
	"fieldbook/backend/errs"
	"fieldbook/backend/schema"
)

// importable says whether records of obj can be imported: every object
// with an index page (activities other than tasks live on timelines).
func importable(obj *schema.ObjectDef) bool { return obj.Indexed() }

// words is a header or a name reduced to lower-case words, so "First
// Name", "first_name" and "firstname " compare by their letters.
func words(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == ' ' || r == '_' || r == '-' || r == '.' || r == '/' || r == ':'
	}), " ")
}

func squash(s string) string { return strings.ReplaceAll(words(s), " ", "") }

// suggest is the automatic mapping of headers for a row holding objects
// (the first is the row's main object): HubSpot's names for its files,
// else properties by label or internal name, the object's name as a
// prefix telling the row's objects apart ("Company name").
func suggest(objects []schema.ObjectDef, all []schema.ObjectDef, headers []string, hubspot bool) []Column {
	cols := make([]Column, len(headers))
	used := map[[2]string]bool{} // object, property
	for i, h := range headers {
		cols[i] = Column{Header: h, Kind: Skip, Object: objects[0].ID}
		if hubspot {
			if c, ok := HubSpotColumn(objects[0].ID, h); ok && validFor(c, objects, all) && !used[[2]string{c.Object, c.Property}] {
				c.Header = h
				if c.Object == "" {
					c.Object = objects[0].ID
				}
				cols[i] = c
				if c.Kind == Property {
					used[[2]string{c.Object, c.Property}] = true
				}
			}
			continue
		}
		if c, ok := guessColumn(objects, all, h, used); ok {
			c.Header = h
			cols[i] = c
		}
	}
	// Beside an IDs column, a names column ("Associated Company", as
	// exports write them) only repeats it.
	for i, c := range cols {
		if c.Kind != Association || c.Match != ByName || c.Primary {
			continue
		}
		for _, other := range cols {
			if other.Kind == Association && other.Match == ByID && other.Object == c.Object && other.Target == c.Target {
				cols[i] = Column{Header: c.Header, Kind: Skip, Object: c.Object}
				break
			}
		}
	}
	return cols
}

// validFor says whether a column suggested for a HubSpot file fits the
// objects chosen (an association target that exists, a property of one
// of the objects).
func validFor(c Column, objects, all []schema.ObjectDef) bool {
	switch c.Kind {
	case Property:
		for _, o := range objects {
			if o.ID == c.Object || (c.Object == "" && o.ID == objects[0].ID) {
				_, ok := o.Property(c.Property)
				return ok
			}
		}
		return false
	case Association, Labels:
		for _, o := range all {
			if o.ID == c.Target {
				return true
			}
		}
		return false
	}
	return true
}

func guessColumn(objects, all []schema.ObjectDef, header string, used map[[2]string]bool) (Column, bool) {
	h := words(header)
	main := objects[0]
	// Association columns: "Associated Company IDs", "Associated contacts
	// emails", "Primary company", "Company association labels".
	for _, t := range all {
		if !importable(&t) {
			continue
		}
		sing, plur := words(t.Singular), words(t.Plural)
		for _, name := range []string{sing, plur} {
			rest, ok := strings.CutPrefix(h, "associated "+name)
			primary := false
			if !ok {
				rest, ok = strings.CutPrefix(h, "primary "+name)
				primary = ok
			}
			if !ok || (rest != "" && rest[0] != ' ') {
				continue
			}
			rest = strings.TrimSpace(rest)
			label := ""
			if open := strings.LastIndex(rest, "("); open >= 0 && strings.HasSuffix(rest, ")") {
				label, rest = strings.TrimSpace(rest[open+1:len(rest)-1]), strings.TrimSpace(rest[:open])
				if o := strings.LastIndex(header, "("); o >= 0 && strings.HasSuffix(strings.TrimSpace(header), ")") {
					label = strings.TrimSpace(strings.TrimSpace(header)[o+1 : len(strings.TrimSpace(header))-1]) // as written
				}
				if strings.EqualFold(label, "primary") {
					primary, label = true, ""
				}
			}
			if primary && (t.ID != schema.Companies || !main.HasPrimaryCompany()) {
				primary = false
			}
			c := Column{Kind: Association, Object: main.ID, Target: t.ID, Primary: primary, Label: label}
			switch strings.TrimSuffix(rest, "s") {
			case "id", "record id":
				c.Match = ByID
			case "email", "e-mail":
				c.Match = ByEmail
			case "domain", "domain name":
				c.Match = ByDomain
			case "", "name":
				c.Match = ByName
			default:
				continue
			}
			if ok := matchFits(c.Match, t.ID); !ok {
				continue
			}
			return c, true
		}
		if t.ID != main.ID && strings.Contains(h, "label") && (strings.Contains(h, sing) || strings.Contains(h, plur)) {
			return Column{Kind: Labels, Object: main.ID, Target: t.ID}, true
		}
	}
	// A row's own objects: "Company name" is the company's name when the
	// row holds a company; otherwise the first object with the property.
	for pass := 0; pass < 2; pass++ {
		for _, o := range objects {
			name := h
			if pass == 0 {
				var ok bool
				if name, ok = strings.CutPrefix(h, words(o.Singular)+" "); !ok {
					continue
				}
			}
			if name == "record id" || name == "id" {
				return Column{Kind: RecordID, Object: o.ID}, true
			}
			// "Company" beside a contact's columns is the company's name.
			if pass == 1 && len(objects) > 1 && name == words(o.Singular) && o.DisplayProperty != "" && !used[[2]string{o.ID, o.DisplayProperty}] {
				used[[2]string{o.ID, o.DisplayProperty}] = true
				return Column{Kind: Property, Object: o.ID, Property: o.DisplayProperty}, true
			}
			for _, p := range o.Properties {
				if used[[2]string{o.ID, p.Name}] {
					continue
				}
				if words(p.Label) == name || squash(p.Name) == squash(name) || squash(p.Label) == squash(name) {
					used[[2]string{o.ID, p.Name}] = true
					return Column{Kind: Property, Object: o.ID, Property: p.Name}, true
				}
			}
		}
	}
	return Column{}, false
}

// matchFits says which records a match can name: emails name contacts,
// domains companies.
func matchFits(m Match, target string) bool {
	switch m {
	case ByEmail:
		return target == schema.Contacts
	case ByDomain:
		return target == schema.Companies
	case ByID, ByName:
		return true
	}
	return false
}

// plan is a Setup checked against the schema.
type plan struct {
	Setup
	objects []schema.ObjectDef // the row's objects, in the setup's order
	index   map[string]int     // object ID → its position in objects
	targets map[string]schema.ObjectDef
}

// check refuses a setup that cannot be imported, naming what is wrong.
func (s *Service) check(in Setup, headers []string) (*plan, error) {
	p := &plan{Setup: in, index: map[string]int{}, targets: map[string]schema.ObjectDef{}}
	switch in.Source {
	case "":
		p.Source = changelog.SourceImport
	case changelog.SourceImport, changelog.SourceMigration:
	default:
		return nil, errs.Invalid("source", fmt.Sprintf("An import's source is Import or Migration, not %q.", in.Source))
	}
	if len(in.Objects) == 0 {
		return nil, errs.Invalid("objects", "Choose what each row holds: at least one object.")
	}
	for i, o := range in.Objects {
		obj, err := s.schema.Object(o.Object)
		if err != nil {
			return nil, errs.Invalid("objects", errs.As(err).Message)
		}
		if !importable(&obj) {
			return nil, errs.Invalid("objects", fmt.Sprintf("%s are logged on timelines; they cannot be imported from a file yet.", obj.Plural))
		}
		if _, dup := p.index[obj.ID]; dup {
			return nil, errs.Invalid("objects", fmt.Sprintf("Each row can hold one %s; it is chosen twice.", strings.ToLower(obj.Singular)))
		}
		switch o.Mode {
		case CreateAndUpdate, CreateOnly, UpdateOnly:
		case "":
			p.Objects[i].Mode = CreateAndUpdate
		default:
			return nil, errs.Invalid("objects", fmt.Sprintf("%q is not a way to import %s.", o.Mode, strings.ToLower(obj.Plural)))
		}
		p.index[obj.ID] = i
		p.objects = append(p.objects, obj)
	}
	if len(in.Columns) != len(headers) {
		return nil, errs.Invalid("columns", fmt.Sprintf("The file has %d columns and the mapping %d; inspect the file again.", len(headers), len(in.Columns)))
	}
	mapped := map[[2]string]string{}
	for i, c := range in.Columns {
		if c.Header != "" && c.Header != headers[i] {
			return nil, errs.Invalid("columns", fmt.Sprintf("Column %d of the file is now %q, not %q: the file has changed. Choose it again.", i+1, headers[i], c.Header))
		}
		if c.Kind == Skip {
			continue
		}
		field := fmt.Sprintf("columns.%d", i)
		at, ok := p.index[c.Object]
		if !ok {
			return nil, errs.Invalid(field, fmt.Sprintf("Column %q belongs to %q, which the rows do not hold.", headers[i], c.Object))
		}
		obj := p.objects[at]
		switch c.Kind {
		case Property:
			prop, ok := obj.Property(c.Property)
			if !ok {
				return nil, errs.Invalid(field, fmt.Sprintf("%s have no property %q (column %q).", obj.Plural, c.Property, headers[i]))
			}
			key := [2]string{obj.ID, prop.Name}
			if other, dup := mapped[key]; dup {
				return nil, errs.Invalid(field, fmt.Sprintf("Columns %q and %q both fill %s · %s; choose one.", other, headers[i], obj.Singular, prop.Label))
			}
			mapped[key] = headers[i]
		case RecordID:
			key := [2]string{obj.ID, "Record ID"}
			if other, dup := mapped[key]; dup {
				return nil, errs.Invalid(field, fmt.Sprintf("Columns %q and %q are both the %s's Record ID; choose one.", other, headers[i], strings.ToLower(obj.Singular)))
			}
			mapped[key] = headers[i]
		case Association, Labels:
			t, err := s.schema.Object(c.Target)
			if err != nil || !importable(&t) {
				return nil, errs.Invalid(field, fmt.Sprintf("Column %q names records of %q, which cannot be associated from a file.", headers[i], c.Target))
			}
			if err := s.links.CheckPair(obj.ID, t.ID); err != nil {
				return nil, errs.Invalid(field, errs.As(err).Message)
			}
			p.targets[t.ID] = t
			if c.Kind == Labels {
				continue
			}
			if !matchFits(c.Match, t.ID) {
				return nil, errs.Invalid(field, fmt.Sprintf("Column %q cannot name %s by %s.", headers[i], strings.ToLower(t.Plural), c.Match))
			}
			if c.Primary && (t.ID != schema.Companies || !obj.HasPrimaryCompany()) {
				return nil, errs.Invalid(field, fmt.Sprintf("Column %q: only a company can be a %s's primary company.", headers[i], strings.ToLower(obj.Singular)))
			}
			if c.Label != "" {
				if _, ok, _ := s.links.FindLabel(obj.ID, t.ID, c.Label); !ok {
					return nil, errs.Invalid(field, fmt.Sprintf("Column %q: %s and %s have no association label “%s”. Create it in Settings → Associations, or don't import this column.", headers[i], obj.Plural, strings.ToLower(t.Plural), c.Label))
				}
			}
		default:
			return nil, errs.Invalid(field, fmt.Sprintf("Column %q: %q is not a way to import a column.", headers[i], c.Kind))
		}
	}
	return p, nil
}
