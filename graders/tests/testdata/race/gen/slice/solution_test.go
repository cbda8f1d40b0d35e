package solution

import "testing"

func TestPoll(t *testing.T) { _ = Poll() }
