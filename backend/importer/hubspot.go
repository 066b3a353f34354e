package importer

import (
	"path/filepath"
	"strings"

	"fieldbook/backend/schema"
)

// What Fieldbook knows about the CSV files HubSpot exports (one file per
// object, CRM → Export). A file starts with "Record ID" (the record's
// HubSpot ID; files from before 2022 say "Contact ID", "Deal ID"…), then
// the exported properties under their labels, then for each associated
// object a names column ("Associated Company") and an IDs column
// ("Associated Company IDs", IDs separated by ";"); newer files add
// "Associated Company (Primary)" and "Associated Company IDs (Primary)".
// Association columns stay in English whatever the export's language.
// Files are named "hubspot-crm-exports-<view>-<yyyy-mm-dd>.csv", the view
// being "all-contacts", "all-deals"… or a saved view's own name.

// hubspotObjects are the HubSpot objects Fieldbook has, by the singular
// HubSpot uses in column names.
var hubspotObjects = map[string]string{
	"contact": schema.Contacts,
	"company": schema.Companies,
	"deal":    schema.Deals,
	"ticket":  schema.Tickets,
}

// hubspotProperties maps each object's HubSpot property names, internal and
// as export labels (normalized by hubspotKey), to Fieldbook's.
var hubspotProperties = map[string]map[string]string{
	schema.Contacts: {
		"firstname": "firstname", "first name": "firstname",
		"lastname": "lastname", "last name": "lastname",
		"email": "email",
		"phone": "phone", "phone number": "phone",
		"jobtitle": "jobtitle", "job title": "jobtitle",
		"website": "website", "website url": "website",
	},
	schema.Companies: {
		"name": "name", "company name": "name",
		"domain": "domain", "company domain name": "domain",
		"industry":              "industry",
		"city":                  "city",
		"hs_additional_domains": "domains", "additional domains": "domains",
	},
	schema.Deals: {
		"dealname": "name", "deal name": "name",
		"amount":    "amount",
		"dealstage": "stage", "deal stage": "stage",
		"closedate": "closedate", "close date": "closedate",
	},
	schema.Tickets: {
		"subject": "subject", "ticket name": "subject",
		"hs_pipeline_stage": "status", "ticket status": "status",
		"hs_ticket_priority": "priority", "priority": "priority",
	},
}

// hubspotMarkers are columns only a HubSpot export has, by the object
// whose files have them (scored by HubSpotObject; any one of them and a
// record ID column make a HubSpot file).
var hubspotMarkers = map[string]string{
	"contact owner": schema.Contacts, "lifecycle stage": schema.Contacts, "lead status": schema.Contacts,
	"company owner": schema.Companies, "company domain name": schema.Companies,
	"deal owner": schema.Deals, "deal stage": schema.Deals, "dealstage": schema.Deals,
	"ticket owner": schema.Tickets, "ticket status": schema.Tickets, "hs_pipeline_stage": schema.Tickets,
}

// hubspotKey is how header names compare: case-insensitive, surrounding
// spaces ignored and inner runs of spaces read as one.
func hubspotKey(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// hubspotRecordID returns the object a record ID header names: "" for
// "Record ID" (any object), the object for the older "<Object> ID", and
// ok=false for other headers.
func hubspotRecordID(key string) (object string, ok bool) {
	if key == "record id" || key == "hs_object_id" {
		return "", true
	}
	if singular, found := strings.CutSuffix(key, " id"); found {
		object, ok = hubspotObjects[singular]
	}
	return object, ok
}

// hubspotAssociation reads "Associated <Object> IDs[ (<label>)]": the
// other object and the label ("" without one); ok=false for other headers,
// names-only columns included.
func hubspotAssociation(key string) (target, label string, ok bool) {
	rest, found := strings.CutPrefix(key, "associated ")
	if !found {
		return "", "", false
	}
	singular, rest, found := strings.Cut(rest, " ids")
	if !found {
		return "", "", false
	}
	if rest != "" {
		inner, opened := strings.CutPrefix(rest, " (")
		label, found = strings.CutSuffix(inner, ")")
		if !opened || !found || label == "" {
			return "", "", false
		}
	}
	target, ok = hubspotObjects[singular]
	return target, label, ok
}

// IsHubSpot reports whether headers look like a HubSpot export file: a
// record ID column and at least one association IDs column or one column
// only HubSpot exports (an owner, a pipeline stage).
func IsHubSpot(headers []string) bool {
	id, marked := false, false
	for _, h := range headers {
		key := hubspotKey(h)
		if _, ok := hubspotRecordID(key); ok {
			id = true
		} else if _, _, ok := hubspotAssociation(key); ok {
			marked = true
		} else if _, ok := hubspotMarkers[key]; ok {
			marked = true
		}
	}
	return id && marked
}

// HubSpotObject guesses which object a HubSpot export holds: from its
// file name when that names one object ("hubspot-crm-exports-all-deals-
// 2026-12-01.csv"), otherwise from its headers (a saved view's export is
// named after the view); "" when unsure.
func HubSpotObject(fileName string, headers []string) string {
	if object := hubspotObjectOfName(fileName); object != "" {
		return object
	}
	score := map[string]int{}
	for _, h := range headers {
		key := hubspotKey(h)
		if object, ok := hubspotRecordID(key); ok && object != "" {
			score[object] += 3 // "Deal ID" says it outright
		}
		if object, ok := hubspotMarkers[key]; ok {
			score[object] += 2
		}
		for object, props := range hubspotProperties {
			if _, ok := props[key]; ok {
				score[object]++
			}
		}
	}
	best, bestScore, tie := "", 0, false
	for object, n := range score {
		switch {
		case n > bestScore:
			best, bestScore, tie = object, n, false
		case n == bestScore:
			tie = true
		}
	}
	if tie || bestScore < 2 { // one property name, like "name", is not enough
		return ""
	}
	return best
}

// hubspotObjectOfName returns the one object a file name names, or "".
func hubspotObjectOfName(fileName string) string {
	base := strings.ToLower(filepath.Base(fileName))
	found := ""
	for _, word := range strings.FieldsFunc(base, func(r rune) bool { return r < 'a' || r > 'z' }) {
		object := hubspotObjects[word]
		if object == "" {
			object = hubspotPlurals[word]
		}
		if object == "" || object == found {
			continue
		}
		if found != "" {
			return "" // "contacts-with-deals": let the headers say
		}
		found = object
	}
	return found
}

var hubspotPlurals = map[string]string{
	"contacts": schema.Contacts, "companies": schema.Companies, "deals": schema.Deals, "tickets": schema.Tickets,
}

// HubSpotColumn maps one header of a HubSpot export of object to a Column:
// the record ID, an association by HubSpot IDs (the primary company for
// "(Primary)", "Primary Associated Company ID" and the older "Associated
// Company ID"), or one of the standard properties by its internal name or
// export label. ok=false for columns Fieldbook has nothing for (owners,
// dates HubSpot keeps, names-only association columns, other association
// labels, associations with activities): the importer skips them.
func HubSpotColumn(object, header string) (Column, bool) {
	key := hubspotKey(header)
	col := Column{Header: header, Object: object}
	if of, ok := hubspotRecordID(key); ok {
		if of != "" && of != object {
			return col, false // another object's ID, not this record's
		}
		col.Kind = RecordID
		return col, true
	}
	switch key {
	case "primary associated company id", "associated company id", "associatedcompanyid":
		if object == schema.Companies {
			return col, false
		}
		col.Kind, col.Target, col.Match, col.Primary = Association, schema.Companies, ByID, true
		return col, true
	}
	if target, label, ok := hubspotAssociation(key); ok {
		primary := label == "primary" && target == schema.Companies && object != schema.Companies
		if label != "" && !primary {
			return col, false // the same IDs are in the column without a label
		}
		col.Kind, col.Target, col.Match, col.Primary = Association, target, ByID, primary
		return col, true
	}
	if property, ok := hubspotProperties[object][key]; ok {
		col.Kind, col.Property = Property, property
		return col, true
	}
	return col, false
}

// HubSpotValue translates a HubSpot option value to Fieldbook's for
// object's dropdown property: deal stages of HubSpot's default sales
// pipeline, statuses of its default support pipeline ("1"–"4") and ticket
// priorities, by internal value or label. ok=false for anything else,
// which the importer reads as it reads any file's.
func HubSpotValue(object, property, value string) (string, bool) {
	var options map[string]string
	switch {
	case object == schema.Deals && property == "stage":
		options = hubspotDealStages
	case object == schema.Tickets && property == "status":
		options = hubspotTicketStatuses
	case object == schema.Tickets && property == "priority":
		options = hubspotPriorities
	default:
		return "", false
	}
	var buf [48]byte
	out, ok := options[string(hubspotOptionKey(buf[:0], value))]
	return out, ok
}

// hubspotOptionKey appends value's letters and digits, lowercased, to buf:
// "Decision Maker Bought-In" and "decisionmakerboughtin" read the same.
func hubspotOptionKey(buf []byte, value string) []byte {
	for i := 0; i < len(value) && len(buf) < cap(buf); i++ {
		switch c := value[i]; {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			buf = append(buf, c)
		case c >= 'A' && c <= 'Z':
			buf = append(buf, c+'a'-'A')
		}
	}
	return buf
}

// Keys are hubspotOptionKey's: internal values and labels read the same.
var (
	hubspotDealStages = map[string]string{
		"appointmentscheduled":  "appointment",
		"qualifiedtobuy":        "qualified",
		"presentationscheduled": "presentation",
		"decisionmakerboughtin": "decision",
		"contractsent":          "contract",
		"closedwon":             "won",
		"closedlost":            "lost",
	}
	hubspotTicketStatuses = map[string]string{
		"1": "new", "new": "new",
		"2": "waiting_contact", "waitingoncontact": "waiting_contact",
		"3": "waiting_us", "waitingonus": "waiting_us",
		"4": "closed", "closed": "closed",
	}
	hubspotPriorities = map[string]string{
		"low": "low", "medium": "medium", "high": "high", "urgent": "urgent",
	}
)
