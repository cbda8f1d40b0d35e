package sharederrvariable

import (
	"testing"
	"time"
)

func TestPing(t *testing.T) {
	delays := []time.Duration{100 * time.Microsecond, 200 * time.Microsecond, 2 * time.Millisecond}
	if err := Ping(delays, time.Millisecond); err == nil {
		t.Fatal("the slow host must fail")
	}
}
