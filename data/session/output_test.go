package session

import "bytes"

// MemOutput is an Output in memory for tests: Published tells whether the
// service published it, and OnPublish (if set) runs at that moment.
type MemOutput struct {
	bytes.Buffer
	Published bool
	OnPublish func()
}

// Publish records that the bundle was published.
func (m *MemOutput) Publish() error {
	if m.OnPublish != nil {
		m.OnPublish()
	}
	m.Published = true
	return nil
}
