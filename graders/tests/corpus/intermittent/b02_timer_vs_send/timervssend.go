package timervssend

import (
	"errors"
	"time"
)

var ErrTimeout = errors.New("timeout")

func slowSquare(n int) int {
	time.Sleep(time.Duration(n%3) * time.Millisecond)
	return n * n
}

// SquareWithin returns n*n, or ErrTimeout when it takes longer than d.
func SquareWithin(n int, d time.Duration) (int, error) {
	result := make(chan int)
	go func() { result <- slowSquare(n) }()
	select {
	case v := <-result:
		return v, nil
	case <-time.After(d):
		return 0, ErrTimeout
	}
}
