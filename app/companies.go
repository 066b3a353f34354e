package app

import (
	"context"
	"sync"

	"fieldbook/backend/autodomain"
	"fieldbook/backend/domains"
	"fieldbook/backend/errs"
)

// EventAutoDomain carries the run over existing contacts to the frontend:
// its progress a few times a second, and once more when it ends.
const EventAutoDomain = "autodomain:progress"

// AutoDomainRun is how a run over the existing contacts stands.
type AutoDomainRun struct {
	Running  bool                `json:"running"`
	Progress autodomain.Progress `json:"progress"`
	Result   autodomain.Result   `json:"result"`
	Canceled bool                `json:"canceled"`
	Error    string              `json:"error,omitempty"`
}

// Companies lets the frontend set up companies by domain (Settings →
// Companies): the automation, the free-mail and excluded domains, a run
// over the existing contacts, and the suggestions on a contact's page.
type Companies struct {
	life *Lifecycle
	auto *autodomain.Service
	doms *domains.Service

	mu     sync.Mutex
	run    AutoDomainRun
	cancel context.CancelFunc
	done   chan struct{}
}

// NewCompanies binds the companies-by-domain services; a run is stopped
// when the app quits (what it wrote stays).
func NewCompanies(life *Lifecycle) *Companies {
	c := &Companies{life: life}
	life.attach = append(life.attach, func(s Services) { c.auto, c.doms = s.AutoDomain, s.Domains })
	life.stopping = append(life.stopping, c.stop)
	return c
}

// Automation says whether contacts are associated with the company of
// their email domain.
func (c *Companies) Automation() (out autodomain.Setting, err error) {
	defer guard(&err)
	if err = c.life.ready(); err != nil {
		return out, err
	}
	return c.auto.Setting()
}

// SaveAutomation turns the automation on or off; ApplyToExisting runs it
// over the contacts there are.
func (c *Companies) SaveAutomation(in autodomain.Setting) (out autodomain.Setting, err error) {
	defer guard(&err)
	if err = c.life.ready(); err != nil {
		return out, err
	}
	return c.auto.SaveSetting(c.life.userMeta(), in)
}

// ApplyToExisting starts matching every existing contact with a company in
// the background; progress comes as EventAutoDomain.
func (c *Companies) ApplyToExisting() (out AutoDomainRun, err error) {
	defer guard(&err)
	if err = c.life.ready(); err != nil {
		return out, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.run.Running {
		return out, errs.Invalid("job", "Companies are already being matched to contacts by domain; wait for that to finish.")
	}
	ctx, cancel := context.WithCancel(context.Background())
	c.run, c.cancel, c.done = AutoDomainRun{Running: true}, cancel, make(chan struct{})
	meta := c.life.userMeta()
	go func() {
		defer close(c.done)
		res, err := c.auto.Run(ctx, meta, func(p autodomain.Progress) {
			c.mu.Lock()
			c.run.Progress = p
			now := c.run
			c.mu.Unlock()
			c.emit(now)
		})
		c.mu.Lock()
		c.run.Running, c.run.Result = false, res
		if ctx.Err() != nil {
			c.run.Canceled = true
		} else if err != nil {
			c.run.Error = errs.As(err).Message
		}
		now := c.run
		c.mu.Unlock()
		cancel()
		c.emit(now)
	}()
	return c.run, nil
}

// ApplyStatus is the last run's state.
func (c *Companies) ApplyStatus() (out AutoDomainRun, err error) {
	defer guard(&err)
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.run, nil
}

// CancelApply stops the run between two transactions.
func (c *Companies) CancelApply() (err error) {
	defer guard(&err)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cancel != nil {
		c.cancel()
	}
	return nil
}

func (c *Companies) stop() {
	c.mu.Lock()
	done := c.done
	if c.cancel != nil {
		c.cancel()
	}
	c.mu.Unlock()
	if done != nil {
		<-done
	}
}

func (c *Companies) emit(run AutoDomainRun) {
	if w := c.life.window(); w != nil {
		w.emit(EventAutoDomain, run)
	}
}

// DomainLists returns the changes to the free-mail list and the excluded
// domains.
func (c *Companies) DomainLists() (out domains.Lists, err error) {
	defer guard(&err)
	if err = c.life.ready(); err != nil {
		return out, err
	}
	return c.doms.Lists()
}

// SaveDomainLists stores them, each domain in its canonical form.
func (c *Companies) SaveDomainLists(in domains.Lists) (out domains.Lists, err error) {
	defer guard(&err)
	if err = c.life.ready(); err != nil {
		return out, err
	}
	return c.doms.SaveLists(c.life.userMeta(), in)
}

// ShippedFreeMail is how many free-mail domains come with the app.
func (c *Companies) ShippedFreeMail() (n int, err error) {
	defer guard(&err)
	return domains.ShippedFreeMail(), nil
}

// Suggestion is the company a contact's email domain suggests, or nil.
func (c *Companies) Suggestion(contact string) (out *autodomain.Suggestion, err error) {
	defer guard(&err)
	if err = c.life.ready(); err != nil {
		return nil, err
	}
	return c.auto.Suggest(contact)
}

// DismissSuggestion stops suggesting company for contact.
func (c *Companies) DismissSuggestion(contact, company string) (err error) {
	defer guard(&err)
	if err = c.life.ready(); err != nil {
		return err
	}
	return c.auto.Dismiss(c.life.userMeta(), contact, company)
}
