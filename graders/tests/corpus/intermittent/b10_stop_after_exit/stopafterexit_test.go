package stopafterexit

import (
	"testing"
	"time"
)

func TestHeartbeat(t *testing.T) {
	h := Start(time.Millisecond, 3)
	<-h.beats
	go h.Stop()
	time.Sleep(2 * time.Millisecond)
}
