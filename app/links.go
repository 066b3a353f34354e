package app

import (
	"strings"
	"time"
)

// LinkScheme starts a record link: fieldbook://<object>/<record ID>. The
// frontend (src/features/links) reads the rest and says when it is wrong.
const LinkScheme = "fieldbook://"

// FindLink returns the first argument that is a Fieldbook link (the desktop
// passes one when a link is opened: Exec=fieldbook %u), or "".
func FindLink(args []string) string {
	for _, a := range args {
		a = strings.TrimSpace(a)
		if len(a) > len(LinkScheme) && strings.EqualFold(a[:len(LinkScheme)], LinkScheme) {
			return a
		}
	}
	return ""
}

// LinkRequest is the last link Fieldbook was launched with or handed by a
// second launch. ID is new for each link (0: none), so each window opens
// each link once, however often it asks (a reload, the event and the start
// racing each other).
type LinkRequest struct {
	ID   int64  `json:"id"`
	Link string `json:"link"`
}

// OpenLink keeps a link for the UI to open: main calls it with the launch
// link, SecondInstance with a handed-over one. It is kept even before the
// window is up, so a link that arrives while Fieldbook starts is not lost.
func (l *Lifecycle) OpenLink(link string) {
	if link == "" {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.lastLinkID == 0 {
		// IDs start at the launch time so a window that lives on across a
		// restart (the dev server's browser tab) does not mistake a new link
		// for one it opened before.
		l.lastLinkID = time.Now().UnixMilli()
	}
	l.lastLinkID++
	l.link = LinkRequest{ID: l.lastLinkID, Link: link}
}

// pendingLink is the last link kept by OpenLink.
func (l *Lifecycle) pendingLink() LinkRequest {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.link
}

// PendingLink returns the last link Fieldbook was launched with or handed by
// a second launch (ID 0 when none). The frontend asks once it starts and on
// every "app:second-instance" event, and opens a link whose ID it has not
// opened yet.
func (s *Shell) PendingLink() (out LinkRequest, err error) {
	defer guard(&err)
	return s.life.pendingLink(), nil
}
