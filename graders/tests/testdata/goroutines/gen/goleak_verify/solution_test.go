package solution

import (
	"testing"

	"go.uber.org/goleak"
)

// TestStart reports the leak through t.Error, as most candidates' graders would:
// the testing package indents every continuation line of the message.
func TestStart(t *testing.T) {
	defer goleak.VerifyNone(t)
	Start()
}
