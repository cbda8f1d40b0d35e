package solution

import (
	"strings"
	"testing"
)

func TestCountMatchesExample(t *testing.T) {
	lines := []string{
		"INFO start",
		"ERROR disk full",
		"INFO retry",
		"ERROR disk full again",
	}
	got := CountMatches(lines, 2, func(s string) bool { return strings.HasPrefix(s, "ERROR") })
	if got != 2 {
		t.Fatalf("CountMatches = %d, want 2", got)
	}
}

func TestCountMatchesEmpty(t *testing.T) {
	if got := CountMatches(nil, 3, func(string) bool { return true }); got != 0 {
		t.Fatalf("CountMatches(nil) = %d, want 0", got)
	}
}
