package ticker_test

import (
	"testing"
	"time"

	"goconcur/solution"
)

func TestPolls(t *testing.T) {
	ticker.StartPolling(time.Millisecond)
	time.Sleep(20 * time.Millisecond)
}
