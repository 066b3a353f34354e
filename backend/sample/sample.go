// Package sample builds a realistic small CRM for newcomers ("Load sample
// data") and, at any size, the deterministic data set of the benchmarks.
package sample

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"

	"fieldbook/backend/changelog"
	"fieldbook/backend/records"
	"fieldbook/backend/schema"
)

// Sizes says how many records of each built-in object to make.
type Sizes struct {
	Contacts  int `json:"contacts"`
	Companies int `json:"companies"`
	Deals     int `json:"deals"`
	Tickets   int `json:"tickets"`
	// Associations made by Associate (not a size to ask for).
	Associations int `json:"associations"`
}

// Small is the newcomer's sample: a few hundred of each.
var Small = Sizes{Contacts: 300, Companies: 200, Deals: 250, Tickets: 200}

var (
	firstNames = []string{"Ann", "Ben", "Chloé", "David", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemal", "Lena", "Marta", "Nils", "Olga", "Pedro", "Quinn", "Rosa", "Sven", "Tara", "Uma", "Victor", "Wen", "Xavier", "Yara", "Zoë", "Amir", "Bea", "Carlos", "Dana"}
	lastNames  = []string{"Andersen", "Brown", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Hansen", "Ivanova", "Jansen", "Kowalski", "López", "Müller", "Novak", "O'Brien", "Petrov", "Quintero", "Rossi", "Schmidt", "Tanaka", "Urban", "Vargas", "Weber", "Xu", "Yilmaz", "Zimmermann", "Nakamura", "Silva", "Okafor", "Berg"}
	jobTitles  = []string{"CEO", "CTO", "Head of Sales", "Account Executive", "Operations Manager", "Buyer", "Office Manager", "Engineer", "Marketing Lead", "Procurement Officer", "Store Manager", "Founder"}
	words1     = []string{"North", "Blue", "Silver", "Bright", "Green", "Iron", "Swift", "Red", "Summit", "Harbor", "Maple", "Cedar", "Atlas", "Nova", "Pioneer", "Granite", "Coastal", "Alpine", "Urban", "Golden"}
	words2     = []string{"Logistics", "Foods", "Systems", "Builders", "Health", "Motors", "Labs", "Energy", "Textiles", "Media", "Farms", "Robotics", "Outfitters", "Dental", "Bakery", "Freight", "Software", "Optics", "Tools", "Brewing"}
	industries = []string{"Retail", "Manufacturing", "Healthcare", "Software", "Logistics", "Food & Beverage", "Construction", "Energy", "Education", "Hospitality"}
	cities     = []string{"Berlin", "Lisbon", "Lyon", "Oslo", "Austin", "Toronto", "Osaka", "Melbourne", "Nairobi", "São Paulo", "Dublin", "Kraków"}
	stages     = []string{"appointment", "qualified", "presentation", "decision", "contract", "won", "lost"}
	dealKinds  = []string{"renewal", "expansion", "pilot", "annual plan", "hardware order", "service contract", "onboarding"}
	subjects   = []string{"Cannot log in", "Invoice shows the wrong amount", "Delivery is late", "Request for a quote", "Damaged item on arrival", "How do I export my data?", "Change of billing address", "Training session request", "Password reset link expired", "Bulk discount question"}
	statuses   = []string{"new", "waiting_contact", "waiting_us", "closed"}
	priorities = []string{"low", "medium", "high", "urgent"}
)

// Contact returns the i-th generated contact's properties.
func Contact(r *rand.Rand, i int) map[string]any {
	fi, li := r.IntN(len(firstNames)), r.IntN(len(lastNames))
	first, last := firstNames[fi], lastNames[li]
	t := tables()
	email := strconv.AppendInt(append(make([]byte, 0, 48), t.locals[fi][li]...), int64(i), 10)
	email = append(append(email, '@'), t.domains[i%len(t.domains)]...)
	phone := zeroPadded(append(make([]byte, 0, 16), "+1 555 "...), r.IntN(1000), 3)
	phone = zeroPadded(append(phone, ' '), r.IntN(10000), 4)
	return map[string]any{
		"firstname": first,
		"lastname":  last,
		"email":     string(email),
		"phone":     string(phone),
		"jobtitle":  jobTitles[r.IntN(len(jobTitles))],
	}
}

// generated holds what every contact's email is made of, worked out once:
// generating the data set is part of the load the benchmarks time.
type generated struct {
	locals  [][]string // firstname.lastname, lowercase ASCII, by name index
	domains []string   // the companies' domains that contacts' emails use
}

var tables = sync.OnceValue(func() generated {
	var t generated
	for _, first := range firstNames {
		row := make([]string, len(lastNames))
		for j, last := range lastNames {
			row[j] = strings.ToLower(asciiOnly(first) + "." + asciiOnly(last))
		}
		t.locals = append(t.locals, row)
	}
	for i := range 997 {
		t.domains = append(t.domains, Domain(i))
	}
	return t
})

// zeroPadded appends n with leading zeros to width digits.
func zeroPadded(b []byte, n, width int) []byte {
	for limit := 10; width > 1; width, limit = width-1, limit*10 {
		if n < limit {
			b = append(b, '0')
		}
	}
	return strconv.AppendInt(b, int64(n), 10)
}

// Company returns the i-th generated company's properties; names and
// domains are unique for i below 400, then numbered.
func Company(r *rand.Rand, i int) map[string]any {
	return map[string]any{
		"name":     CompanyName(i),
		"domain":   Domain(i),
		"industry": industries[r.IntN(len(industries))],
		"city":     cities[r.IntN(len(cities))],
	}
}

// CompanyName is the i-th company's name. Both words change from one
// company to the next (a list of companies does not read "North Media,
// Blue Media, Silver Media…"); the first len(words1)×len(words2) are all
// different, since len(words1)+1 and len(words2) have no common factor.
func CompanyName(i int) string {
	a, q := i%len(words1), i/len(words1)
	name := words1[a] + " " + words2[(q+a)%len(words2)]
	if round := i / (len(words1) * len(words2)); round > 0 {
		name += " " + strconv.Itoa(round+1)
	}
	return name
}

// Domain is the i-th company's web domain.
func Domain(i int) string {
	return strings.ToLower(strings.ReplaceAll(CompanyName(i), " ", "")) + ".example"
}

// Deal returns the i-th generated deal's properties.
func Deal(r *rand.Rand, i int) map[string]any {
	return map[string]any{
		"name":      CompanyName(r.IntN(400)) + " " + dealKinds[r.IntN(len(dealKinds))],
		"amount":    float64(500 + r.IntN(200)*250),
		"stage":     stages[r.IntN(len(stages))],
		"closedate": closeDate(1+r.IntN(12), 1+r.IntN(28)),
	}
}

func closeDate(month, day int) string {
	return string(zeroPadded(append(zeroPadded([]byte("2026-"), month, 2), '-'), day, 2))
}

// Ticket returns the i-th generated ticket's properties.
func Ticket(r *rand.Rand, i int) map[string]any {
	return map[string]any{
		"subject":  subjects[r.IntN(len(subjects))] + " (#" + strconv.Itoa(1000+i) + ")",
		"status":   statuses[r.IntN(len(statuses))],
		"priority": priorities[r.IntN(len(priorities))],
	}
}

// Load creates a data set of the given sizes, the same every time for the
// same seed, and returns how many records of each object it made.
func Load(meta changelog.Meta, recs *records.Service, sizes Sizes, seed uint64) (Sizes, error) {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var made Sizes
	steps := []struct {
		object string
		n      int
		gen    func(*rand.Rand, int) map[string]any
		out    *int
	}{
		{schema.Companies, sizes.Companies, Company, &made.Companies},
		{schema.Contacts, sizes.Contacts, Contact, &made.Contacts},
		{schema.Deals, sizes.Deals, Deal, &made.Deals},
		{schema.Tickets, sizes.Tickets, Ticket, &made.Tickets},
	}
	const chunk = 5000 // generate and write in chunks: memory stays flat at any size
	for _, step := range steps {
		for start := 0; start < step.n; start += chunk {
			rows := make([]map[string]any, min(chunk, step.n-start))
			for i := range rows {
				rows[i] = step.gen(r, start+i)
			}
			n, err := recs.CreateMany(meta, step.object, rows)
			*step.out += n
			if err != nil {
				return made, err
			}
		}
	}
	return made, nil
}

func asciiOnly(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
			return r
		case r == 'é' || r == 'ë':
			return 'e'
		case r == 'í':
			return 'i'
		case r == 'ó' || r == 'ö':
			return 'o'
		case r == 'ü' || r == 'ú':
			return 'u'
		case r == 'ã' || r == 'á':
			return 'a'
		}
		return -1
	}, s)
}
