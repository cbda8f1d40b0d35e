package solution

import "testing"

func TestLast(t *testing.T) { _ = Last(4) }
