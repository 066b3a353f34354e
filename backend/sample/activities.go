package sample

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"fieldbook/backend/associations"
	"fieldbook/backend/changelog"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
)

// ActivityMix weighs the activity objects Activities draws from (the
// weights are relative: 30/20/25/10/15 is a mix in percent).
type ActivityMix struct {
	Notes, Calls, Emails, Meetings, Tasks int
}

// SampleMix is the newcomer's mix: every type, and tasks enough to fill
// the Tasks page's quick filters.
var SampleMix = ActivityMix{Notes: 30, Calls: 20, Emails: 25, Meetings: 10, Tasks: 15}

// ActivityPlan says which activities Activities adds.
type ActivityPlan struct {
	// PerContact is how many activities a contact gets on average: each
	// gets between about 1 and 2×PerContact−1, and all of them together
	// PerContact×contacts, rounded down.
	PerContact float64
	Mix        ActivityMix
	// Now places the dates: activities fall over the year before it,
	// tasks are due around it (overdue, today, upcoming) in its time zone.
	Now time.Time
	// Contacts are the contacts to log on; none: every contact.
	Contacts []string
}

// SamplePlan is the newcomer's plan: about 3 activities per contact.
func SamplePlan(now time.Time) ActivityPlan {
	return ActivityPlan{PerContact: 3, Mix: SampleMix, Now: now}
}

// colleagues are the sample's other users, who log activities beside the
// user loading the sample.
var colleagues = []changelog.Actor{
	{ID: "sample-maya", Name: "Maya Lindqvist"},
	{ID: "sample-tom", Name: "Tom Becker"},
	{ID: "sample-priya", Name: "Priya Raman"},
}

// Activities logs activities on the records as a small sales team would
// have over a year: each contact gets about plan.PerContact, most logged on
// the contact itself and some on one of its tickets or deals. Each is also
// associated with records the default activity rules pick, with the source
// Activity auto association: often the contact's primary company,
// sometimes its most recent open deals; a ticket's or a deal's contacts,
// a deal's primary company. The authors are meta's actor (when it has one)
// and three colleagues; each author's activities are written in batches as
// large as one transaction takes. The same seed and plan give the same
// activities for the same records. It returns how many it made of each
// activity object.
func Activities(meta changelog.Meta, recs *records.Service, links *associations.Service, plan ActivityPlan, seed uint64) (map[string]int, error) {
	r := rand.New(rand.NewPCG(seed, seed^0x2545f4914f6cdd1d))
	contacts := plan.Contacts
	if len(contacts) == 0 {
		var err error
		if contacts, err = IDs(recs, schema.Contacts); err != nil {
			return nil, err
		}
	}
	authors := colleagues
	if meta.Actor.ID != "" {
		authors = append([]changelog.Actor{meta.Actor}, colleagues...)
	}
	w := &activityWriter{meta: meta, links: links, made: map[string]int{}, pending: make([]associations.Batch, len(authors))}
	g := activityGen{r: r, now: plan.Now, mix: mixTable(plan.Mix)}
	// Contact i gets ⌊(i+1)p + j(i+1)⌋ − ⌊ip + j(i)⌋ activities, j random in
	// [0, p−1): between 1 and 2p−1, and PerContact×contacts in all.
	p := plan.PerContact
	spread := func() float64 { return r.Float64() * max(0, p-1) }
	floor := func(i int, j float64) int { return int(float64(i)*p + j) }
	jitter := 0.0
	for i, c := range contacts {
		next := 0.0
		if i < len(contacts)-1 {
			next = spread()
		}
		n := floor(i+1, next) - floor(i, jitter)
		jitter = next
		if n == 0 {
			continue
		}
		facts, err := contactFacts(recs, links, c)
		if err != nil {
			return w.made, err
		}
		for range n {
			author := r.IntN(len(authors))
			on, auto, err := g.records(links, facts)
			if err != nil {
				return w.made, err
			}
			object, props := g.activity(facts, authors[author])
			if err := w.add(author, authors[author], object, props, on, auto); err != nil {
				return w.made, err
			}
		}
	}
	for i, a := range authors {
		if err := w.flush(i, a); err != nil {
			return w.made, err
		}
	}
	return w.made, nil
}

// aContact is what a contact's activities name and are associated with.
type aContact struct {
	id, first, email string
	company          associations.Associated // its primary company; ID "" if none
	deals            []string                // its open deals, the most recent first, at most 5
	tickets          []string
	dealNames        []string
}

func contactFacts(recs *records.Service, links *associations.Service, id string) (aContact, error) {
	c, err := recs.Get(id)
	if err != nil {
		return aContact{}, err
	}
	out := aContact{id: id}
	out.first, _ = c.Props["firstname"].(string)
	out.email, _ = c.Props["email"].(string)
	companies, err := links.Page(id, schema.Companies, 0, associations.MaxPage)
	if err != nil {
		return out, err
	}
	for _, a := range companies.Items {
		if a.Primary {
			out.company = a
		}
	}
	deals, err := links.Page(id, schema.Deals, 0, associations.MaxPage)
	if err != nil {
		return out, err
	}
	// IDs are UUIDv7: their order is the order the deals were created in.
	slices.SortFunc(deals.Items, func(a, b associations.Associated) int { return cmp.Compare(b.ID, a.ID) })
	for _, d := range deals.Items {
		if len(out.deals) == 5 {
			break
		}
		rec, err := recs.Get(d.ID)
		if err != nil {
			return out, err
		}
		if stage := rec.Props["stage"]; stage != "won" && stage != "lost" {
			out.deals = append(out.deals, d.ID)
			out.dealNames = append(out.dealNames, d.Name)
		}
	}
	tickets, err := links.Page(id, schema.Tickets, 0, associations.MaxPage)
	if err != nil {
		return out, err
	}
	for _, t := range tickets.Items {
		out.tickets = append(out.tickets, t.ID)
	}
	return out, nil
}

// activityWriter gathers each author's activities into batches of one
// transaction (the author is the operation's actor).
type activityWriter struct {
	meta    changelog.Meta
	links   *associations.Service
	pending []associations.Batch // by author
	made    map[string]int
}

func (w *activityWriter) add(author int, actor changelog.Actor, object string, props map[string]any, on string, auto []string) error {
	b := &w.pending[author]
	if len(b.Records) == records.MaxCreateLinked || len(b.Links)+1+len(auto) > associations.MaxBatchLinks {
		if err := w.flush(author, actor); err != nil {
			return err
		}
	}
	key := "activity " + strconv.Itoa(len(b.Records))
	b.Records = append(b.Records, associations.NewRecord{Key: key, Object: object, Props: props})
	b.Links = append(b.Links, associations.Link{From: key, To: on})
	for _, id := range auto {
		b.Links = append(b.Links, associations.Link{From: key, To: id, Source: changelog.SourceActivityAuto})
	}
	return nil
}

func (w *activityWriter) flush(author int, actor changelog.Actor) error {
	b := &w.pending[author]
	if len(b.Records) == 0 {
		return nil
	}
	meta := w.meta
	meta.Actor = actor
	if _, err := w.links.Create(meta, *b); err != nil {
		return err
	}
	for _, nr := range b.Records {
		w.made[nr.Object]++
	}
	*b = associations.Batch{Records: b.Records[:0], Links: b.Links[:0]}
	return nil
}

// activityGen draws activities.
type activityGen struct {
	r   *rand.Rand
	now time.Time
	mix []string // activity objects, each as often as its weight
}

func mixTable(m ActivityMix) []string {
	var out []string
	for _, w := range []struct {
		obj string
		n   int
	}{{schema.Notes, m.Notes}, {schema.Calls, m.Calls}, {schema.Emails, m.Emails}, {schema.Meetings, m.Meetings}, {schema.Tasks, m.Tasks}} {
		for range w.n {
			out = append(out, w.obj)
		}
	}
	if len(out) == 0 {
		out = []string{schema.Notes}
	}
	return out
}

// records picks the record an activity is logged on and those the rules
// would add: on the contact (90 %), its primary company most of the time,
// its open deals sometimes; on one of its tickets (6 %), with the ticket's
// contacts; on one of its deals (4 %), with the deal's primary company and
// contacts.
func (g *activityGen) records(links *associations.Service, c aContact) (on string, auto []string, err error) {
	switch x := g.r.IntN(100); {
	case x < 6 && len(c.tickets) > 0:
		on = c.tickets[g.r.IntN(len(c.tickets))]
		auto, err = others(links, on, schema.Contacts, false)
		return on, auto, err
	case x < 10 && len(c.deals) > 0:
		on = c.deals[g.r.IntN(len(c.deals))]
		if auto, err = others(links, on, schema.Companies, true); err != nil {
			return on, nil, err
		}
		contacts, err := others(links, on, schema.Contacts, false)
		return on, append(auto, contacts...), err
	}
	if c.company.ID != "" && g.r.IntN(5) != 0 {
		auto = append(auto, c.company.ID)
	}
	if len(c.deals) > 0 && g.r.IntN(5) < 2 {
		auto = append(auto, c.deals...)
	}
	return c.id, auto, nil
}

// others lists record's associated records of object (primary: only its
// primary company).
func others(links *associations.Service, record, object string, primary bool) ([]string, error) {
	g, err := links.Page(record, object, 0, associations.MaxPage)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, a := range g.Items {
		if a.Primary || !primary {
			out = append(out, a.ID)
		}
	}
	return out, nil
}

// activity draws one activity about contact c, written by author.
func (g *activityGen) activity(c aContact, author changelog.Actor) (string, map[string]any) {
	obj := g.mix[g.r.IntN(len(g.mix))]
	company := c.company.Name
	if company == "" {
		company = "their team"
	}
	deal := "the annual plan"
	if len(c.dealNames) > 0 {
		deal = "the " + c.dealNames[0] + " deal"
	}
	first := c.first
	if first == "" {
		first = "them"
	}
	fill := strings.NewReplacer("{first}", first, "{company}", company, "{deal}", deal,
		"{author}", firstWord(author.Name), "{n}", strconv.Itoa(1000+g.r.IntN(9000)), "{city}", cities[g.r.IntN(len(cities))]).Replace
	pick := func(list []string) string { return fill(list[g.r.IntN(len(list))]) }
	switch obj {
	case schema.Calls:
		outcome := weighted(g.r, callOutcomes)
		duration := 0
		if outcome == "connected" {
			duration = 3 + g.r.IntN(43)
		}
		direction := "outbound"
		if g.r.IntN(10) < 3 {
			direction = "inbound"
		}
		body := pick(callNotes)
		if outcome != "connected" {
			body = pick(missedCallNotes)
		}
		return obj, map[string]any{"title": pick(callTitles), "body": body, "direction": direction,
			"outcome": outcome, "duration": float64(duration), "at": stamp(g.past())}
	case schema.Emails:
		ours := emailOf(author)
		props := map[string]any{"subject": pick(emailSubjects), "at": stamp(g.past())}
		if g.r.IntN(3) == 0 {
			props["direction"], props["from"], props["to"], props["body"] = "received", c.email, ours, pick(receivedEmails)
		} else {
			props["direction"], props["from"], props["to"], props["body"] = "sent", ours, c.email, pick(sentEmails)
		}
		if g.r.IntN(5) == 0 {
			props["cc"] = emailOf(colleagues[g.r.IntN(len(colleagues))])
		}
		return obj, props
	case schema.Meetings:
		start, outcome := g.past(), weighted(g.r, pastMeetings)
		if g.r.IntN(100) < 15 { // upcoming
			start, outcome = g.day(1+g.r.IntN(21)), "scheduled"
		}
		start = start.Truncate(30 * time.Minute)
		end := start.Add(time.Duration([]int{30, 45, 60, 60, 90}[g.r.IntN(5)]) * time.Minute)
		return obj, map[string]any{"title": pick(meetingTitles), "start": stamp(start), "end": stamp(end),
			"location": pick(locations), "outcome": outcome, "body": pick(meetingNotes)}
	case schema.Tasks:
		kind := []string{"todo", "todo", "call", "email"}[g.r.IntN(4)]
		status := "not_started"
		var due time.Time
		switch x := g.r.IntN(100); {
		case x < 30: // done
			due, status = g.day(-g.r.IntN(60)), "completed"
		case x < 50: // overdue
			due = g.day(-1 - g.r.IntN(21))
		case x < 65: // due today
			due = g.day(0)
		default: // upcoming
			due = g.day(1 + g.r.IntN(30))
		}
		return obj, map[string]any{"title": pick(taskTitles[kind]), "body": pick(taskNotes), "due": stamp(due.Truncate(time.Hour)),
			"status": status, "priority": []string{"low", "medium", "medium", "high"}[g.r.IntN(4)], "type": kind}
	}
	return schema.Notes, map[string]any{"body": pick(noteBodies), "at": stamp(g.past())}
}

// past is a moment during working hours in the year before now.
func (g *activityGen) past() time.Time {
	t := g.day(-g.r.IntN(365))
	if t.After(g.now) {
		t = t.AddDate(0, 0, -1)
	}
	return t
}

// day is a moment between 8:00 and 18:00 on the day offset days from now
// (in now's time zone).
func (g *activityGen) day(offset int) time.Time {
	y, m, d := g.now.Date()
	return time.Date(y, m, d+offset, 8, g.r.IntN(600), 0, 0, g.now.Location())
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func firstWord(name string) string {
	first, _, _ := strings.Cut(name, " ")
	return first
}

// emailOf is a user's address at the sample's own company.
func emailOf(a changelog.Actor) string {
	return strings.ToLower(asciiOnly(firstWord(a.Name))) + "@fieldbook.example"
}

// weighted draws one of "value:weight" choices.
func weighted(r *rand.Rand, choices []string) string {
	total := 0
	for _, c := range choices {
		_, w, _ := strings.Cut(c, ":")
		n, _ := strconv.Atoi(w)
		total += n
	}
	x := r.IntN(total)
	for _, c := range choices {
		v, w, _ := strings.Cut(c, ":")
		n, _ := strconv.Atoi(w)
		if x < n {
			return v
		}
		x -= n
	}
	return ""
}

var (
	callOutcomes = []string{"connected:60", "left_voicemail:15", "no_answer:13", "busy:8", "wrong_number:4"}
	pastMeetings = []string{"completed:80", "rescheduled:9", "no_show:5", "canceled:6"}

	noteBodies = []string{
		"Spoke with {first} after the demo. They liked the reporting but want to see the export before deciding.",
		"{first} is out until the end of the month; until then, questions go to the office manager.",
		"Met {first} at the trade fair in {city}. Interested in {deal} for about 12 seats.\nSent the brochure the same day.",
		"Budget for next year is approved. {first} needs a signed quote before the board meets.\nPrice list we discussed: https://fieldbook.example/pricing",
		"Prefers email to calls. Do not call before 10:00.",
		"Asked whether we connect to their accounting software. Checked with support: the CSV export covers it.\nHow-to: https://help.fieldbook.example/articles/csv-export\nFollow up next week.",
		"Usage at {company} went up by a third this year: a good moment to propose {deal}.",
		"{company} moves to a new office in {city} in the summer; new billing address to follow.",
		"{first} took over purchasing from a colleague who left. Walked them through the account history.",
		"Competitor offered a lower price. {first} would rather stay if we match the support hours.\n- keep the current plan\n- add phone support\n- decide by Friday",
	}
	callTitles = []string{"Call with {first}", "Follow-up call", "Discovery call", "Pricing questions", "Renewal check-in", "Support escalation"}
	callNotes  = []string{
		"Went through the proposal line by line. {first} will take it to their manager this week.",
		"{first} asked for references from another customer in {city}. Sending two names tomorrow.",
		"Agreed on the rollout plan: pilot with one team first, everyone else a month later.",
		"Talked about {deal}. Main concern is the migration effort; offered two onboarding sessions.\nNotes from the call: https://fieldbook.example/notes/{n}",
		"Quick check-in. All good, no open questions.",
	}
	missedCallNotes = []string{"Tried to reach {first} about {deal}.", "No answer; will try again Thursday.", "Left a message asking {first} to call back."}
	emailSubjects   = []string{"Your quote #{n}", "Follow-up on our call", "Meeting notes", "Question about invoice {n}", "Contract draft for {company}", "Onboarding: next steps"}
	sentEmails      = []string{
		"Hi {first},\n\nthanks for your time today. As promised, here is the proposal for {deal}: https://fieldbook.example/proposals/{n}\n\nBest regards,\n{author}",
		"Hi {first},\n\njust checking in: did you have a chance to look at the quote?\n\nThanks,\n{author}",
		"Hello {first},\n\nattached are the notes from our meeting. Let me know if I missed anything.\n\n{author}",
	}
	receivedEmails = []string{
		"Hi {author},\n\nthanks for the quote. Could you add a line for training? Then we can sign.\n\nKind regards,\n{first}",
		"Hello,\n\nour invoice shows the old address. Please use the new one from next month.\n\n{first}",
		"{author}, can we move our call to next week? Something came up.\n{first}",
	}
	meetingTitles = []string{"Demo for {company}", "Quarterly review", "Onboarding session", "Contract negotiation", "Lunch with {first}", "Kick-off with {company}"}
	locations     = []string{"Video call", "Their office in {city}", "Our office", "Phone", "Café near their office"}
	meetingNotes  = []string{
		"Agenda: current usage, open tickets, plans for next quarter.",
		"Demoed reports and the mobile view. {first} wants a trial account for two colleagues.\nTrial sign-up: https://fieldbook.example/trial",
		"Reviewed the contract terms. Legal has two questions on the data processing agreement.",
		"",
	}
	taskTitles = map[string][]string{
		"todo":  {"Prepare the renewal offer for {company}", "Update the account plan", "Send the signed contract to finance", "Book the onboarding session"},
		"call":  {"Call {first} back", "Call {first} about {deal}", "Check in with {first} after the trial"},
		"email": {"Email the quote to {first}", "Send the meeting notes", "Email {first} the case study"},
	}
	taskNotes = []string{"", "", "{first} asked for this on the last call.", "Check the price list first: https://fieldbook.example/pricing"}
)
