package partialresultstimeout

import (
	"testing"
	"time"
)

func TestGather(t *testing.T) {
	got := Gather(4, 20*time.Millisecond)
	if len(got) == 0 {
		t.Fatal("nothing gathered")
	}
}
