package doublecloseflag

import (
	"errors"
	"testing"
	"time"
)

func TestRun(t *testing.T) {
	j := NewJob()
	boom := func() error { time.Sleep(50 * time.Microsecond); return errors.New("boom") }
	quick := func() error { return errors.New("quick") }
	if err := j.Run([]func() error{boom, quick}); err == nil {
		t.Fatal("want aborted")
	}
}
