// Package exporter writes an index view, or a whole object, as a CSV file
// a spreadsheet opens safely and Fieldbook's importer reads back: a
// "Record ID" column, the properties under their labels, and for each
// associated object the columns HubSpot's exports use ("Associated Company
// IDs", the names beside them, "(Primary)" and one column per label).
package exporter

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"fieldbook/backend/associations"
	"fieldbook/backend/csvfile"
	"fieldbook/backend/errs"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
)

// Service writes exports.
type Service struct {
	schema *schema.Service
	recs   *records.Service
	links  *associations.Service
}

// New returns the exporter.
func New(sch *schema.Service, recs *records.Service, links *associations.Service) *Service {
	return &Service{schema: sch, recs: recs, links: links}
}

// chunk is how many records an export reads at a time.
const chunk = 500

// target is one associated object's columns.
type target struct {
	obj     schema.ObjectDef
	primary bool                       // a "(Primary)" column
	labels  []associations.LabelOption // one column each
}

// Write writes req's records to w and returns how many.
func (s *Service) Write(w io.Writer, req Request) (int, error) {
	obj, err := s.schema.Object(req.Query.Object)
	if err != nil {
		return 0, err
	}
	if !obj.Indexed() {
		return 0, errs.Invalid("object", fmt.Sprintf("%s are shown on timelines; they have no index to export.", obj.Plural))
	}
	props, err := s.properties(obj, req)
	if err != nil {
		return 0, err
	}
	targets, err := s.targets(obj, req)
	if err != nil {
		return 0, err
	}
	q := req.Query
	if req.All {
		q = records.ListQuery{Object: obj.ID}
	}
	ids, err := s.recs.ListIDs(q)
	if err != nil {
		return 0, err
	}
	out := csvfile.NewWriter(w)
	header := []string{"Record ID"}
	for _, p := range props {
		header = append(header, p.Label)
	}
	for _, t := range targets {
		header = append(header, "Associated "+t.obj.Singular+" IDs", "Associated "+t.obj.Singular)
		if t.primary {
			header = append(header, "Associated "+t.obj.Singular+" IDs (Primary)")
		}
		for _, l := range t.labels {
			header = append(header, "Associated "+t.obj.Singular+" IDs ("+l.Name+")")
		}
	}
	if err := out.Write(header); err != nil {
		return 0, err
	}
	row := make([]string, len(header))
	for start := 0; start < len(ids); start += chunk {
		part := ids[start:min(start+chunk, len(ids))]
		views, err := s.recs.GetMany(part)
		if err != nil {
			return start, err
		}
		linked := make([][][]associations.Associated, len(targets))
		for ti, t := range targets {
			if linked[ti], err = s.links.AssociatedMany(obj.ID, t.obj.ID, part); err != nil {
				return start, err
			}
		}
		for i, v := range views {
			row = row[:0]
			row = append(row, v.ID)
			for _, p := range props {
				row = append(row, text(v.Props[p.Name]))
			}
			for ti, t := range targets {
				row = appendLinks(row, t, linked[ti][i])
			}
			if err := out.Write(row); err != nil {
				return start + i, err
			}
		}
	}
	return len(ids), out.Flush()
}

// appendLinks adds one record's cells for an associated object.
func appendLinks(row []string, t target, links []associations.Associated) []string {
	var ids, names, primary strings.Builder
	byLabel := make([]strings.Builder, len(t.labels))
	add := func(b *strings.Builder, s string) {
		if b.Len() > 0 {
			b.WriteString(";")
		}
		b.WriteString(s)
	}
	for _, a := range links {
		add(&ids, a.ID)
		add(&names, strings.ReplaceAll(a.Name, ";", ","))
		if a.Primary {
			add(&primary, a.ID)
		}
		for _, l := range a.Labels {
			for li, want := range t.labels {
				if l.ID == want.ID && l.Inverse == want.Inverse {
					add(&byLabel[li], a.ID)
				}
			}
		}
	}
	row = append(row, ids.String(), names.String())
	if t.primary {
		row = append(row, primary.String())
	}
	for li := range byLabel {
		row = append(row, byLabel[li].String())
	}
	return row
}

// text is a value as a cell: numbers without exponents, yes and no.
func text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		if x {
			return "Yes"
		}
		return "No"
	}
	return fmt.Sprint(v)
}

// properties are the view's property columns, or all of them.
func (s *Service) properties(obj schema.ObjectDef, req Request) ([]schema.Property, error) {
	if req.All || len(req.Columns) == 0 {
		return obj.Properties, nil
	}
	var out []schema.Property
	for _, name := range req.Columns {
		if p, ok := obj.Property(name); ok {
			out = append(out, p)
		}
	}
	return out, nil
}

// targets are the view's association columns' objects, or every object
// obj's records can be associated with.
func (s *Service) targets(obj schema.ObjectDef, req Request) ([]target, error) {
	var ids []string
	if req.All {
		pairs, err := s.links.Pairs(obj.ID)
		if err != nil {
			return nil, err
		}
		for _, p := range pairs {
			if !p.Defined {
				continue
			}
			other := p.A
			if other == obj.ID {
				other = p.B
			}
			ids = append(ids, other)
		}
	} else {
		for _, c := range req.Associations {
			ids = append(ids, c.Object)
		}
	}
	var out []target
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		t, err := s.schema.Object(id)
		if err != nil {
			return nil, err
		}
		opts, err := s.links.Options(obj.ID, t.ID)
		if err != nil {
			return nil, err
		}
		tg := target{obj: t}
		for _, o := range opts {
			if o.Kind == associations.Primary { // written from the side that has a primary company
				tg.primary = t.ID == schema.Companies && obj.HasPrimaryCompany()
				continue
			}
			tg.labels = append(tg.labels, o)
		}
		out = append(out, tg)
	}
	return out, nil
}
