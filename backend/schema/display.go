package schema

import (
	"fmt"
	"strings"
	"unicode/utf8"

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
	if o.IsActivity() {
		return activityName(o, props)
	}
	return text(props[o.DisplayProperty])
}

// maxActivityName bounds an activity's name: the first line of a note's
// body stands for it in lists, not the whole body.
const maxActivityName = 80

// activityName is an activity's title or subject, else the first line of
// its body.
func activityName(o *ObjectDef, props map[string]any) string {
	name := strings.TrimSpace(text(props[o.DisplayProperty]))
	if name == "" {
		name = strings.TrimSpace(text(props["body"]))
	}
	name, _, _ = strings.Cut(name, "\n")
	name = strings.TrimSpace(name)
	if len(name) > maxActivityName {
		cut := maxActivityName
		for cut > 0 && !utf8.RuneStart(name[cut]) {
			cut--
		}
		name = strings.TrimSpace(name[:cut]) + "…"
	}
	return name
}

// RequireName returns the error for a record that would have no name.
func (o *ObjectDef) RequireName(props map[string]any) error {
	if o.DisplayName(props) != "" {
		return nil
	}
	if o.ID == Contacts {
		return errs.Invalid("firstname", "A contact needs a first name, a last name or an email.")
	}
	if o.ID == Notes {
		return errs.Invalid("body", "Write the note first.")
	}
	if o.IsActivity() {
		name, _ := o.Property(o.DisplayProperty)
		body, _ := o.Property("body")
		return errs.Invalid(o.DisplayProperty, fmt.Sprintf("This %s needs a %s or %s.",
			strings.ToLower(o.Singular), strings.ToLower(name.Label), strings.ToLower(body.Label)))
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
