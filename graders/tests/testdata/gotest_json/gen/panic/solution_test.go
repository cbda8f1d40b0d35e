package solution

import "testing"

func TestFirst(t *testing.T) {}

func TestPanics(t *testing.T) { _ = At([]int{1, 2, 3}, 5) }

func TestNeverRuns(t *testing.T) {}
