package closeaftertimeout

import (
	"testing"
	"time"
)

func TestCollect(t *testing.T) {
	got := Collect(4, 5*time.Millisecond)
	if len(got) == 0 {
		t.Fatal("nothing collected")
	}
	time.Sleep(2 * time.Millisecond)
}
