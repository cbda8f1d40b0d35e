package samplerselectonsend

import (
	"testing"
	"time"
)

func TestSampler(t *testing.T) {
	s := NewSampler(200 * time.Microsecond)
	for i := 0; i < 3; i++ {
		<-s.events
	}
	s.Close()
}
