package schema

// BuiltInID is the ID of a built-in object, bound to the frontend
// (app.Enums). The constants stay untyped: they compare with ObjectDef.ID,
// a string because custom objects have IDs of their own.
type BuiltInID string

// ObjectDef IDs of the built-in objects.
const (
	Contacts  = "contacts"
	Companies = "companies"
	Deals     = "deals"
	Tickets   = "tickets"
)

// BuiltInIDs lists the built-in objects' IDs.
var BuiltInIDs = []BuiltInID{Contacts, Companies, Deals, Tickets}

// firstCustomNum is the key number of the first custom object; 1–99 are
// reserved for built-in objects.
const firstCustomNum uint16 = 100

func prop(name, label string, t PropertyType, options ...Option) Property {
	return Property{Name: name, Label: label, Type: t, Options: options, BuiltIn: true}
}

func opts(pairs ...string) []Option {
	out := make([]Option, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, Option{Value: pairs[i], Label: pairs[i+1]})
	}
	return out
}

// BuiltIns are the objects every data folder starts with. Contacts have no
// DisplayProperty: their name is "first last", falling back to the email.
func BuiltIns() []ObjectDef {
	return []ObjectDef{
		{
			ID: Contacts, Num: 1, Singular: "Contact", Plural: "Contacts", BuiltIn: true,
			Properties: []Property{
				prop("firstname", "First name", Text),
				prop("lastname", "Last name", Text),
				prop("email", "Email", Email),
				prop("phone", "Phone", Phone),
				prop("jobtitle", "Job title", Text),
			},
		},
		{
			ID: Companies, Num: 2, Singular: "Company", Plural: "Companies", BuiltIn: true, DisplayProperty: "name",
			Properties: []Property{
				prop("name", "Name", Text),
				prop("domain", "Domain", URL),
				prop("industry", "Industry", Text),
				prop("city", "City", Text),
			},
		},
		{
			ID: Deals, Num: 3, Singular: "Deal", Plural: "Deals", BuiltIn: true, DisplayProperty: "name",
			Properties: []Property{
				prop("name", "Deal name", Text),
				prop("amount", "Amount", Currency),
				prop("stage", "Stage", Dropdown, opts(
					"appointment", "Appointment scheduled",
					"qualified", "Qualified to buy",
					"presentation", "Presentation scheduled",
					"decision", "Decision maker bought-in",
					"contract", "Contract sent",
					"won", "Closed won",
					"lost", "Closed lost",
				)...),
				prop("closedate", "Close date", Date),
			},
		},
		{
			ID: Tickets, Num: 4, Singular: "Ticket", Plural: "Tickets", BuiltIn: true, DisplayProperty: "subject",
			Properties: []Property{
				prop("subject", "Subject", Text),
				prop("status", "Status", Dropdown, opts(
					"new", "New",
					"waiting_contact", "Waiting on contact",
					"waiting_us", "Waiting on us",
					"closed", "Closed",
				)...),
				prop("priority", "Priority", Dropdown, opts(
					"low", "Low",
					"medium", "Medium",
					"high", "High",
					"urgent", "Urgent",
				)...),
			},
		},
	}
}
