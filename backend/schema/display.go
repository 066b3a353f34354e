package schema

import (
	"strings"

	"fieldbook/backend/errs"
)

// contactNameProperties make up a contact's display name.
var contactNameProperties = []string{"firstname", "lastname", "email"}

// DisplayName is a record's name as the UI shows it: for contacts "first
// last", falling back to the email; for other objects the display property.
func (o *ObjectDef) DisplayName(props map[string]any) string {
	if o.ID == Contacts {
		name := strings.TrimSpace(text(props["firstname"]) + " " + text(props["lastname"]))
		if name != "" {
			return name
		}
		return text(props["email"])
	}
	return text(props[o.DisplayProperty])
}

// RequireName returns the error for a record that would have no name.
func (o *ObjectDef) RequireName(props map[string]any) error {
	if o.DisplayName(props) != "" {
		return nil
	}
	if o.ID == Contacts {
		return errs.Invalid("firstname", "A contact needs a first name, a last name or an email.")
	}
	label := o.DisplayProperty
	if p, ok := o.Property(o.DisplayProperty); ok {
		label = p.Label
	}
	return errs.Invalid(o.DisplayProperty, label+" is required: it is the "+strings.ToLower(o.Singular)+"'s name.")
}

func text(v any) string {
	s, _ := v.(string)
	return s
}
