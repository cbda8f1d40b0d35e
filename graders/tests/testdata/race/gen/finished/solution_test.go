package solution

import "testing"

func TestMode(t *testing.T) { _ = Mode() }
