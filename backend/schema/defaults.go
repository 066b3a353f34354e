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

	// Activities: the work logged on records' timelines (backend/activities).
	Notes    = "notes"
	Calls    = "calls"
	Emails   = "emails"
	Meetings = "meetings"
	Tasks    = "tasks"
)

// BuiltInIDs lists the built-in objects' IDs.
var BuiltInIDs = []BuiltInID{Contacts, Companies, Deals, Tickets, Notes, Calls, Emails, Meetings, Tasks}

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
				prop("website", "Website", URL),
			},
		},
		{
			ID: Companies, Num: 2, Singular: "Company", Plural: "Companies", BuiltIn: true, DisplayProperty: "name",
			Properties: []Property{
				prop("name", "Name", Text),
				prop("domain", "Domain", URL),
				prop("industry", "Industry", Text),
				prop("city", "City", Text),
				prop("domains", "Additional domains", Domains),
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
		{
			ID: Notes, Num: 5, Singular: "Note", Plural: "Notes", BuiltIn: true, DisplayProperty: "body", ActivityDate: "at",
			Properties: []Property{
				prop("body", "Note", LongText),
				prop("at", "Activity date", DateTime),
			},
		},
		{
			ID: Calls, Num: 6, Singular: "Call", Plural: "Calls", BuiltIn: true, DisplayProperty: "title", ActivityDate: "at",
			Properties: []Property{
				prop("title", "Title", Text),
				prop("body", "Notes", LongText),
				prop("direction", "Direction", Dropdown, opts("outbound", "Outbound", "inbound", "Inbound")...),
				prop("outcome", "Outcome", Dropdown, opts(
					"connected", "Connected",
					"busy", "Busy",
					"no_answer", "No answer",
					"left_voicemail", "Left voicemail",
					"wrong_number", "Wrong number",
				)...),
				prop("duration", "Duration (minutes)", Number),
				prop("at", "Activity date", DateTime),
			},
		},
		{
			ID: Emails, Num: 7, Singular: "Email", Plural: "Emails", BuiltIn: true, DisplayProperty: "subject", ActivityDate: "at",
			Properties: []Property{
				prop("subject", "Subject", Text),
				prop("body", "Body", LongText),
				prop("direction", "Direction", Dropdown, opts("sent", "Sent", "received", "Received")...),
				prop("from", "From", Text),
				prop("to", "To", Text),
				prop("cc", "Cc", Text),
				prop("at", "Activity date", DateTime),
			},
		},
		{
			ID: Meetings, Num: 8, Singular: "Meeting", Plural: "Meetings", BuiltIn: true, DisplayProperty: "title", ActivityDate: "start",
			Properties: []Property{
				prop("title", "Title", Text),
				prop("start", "Start", DateTime),
				prop("end", "End", DateTime),
				prop("location", "Location", Text),
				prop("outcome", "Outcome", Dropdown, opts(
					"scheduled", "Scheduled",
					"completed", "Completed",
					"rescheduled", "Rescheduled",
					"no_show", "No show",
					"canceled", "Canceled",
				)...),
				prop("body", "Notes", LongText),
			},
		},
		{
			ID: Tasks, Num: 9, Singular: "Task", Plural: "Tasks", BuiltIn: true, DisplayProperty: "title", ActivityDate: "due",
			Properties: []Property{
				prop("title", "Title", Text),
				prop("body", "Notes", LongText),
				prop("due", "Due", DateTime),
				prop("status", "Status", Dropdown, opts("not_started", "Not started", "completed", "Completed")...),
				prop("priority", "Priority", Dropdown, opts("low", "Low", "medium", "Medium", "high", "High")...),
				prop("type", "Type", Dropdown, opts("todo", "To-do", "call", "Call", "email", "Email")...),
			},
		},
	}
}
